/// The text format of `pedigree used-by`: every merge downstream of a model, with depth.
public struct UsedByRenderer: ReportRenderer {
    public init() {}

    public func render(_ usedBy: UsedBy) -> String {
        var lines = ["Merges that use \(usedBy.target) (\(usedBy.graph.source.description))"]
        guard !usedBy.merges.isEmpty else {
            return (lines + ["No merge uses it."]).joined(separator: "\n") + "\n"
        }
        var rows = [["depth", "merge", "method", "state", "used as"]]
        for merge in usedBy.merges {
            let details = usedBy.graph.node(named: merge.name)?.merge
            rows.append([
                String(merge.depth), merge.name, details?.method ?? "-", details?.state.rawValue ?? "-",
                merge.directRoles.isEmpty ? "through other merges" : InputRole.list(merge.directRoles),
            ])
        }
        lines += formatTable(rows, rightAligned: [0])
        return lines.joined(separator: "\n") + "\n"
    }
}
