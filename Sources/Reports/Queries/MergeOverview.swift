/// One merge in full, for `pedigree show` and the HTML report.
public struct MergeOverview: Sendable {
    public let graph: LineageGraph
    public let node: LineageNode
    public let details: MergeDetails
    /// Inputs: the base first, then the others by position.
    public let inputs: [LineageEdge]
    public let baseCheck: BaseCheck
    /// Model Stock statistics by tensor kind; empty when none were recorded.
    public let kindSummaries: [TensorKindSummary]
}

extension LineageGraph {
    /// The overview of the merge `name`.
    /// - Throws: `LineageGraphError.nodeNotFound` or `.notAMerge`.
    public func overview(of name: String) throws -> MergeOverview {
        let (node, details) = try requireMerge(named: name)
        return MergeOverview(
            graph: self, node: node, details: details, inputs: inputs(of: name),
            baseCheck: try baseCheck(of: name),
            kindSummaries: TensorKindSummary.summaries(of: details.tensorStatistics)
        )
    }
}

extension BaseCheck {
    /// One phrase: `on an unmerged base (NI)`, `on a merged base (d, built on c)`, `no base`.
    var summary: String {
        guard let base else { return "no base" }
        guard !mergedBaseChain.isEmpty else { return "on an unmerged base (\(base))" }
        let below = mergedBaseChain.dropFirst()
        return "on a merged base (\(base)" + (below.isEmpty ? ")" : ", built on " + below.joined(separator: ", built on ") + ")")
    }
}
