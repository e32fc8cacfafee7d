/// The text format of `pedigree feeders`: a table of the models that fed a merge, followed
/// by how the estimated share is computed and why any share is unknown.
public struct FeedersRenderer: ReportRenderer {
    public init() {}

    public func render(_ feeders: Feeders) -> String {
        let what = feeders.rootsOnly ? "Source models and adapters" : "Feeders"
        var lines = ["\(what) of \(feeders.target) (\(feeders.graph.source.description))"]
        var rows = [["model", "kind", "depth", "paths", "arrived as", "share (estimate)"]]
        for feeder in feeders.feeders {
            rows.append([
                feeder.name, feeder.kind.label, String(feeder.depth), String(feeder.pathCount),
                InputRole.list(feeder.roles), Self.text(feeder.share),
            ])
        }
        lines += formatTable(rows, rightAligned: [2, 3, 5])
        lines.append("")
        lines += Self.shareNotes(feeders.estimate)
        return lines.joined(separator: "\n") + "\n"
    }

    static func text(_ share: ShareEstimate.Share) -> String {
        switch share {
        case .known(let value): return formatPercent(value)
        case .unknown: return "unknown"
        }
    }

    /// How the estimate is computed, the assumption if one was made, and why shares are
    /// unknown; shared with the HTML report.
    static func shareNotes(_ estimate: ShareEstimate) -> [String] {
        var notes = [
            "The share is an estimate: a Model Stock merge gives ingredient i t*w_i/sum(w) and its base 1-t,",
            "with t its parameter-weighted mean; a linear merge gives w_i/sum(w). Shares multiply along",
            "paths and add across paths. An adapter's share is the coefficient its delta carries.",
        ]
        if let t = estimate.assumedModelStockT, !estimate.assumedMerges.isEmpty {
            notes.append("Assumed t = \(formatNumber(t)) for merges without a recorded t: "
                + estimate.assumedMerges.joined(separator: ", ") + ".")
        }
        if !estimate.mergesWithoutT.isEmpty {
            notes.append("Unknown shares: these Model Stock merges are not built, so their mean t is unknown: "
                + estimate.mergesWithoutT.joined(separator: ", ") + ".")
        }
        for reason in estimate.unknownReasons {
            notes.append("Unknown shares: \(reason).")
        }
        return notes
    }
}
