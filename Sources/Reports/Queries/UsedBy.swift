/// A merge downstream of a node.
public struct Downstream: Equatable, Sendable {
    public var name: String
    /// Length of the shortest path from the node; 1 for a merge that reads it directly.
    public var depth: Int
    /// The roles the node plays in this merge when it reads the node directly; empty for
    /// merges that read it only through other merges.
    public var directRoles: [InputRole]
}

/// Every merge that uses one node, directly or through other merges.
public struct UsedBy: Sendable {
    public let graph: LineageGraph
    public let target: String
    /// Sorted by depth, then by the order of the graph's nodes.
    public let merges: [Downstream]
}

extension LineageGraph {
    /// The merges downstream of `name`.
    /// - Throws: `LineageGraphError.nodeNotFound` for an unknown name.
    public func usedBy(_ name: String) throws -> UsedBy {
        _ = try requireNode(named: name)
        var depth: [String: Int] = [name: 0]
        var frontier = [name]
        while !frontier.isEmpty {
            var following: [String] = []
            for current in frontier {
                for edge in consumers(of: current) where depth[edge.child] == nil {
                    depth[edge.child] = depth[current]! + 1
                    following.append(edge.child)
                }
            }
            frontier = following
        }
        var directRoles: [String: Set<InputRole>] = [:]
        for edge in consumers(of: name) { directRoles[edge.child, default: []].insert(edge.role) }

        let merges = nodes.enumerated().compactMap { index, node -> (Int, Downstream)? in
            guard node.name != name, let nodeDepth = depth[node.name] else { return nil }
            return (index, Downstream(name: node.name, depth: nodeDepth, directRoles: (directRoles[node.name] ?? []).sorted()))
        }
        let sorted = merges.sorted { ($0.1.depth, $0.0) < ($1.1.depth, $1.0) }.map(\.1)
        return UsedBy(graph: self, target: name, merges: sorted)
    }
}
