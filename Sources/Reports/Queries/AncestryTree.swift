/// The ancestry of a node as a tree for printing: base first, then the other inputs by
/// position. A node already printed is not expanded again (`isRepeat`), so diamonds do not
/// multiply the output.
public struct AncestryTree: Sendable {
    public let graph: LineageGraph
    public let root: Entry
    /// The number of input levels expanded below the root; nil for no limit.
    public let depthLimit: Int?

    /// One line of the tree: a node reached through `edge` (nil for the root).
    public struct Entry: Sendable {
        public var name: String
        public var edge: LineageEdge?
        /// True when the node appeared earlier in the tree; its inputs are not repeated.
        public var isRepeat: Bool
        /// Inputs not expanded because of the depth limit.
        public var hiddenInputCount: Int
        public var children: [Entry]
    }
}

extension LineageGraph {
    /// The ancestry tree of `name`, expanded `depthLimit` levels (all when nil).
    /// - Throws: `LineageGraphError.nodeNotFound` for an unknown name.
    public func ancestryTree(of name: String, depthLimit: Int? = nil) throws -> AncestryTree {
        _ = try requireNode(named: name)
        var printed: Set<String> = []

        func entry(_ nodeName: String, edge: LineageEdge?, depth: Int) -> AncestryTree.Entry {
            guard printed.insert(nodeName).inserted else {
                return AncestryTree.Entry(name: nodeName, edge: edge, isRepeat: true, hiddenInputCount: 0, children: [])
            }
            let inputs = self.inputs(of: nodeName)
            if let depthLimit, depth >= depthLimit {
                // Not expanded, so a later occurrence must show it in full.
                if !inputs.isEmpty { printed.remove(nodeName) }
                return AncestryTree.Entry(name: nodeName, edge: edge, isRepeat: false, hiddenInputCount: inputs.count, children: [])
            }
            let children = inputs.map { entry($0.parent, edge: $0, depth: depth + 1) }
            return AncestryTree.Entry(name: nodeName, edge: edge, isRepeat: false, hiddenInputCount: 0, children: children)
        }

        return AncestryTree(graph: self, root: entry(name, edge: nil, depth: 0), depthLimit: depthLimit)
    }

    /// An input's name with the adapters the merge applies to it: `ft-a+lora-x`.
    public func inputLabel(_ edge: LineageEdge) -> String {
        let adapters = inputs(of: edge.child).filter { $0.role == .adapter && $0.adapterTarget == edge.position }
        return ([edge.parent] + adapters.map(\.parent)).joined(separator: "+")
    }
}
