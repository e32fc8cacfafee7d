import Models
import SafeTensors

/// The text format of `pedigree show`: one merge in full.
public struct ShowRenderer: ReportRenderer {
    public init() {}

    public func render(_ overview: MergeOverview) -> String {
        let node = overview.node, details = overview.details
        var lines = ["Merge \(node.name) (\(overview.graph.source.description))"]

        var facts: [[String]] = [["method", "\(details.methodDisplayName) (\(details.method)), semantics \(details.semantics)"]]
        if let paper = details.paper { facts.append(["paper", "\(paper.title), \(paper.url)"]) }
        facts.append(["state", details.state.rawValue])
        facts.append(["identity", node.identityHash ?? "-"])
        facts.append(["content", node.contentHash ?? "-"])
        facts.append(["dtype", "\(details.dtype ?? "unset"), out_dtype \(details.outDType ?? "unset")"])
        facts.append(["parameters", Self.parameterText(details.parameters.members)])
        if let t = details.meanT { facts.append(["mean t", formatFixed(t) + " (parameter-weighted over tensors)"]) }
        facts.append(["base check", overview.baseCheck.summary])
        if let timings = details.timings {
            var text = "started " + formatDate(timings.started)
            if let finished = timings.finished { text += ", finished " + formatDate(finished) }
            if let duration = timings.duration { text += ", " + formatFixed(duration, digits: 1) + " s" }
            facts.append(["timings", text])
        }
        if let path = details.recipePath { facts.append(["recipe file", path]) }
        lines += formatTable(facts)

        lines += ["", "Inputs"]
        lines += formatTable(Self.inputRows(overview), rightAligned: [0])

        if !overview.kindSummaries.isEmpty {
            lines += ["", "Tensor statistics by kind (t, and the mean pairwise cosine of the task vectors)"]
            lines += Self.statisticsTable(overview.kindSummaries)
            let layers = LayerTable(details.tensorStatistics)
            if !layers.rows.isEmpty {
                lines += ["", "t per layer"]
                lines += Self.layerTable(layers)
            }
        }
        if let document = details.recipeDocument {
            lines += ["", "Recipe"]
            lines += document.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        }
        var notes: [[String]] = []
        if let text = details.notes { notes.append(["notes", text]) }
        if let template = details.templateNote { notes.append(["template", template]) }
        if let sampling = details.samplingNote { notes.append(["sampling", sampling]) }
        if !notes.isEmpty { lines += ["", "Notes"] + formatTable(notes) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func parameterText(_ members: [JSONObject.Member]) -> String {
        members.isEmpty ? "none" : members.map { "\($0.key)=\($0.value.serialized())" }.joined(separator: ", ")
    }

    static func inputRows(_ overview: MergeOverview) -> [[String]] {
        var rows = [["pos", "role", "model", "weight", "parameters", "identity", "content"]]
        for edge in overview.inputs {
            let parent = overview.graph.node(named: edge.parent)
            let role = edge.adapterTarget.map { "adapter on \($0)" } ?? edge.role.rawValue
            rows.append([
                String(edge.position), role, edge.parent, edge.weight.map(formatNumber) ?? "",
                edge.parameters.members.isEmpty ? "" : parameterText(edge.parameters.members),
                (edge.inputIdentity ?? parent?.identityHash).map(shortHash) ?? "-",
                parent?.contentHash.map(shortHash) ?? "-",
            ])
        }
        return rows
    }

    /// One row per layer: `t` of each tensor kind and the layer's mean cosine.
    static func layerTable(_ table: LayerTable) -> [String] {
        var rows = [["layer"] + table.headings + ["cos mean"]]
        for row in table.rows {
            rows.append([String(row.layer)] + row.t.map { $0.map { formatFixed($0) } ?? "-" } + [formatFixed(row.meanCosine)])
        }
        return formatTable(rows, rightAligned: Set(0...(table.kinds.count + 1)))
    }

    /// The per-kind table with a sparkline of `t` over the layers, on one scale for all rows.
    static func statisticsTable(_ summaries: [TensorKindSummary]) -> [String] {
        let low = summaries.map(\.t.min).min()!, high = summaries.map(\.t.max).max()!
        var rows = [["kind", "tensors", "t min", "t mean", "t max", "cos min", "cos mean", "cos max", "t by layer"]]
        for summary in summaries {
            rows.append([
                summary.kind, String(summary.tensorCount),
                formatFixed(summary.t.min), formatFixed(summary.t.mean), formatFixed(summary.t.max),
                formatFixed(summary.cosineExtremes.min), formatFixed(summary.meanCosine.mean),
                formatFixed(summary.cosineExtremes.max),
                Sparkline.render(Sparkline.layerValues(summary), low: low, high: high),
            ])
        }
        var lines = formatTable(rows, rightAligned: [1, 2, 3, 4, 5, 6, 7])
        lines.append("Sparklines show t per layer from \(formatFixed(low)) (\(Sparkline.blocks.first!)) to \(formatFixed(high)) (\(Sparkline.blocks.last!)).")
        return lines
    }
}
