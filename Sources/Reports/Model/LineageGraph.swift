/// The lineage DAG that every report reads: merges, source models and adapters, with an edge
/// from each merge to each of its inputs. Built by an adapter from the declared recipes or
/// from the recorded merges, and tagged with that `source`.
public struct LineageGraph: Sendable {
    public let source: GraphSource
    /// Nodes in the order given.
    public let nodes: [LineageNode]
    /// Edges in the order given.
    public let edges: [LineageEdge]

    private let indexByName: [String: Int]
    private let inputsByChild: [String: [LineageEdge]]
    private let consumersByParent: [String: [LineageEdge]]

    /// Checks and indexes the graph.
    /// - Throws: `LineageGraphError` when a name repeats, an edge names an unknown node or
    ///   starts at a node that is not a merge, a merge repeats an input position, or the
    ///   edges form a cycle.
    public init(source: GraphSource, nodes: [LineageNode], edges: [LineageEdge]) throws {
        var indexByName: [String: Int] = [:]
        for (index, node) in nodes.enumerated() {
            guard indexByName.updateValue(index, forKey: node.name) == nil else {
                throw LineageGraphError.duplicateNode(node.name)
            }
        }
        var inputsByChild: [String: [LineageEdge]] = [:]
        var consumersByParent: [String: [LineageEdge]] = [:]
        for edge in edges {
            for name in [edge.child, edge.parent] where indexByName[name] == nil {
                throw LineageGraphError.unknownEdgeNode(name, edge: edge)
            }
            guard nodes[indexByName[edge.child]!].kind == .merge else {
                throw LineageGraphError.inputOfNonMerge(edge)
            }
            if inputsByChild[edge.child, default: []].contains(where: { $0.position == edge.position }) {
                throw LineageGraphError.duplicatePosition(merge: edge.child, position: edge.position)
            }
            inputsByChild[edge.child, default: []].append(edge)
            consumersByParent[edge.parent, default: []].append(edge)
        }
        for name in inputsByChild.keys {
            inputsByChild[name]!.sort { ($0.role == .base ? 0 : 1, $0.position) < ($1.role == .base ? 0 : 1, $1.position) }
        }
        self.source = source
        self.nodes = nodes
        self.edges = edges
        self.indexByName = indexByName
        self.inputsByChild = inputsByChild
        self.consumersByParent = consumersByParent
        if let cycle = findCycle() { throw LineageGraphError.cycle(cycle) }
    }

    public func node(named name: String) -> LineageNode? {
        indexByName[name].map { nodes[$0] }
    }

    /// The node called `name`.
    /// - Throws: `LineageGraphError.nodeNotFound` listing the graph's merges.
    public func requireNode(named name: String) throws -> LineageNode {
        guard let node = node(named: name) else {
            throw LineageGraphError.nodeNotFound(name, source: source, merges: nodes.filter { $0.kind == .merge }.map(\.name))
        }
        return node
    }

    /// The merge called `name`.
    /// - Throws: `LineageGraphError.nodeNotFound` or `.notAMerge`.
    public func requireMerge(named name: String) throws -> (node: LineageNode, details: MergeDetails) {
        let node = try requireNode(named: name)
        guard let details = node.merge else { throw LineageGraphError.notAMerge(name, kind: node.kind) }
        return (node, details)
    }

    /// The inputs of the merge `name`: the base first, then the others by position. Empty for
    /// source models, adapters and unknown names.
    public func inputs(of name: String) -> [LineageEdge] {
        inputsByChild[name] ?? []
    }

    /// The edges that read `name`, in the order given.
    public func consumers(of name: String) -> [LineageEdge] {
        consumersByParent[name] ?? []
    }

    /// The base edge of the merge `name`, if it has one.
    public func baseInput(of name: String) -> LineageEdge? {
        inputs(of: name).first { $0.role == .base }
    }

    /// Names of a cycle's members in edge order, the first repeated at the end; nil when
    /// the graph is acyclic.
    private func findCycle() -> [String]? {
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var stack: [String] = []

        func visit(_ name: String) -> [String]? {
            switch marks[name] {
            case .done?: return nil
            case .visiting?:
                let start = stack.firstIndex(of: name)!
                return Array(stack[start...]) + [name]
            case nil: break
            }
            marks[name] = .visiting
            stack.append(name)
            for edge in inputs(of: name) {
                if let cycle = visit(edge.parent) { return cycle }
            }
            stack.removeLast()
            marks[name] = .done
            return nil
        }

        for node in nodes {
            if let cycle = visit(node.name) { return cycle }
        }
        return nil
    }
}
