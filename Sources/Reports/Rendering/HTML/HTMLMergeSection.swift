/// One merge of the HTML report: the facts `pedigree show` prints, as HTML tables.
enum HTMLMergeSection {
    /// The section, whose element id is `anchor`.
    static func render(_ overview: MergeOverview, anchor: String) -> [String] {
        let node = overview.node, details = overview.details
        var lines = ["<section id=\"\(anchor)\">", "<h3>\(htmlEscaped(node.name))</h3>", "<table>"]
        var facts: [(String, String)] = [
            ("method", htmlEscaped("\(details.methodDisplayName) (\(details.method)), semantics \(details.semantics)")),
        ]
        if let paper = details.paper, LineageNode.isSafeURL(paper.url) {
            facts.append(("paper", "<a href=\"\(htmlEscaped(paper.url))\">\(htmlEscaped(paper.title))</a>"))
        } else if let paper = details.paper {
            facts.append(("paper", htmlEscaped(paper.title + ", " + paper.url)))
        }
        facts.append(("state", details.state.rawValue))
        facts.append(("identity", "<code>\(htmlEscaped(node.identityHash ?? "-"))</code>"))
        facts.append(("content", "<code>\(htmlEscaped(node.contentHash ?? "-"))</code>"))
        facts.append(("dtype", htmlEscaped("\(details.dtype ?? "unset"), out_dtype \(details.outDType ?? "unset")")))
        facts.append(("parameters", htmlEscaped(ShowRenderer.parameterText(details.parameters.members))))
        if let t = details.meanT { facts.append(("mean t", formatFixed(t) + " (parameter-weighted over tensors)")) }
        facts.append(("base check", htmlEscaped(overview.baseCheck.summary)))
        if let timings = details.timings, let duration = timings.duration {
            facts.append(("timings", "started \(formatDate(timings.started)), \(formatFixed(duration, digits: 1)) s"))
        }
        if let notes = details.notes { facts.append(("notes", htmlEscaped(notes))) }
        if let template = details.templateNote { facts.append(("template", htmlEscaped(template))) }
        if let sampling = details.samplingNote { facts.append(("sampling", htmlEscaped(sampling))) }
        lines += facts.map { "<tr><th>\($0.0)</th><td>\($0.1)</td></tr>" }
        lines.append("</table>")

        lines += table(ShowRenderer.inputRows(overview), caption: "Inputs")
        if !overview.kindSummaries.isEmpty {
            let rows = ShowRenderer.statisticsTable(overview.kindSummaries)
            lines.append("<p>Tensor statistics by kind (t, and the pairwise cosines of the task vectors)</p>")
            lines.append("<pre class=\"spark\">" + rows.map(htmlEscaped).joined(separator: "\n") + "</pre>")
            let layers = LayerTable(details.tensorStatistics)
            if !layers.rows.isEmpty {
                lines.append("<p>t per layer</p>")
                lines.append("<pre>" + ShowRenderer.layerTable(layers).map(htmlEscaped).joined(separator: "\n") + "</pre>")
            }
        }
        if let document = details.recipeDocument {
            lines.append("<p>Recipe\(details.recipePath.map { " (" + htmlEscaped($0) + ")" } ?? "")</p>")
            lines.append("<pre>" + htmlEscaped(document) + "</pre>")
        }
        lines.append("</section>")
        return lines
    }

    /// An HTML table whose first row is the header.
    private static func table(_ rows: [[String]], caption: String) -> [String] {
        guard let header = rows.first else { return [] }
        var lines = ["<table>", "<caption>\(htmlEscaped(caption))</caption>"]
        lines.append("<tr>" + header.map { "<th>\(htmlEscaped($0))</th>" }.joined() + "</tr>")
        for row in rows.dropFirst() {
            lines.append("<tr>" + row.map { "<td>\(htmlEscaped($0))</td>" }.joined() + "</tr>")
        }
        lines.append("</table>")
        return lines
    }
}
