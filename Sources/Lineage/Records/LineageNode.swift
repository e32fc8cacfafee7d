/// A node of the lineage DAG: a model row or a merge row.
public enum LineageNode: Equatable, Hashable, Sendable {
    case model(id: Int64)
    case merge(id: Int64)
}

/// A node that a merge descends from.
public struct Ancestor: Equatable, Sendable {
    public var node: LineageNode
    /// The model's or merge's name.
    public var name: String
    /// Length of the shortest input path from the merge to this node; 1 for a direct input.
    public var depth: Int
    /// Number of distinct input paths from the merge to this node, at most `Int.max`. An
    /// input listed twice by one merge counts as two paths.
    public var pathCount: Int

    public init(node: LineageNode, name: String, depth: Int, pathCount: Int) {
        self.node = node
        self.name = name
        self.depth = depth
        self.pathCount = pathCount
    }
}

/// A merge that uses a node directly or through other merges.
public struct Descendant: Equatable, Sendable {
    public var mergeID: Int64
    public var name: String
    public var state: MergeState
    /// Length of the shortest path from the node to this merge; 1 for a direct consumer.
    public var depth: Int

    public init(mergeID: Int64, name: String, state: MergeState, depth: Int) {
        self.mergeID = mergeID
        self.name = name
        self.state = state
        self.depth = depth
    }
}
