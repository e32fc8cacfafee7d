/// A node that a merge descends from, with how it is reached.
public struct Ancestor: Equatable, Sendable {
    public var name: String
    /// Length of the shortest input path from the merge; 1 for a direct input.
    public var depth: Int
    /// Number of distinct input paths from the merge. An input listed twice by one merge
    /// counts as two paths.
    public var pathCount: Int
    /// The roles the node plays in the merges that read it directly, in `InputRole` order.
    public var roles: [InputRole]
}

/// The transitive ancestry of one node. Each ancestor appears once however many paths
/// reach it (diamonds collapse).
public struct Ancestry: Sendable {
    public let target: String
    /// Every ancestor in discovery order: depth first from the target, base before the
    /// other inputs, inputs by position.
    public let ancestors: [Ancestor]
    /// The target and its ancestors, each node before all of its inputs.
    public let topologicalOrder: [String]

    public func ancestor(named name: String) -> Ancestor? {
        ancestors.first { $0.name == name }
    }
}

extension LineageGraph {
    /// The ancestry of `name`.
    /// - Throws: `LineageGraphError.nodeNotFound` for an unknown name.
    public func ancestry(of name: String) throws -> Ancestry {
        _ = try requireNode(named: name)

        var discovered: [String] = []
        var postorder: [String] = []
        var visited: Set<String> = [name]
        func visit(_ current: String) {
            for edge in inputs(of: current) where visited.insert(edge.parent).inserted {
                discovered.append(edge.parent)
                visit(edge.parent)
            }
            postorder.append(current)
        }
        visit(name)
        let order = Array(postorder.reversed())

        // In topological order every consumer of a node comes before it, so a node's depth
        // and path count are final when the sweep reaches it.
        var depth: [String: Int] = [name: 0]
        var pathCount: [String: Int] = [name: 1]
        var roles: [String: Set<InputRole>] = [:]
        for current in order {
            for edge in inputs(of: current) {
                depth[edge.parent] = min(depth[edge.parent] ?? .max, depth[current]! + 1)
                pathCount[edge.parent, default: 0] += pathCount[current]!
                roles[edge.parent, default: []].insert(edge.role)
            }
        }

        let ancestors = discovered.map {
            Ancestor(name: $0, depth: depth[$0]!, pathCount: pathCount[$0]!, roles: roles[$0]!.sorted())
        }
        return Ancestry(target: name, ancestors: ancestors, topologicalOrder: order)
    }

    /// The part of the graph `name` descends from: the node, its ancestors and the edges
    /// between them, in the original order.
    /// - Throws: `LineageGraphError.nodeNotFound` for an unknown name.
    public func ancestryGraph(of name: String) throws -> AncestryGraph {
        let members = Set(try ancestry(of: name).topologicalOrder)
        // A subset of a valid graph closed under inputs is valid, so this cannot throw.
        let subgraph = try! LineageGraph(
            source: source,
            nodes: nodes.filter { members.contains($0.name) },
            edges: edges.filter { members.contains($0.child) }
        )
        return AncestryGraph(graph: subgraph, target: name)
    }
}

/// A node and everything it descends from, for the graph formats.
public struct AncestryGraph: Sendable {
    /// Only the target, its ancestors and the edges between them.
    public let graph: LineageGraph
    public let target: String
}
