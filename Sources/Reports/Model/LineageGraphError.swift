/// A lineage graph that cannot be built, or a name a query cannot find.
public enum LineageGraphError: Error, Equatable, CustomStringConvertible {
    case duplicateNode(String)
    case unknownEdgeNode(String, edge: LineageEdge)
    case inputOfNonMerge(LineageEdge)
    case duplicatePosition(merge: String, position: Int)
    /// Members in edge order, the first repeated at the end.
    case cycle([String])
    case nodeNotFound(String, source: GraphSource, merges: [String])
    case notAMerge(String, kind: NodeKind)

    /// How many merge names a not-found message lists before it says how many more exist.
    static let listedNameLimit = 12

    public var description: String {
        switch self {
        case .duplicateNode(let name):
            return "the lineage graph has two nodes named '\(name)'; node names must be unique"
        case .unknownEdgeNode(let name, let edge):
            return "the input \(edge.position) of merge '\(edge.child)' names '\(name)', which is not a node of the lineage graph"
        case .inputOfNonMerge(let edge):
            return "'\(edge.child)' has an input ('\(edge.parent)') but is not a merge; only merges have inputs"
        case .duplicatePosition(let merge, let position):
            return "merge '\(merge)' has two inputs at position \(position); positions must be unique within a merge"
        case .cycle(let members):
            return "the lineage graph has a cycle: " + members.joined(separator: " -> ")
        case .nodeNotFound(let name, let source, let merges):
            var message = "no model or merge named '\(name)' in the \(source.description)"
            guard !merges.isEmpty else { return message + "; it has no merges" }
            let listed = merges.prefix(Self.listedNameLimit).joined(separator: ", ")
            message += "; its merges are: " + listed
            if merges.count > Self.listedNameLimit { message += " and \(merges.count - Self.listedNameLimit) more" }
            return message
        case .notAMerge(let name, let kind):
            let what = kind == .adapter ? "an adapter" : "a source model"
            return "'\(name)' is \(what), not a merge; give the name of a merge"
        }
    }
}
