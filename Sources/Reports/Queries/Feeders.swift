/// One model that fed a merge.
public struct Feeder: Equatable, Sendable {
    public var name: String
    public var kind: NodeKind
    public var depth: Int
    public var pathCount: Int
    /// How it arrived: the roles it plays in the merges that read it directly.
    public var roles: [InputRole]
    /// Estimated share in the target; see `ShareEstimate`.
    public var share: ShareEstimate.Share
}

/// Every model in a merge's transitive ancestry, answering "which models fed this merge".
public struct Feeders: Sendable {
    public let graph: LineageGraph
    public let target: String
    /// True when only models no recipe built (source models and adapters) are listed.
    public let rootsOnly: Bool
    /// Sorted by depth, then in the ancestry's discovery order.
    public let feeders: [Feeder]
    public let estimate: ShareEstimate
}

extension LineageGraph {
    /// The feeders of `name`.
    /// - Parameters:
    ///   - rootsOnly: Keep only source models and adapters.
    ///   - assumedModelStockT: See `ShareEstimate.init(graph:ancestry:assumedModelStockT:)`.
    /// - Throws: `LineageGraphError.nodeNotFound` for an unknown name.
    public func feeders(of name: String, rootsOnly: Bool = false, assumedModelStockT: Double? = nil) throws -> Feeders {
        let ancestry = try ancestry(of: name)
        let estimate = ShareEstimate(graph: self, ancestry: ancestry, assumedModelStockT: assumedModelStockT)
        let rows = ancestry.ancestors.enumerated().compactMap { index, ancestor -> (Int, Feeder)? in
            let kind = node(named: ancestor.name)!.kind
            guard !rootsOnly || kind != .merge else { return nil }
            let feeder = Feeder(
                name: ancestor.name, kind: kind, depth: ancestor.depth, pathCount: ancestor.pathCount,
                roles: ancestor.roles, share: estimate.share(of: ancestor.name)
            )
            return (index, feeder)
        }
        let sorted = rows.sorted { ($0.1.depth, $0.0) < ($1.1.depth, $1.0) }.map(\.1)
        return Feeders(graph: self, target: name, rootsOnly: rootsOnly, feeders: sorted, estimate: estimate)
    }
}
