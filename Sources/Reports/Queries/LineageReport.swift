/// Everything the HTML report and the model card show about one merge: its ancestry graph,
/// its feeders and every merge of its lineage in full.
public struct LineageReport: Sendable {
    public let graph: LineageGraph
    public let target: String
    public let ancestryGraph: AncestryGraph
    public let feeders: Feeders
    /// The target first, then the merges it descends from in the ancestry's discovery order.
    public let merges: [MergeOverview]
}

extension LineageGraph {
    /// The full report on the merge `name`.
    /// - Parameter assumedModelStockT: See `ShareEstimate.init(graph:ancestry:assumedModelStockT:)`.
    /// - Throws: `LineageGraphError.nodeNotFound` or `.notAMerge`.
    public func lineageReport(of name: String, assumedModelStockT: Double? = nil) throws -> LineageReport {
        _ = try requireMerge(named: name)
        let ancestry = try ancestry(of: name)
        let mergeNames = [name] + ancestry.ancestors.map(\.name).filter { node(named: $0)?.kind == .merge }
        return LineageReport(
            graph: self, target: name, ancestryGraph: try ancestryGraph(of: name),
            feeders: try feeders(of: name, assumedModelStockT: assumedModelStockT),
            merges: try mergeNames.map { try overview(of: $0) }
        )
    }
}
