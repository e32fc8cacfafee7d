import Foundation

/// The HTML format of `pedigree report`: one self-contained page with the ancestry graph as
/// inline SVG, the feeders table and every merge in full. It loads nothing: no scripts, no
/// external style sheets, images or fonts. Every name and recipe text is escaped.
public struct HTMLReport: ReportRenderer {
    /// How the graph is laid out.
    public enum Layout: Sendable {
        /// Graphviz's `dot` at this path; if it fails, the built-in layout is used and the
        /// page says why.
        case graphviz(executable: String)
        /// `SVGRenderer` with its layered layout.
        case builtIn

        /// Graphviz when `dot` is on `PATH`, else the built-in layout.
        public static var automatic: Layout {
            Graphviz.executablePath().map { .graphviz(executable: $0) } ?? .builtIn
        }
    }

    public var layout: Layout

    public init(layout: Layout = .automatic) {
        self.layout = layout
    }

    public func render(_ report: LineageReport) -> String {
        let title = "Lineage of \(report.target)"
        var html = [
            "<!DOCTYPE html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<title>\(htmlEscaped(title))</title>",
            "<style>\(Self.styleSheet)</style>",
            "</head>",
            "<body>",
            "<h1>\(htmlEscaped(title))</h1>",
            "<p class=\"source\">Showing the \(htmlEscaped(report.graph.source.description)).</p>",
            "<h2>Graph</h2>",
        ]
        html += graphSection(report.ancestryGraph)
        html.append("<h2>Feeders</h2>")
        // Sections are identified by position because names may hold any character.
        var anchors: [String: String] = [:]
        for (index, overview) in report.merges.enumerated() { anchors[overview.node.name] = "merge-\(index)" }
        html += Self.feedersSection(report.feeders, anchors: anchors)
        html.append("<h2>Merges</h2>")
        for overview in report.merges { html += HTMLMergeSection.render(overview, anchor: anchors[overview.node.name]!) }
        html += ["</body>", "</html>"]
        return html.joined(separator: "\n") + "\n"
    }

    private func graphSection(_ ancestry: AncestryGraph) -> [String] {
        var lines = ["<div class=\"graph\">"]
        switch layout {
        case .graphviz(let executable):
            do {
                let svg = try Graphviz.run(executable, arguments: ["-Tsvg"], input: DOTRenderer().render(ancestry))
                // Drop the XML declaration, DOCTYPE and comment that precede the element.
                guard let start = svg.range(of: "<svg") else { throw GraphvizError(message: "\(executable) wrote no <svg> element") }
                lines.append(String(svg[start.lowerBound...]).trimmingCharacters(in: .whitespacesAndNewlines))
            } catch {
                lines.append("<p class=\"note\">Graphviz failed, so the built-in layout is shown: \(htmlEscaped("\(error)"))</p>")
                lines.append(SVGRenderer().render(ancestry).trimmingCharacters(in: .newlines))
            }
        case .builtIn:
            lines.append(SVGRenderer().render(ancestry).trimmingCharacters(in: .newlines))
        }
        lines.append("<p class=\"note\">Thick blue edges lead from a merge's base, dashed edges from an adapter.</p>")
        lines.append("</div>")
        return lines
    }

    private static func feedersSection(_ feeders: Feeders, anchors: [String: String]) -> [String] {
        var lines = ["<table>", "<tr><th>model</th><th>kind</th><th>depth</th><th>paths</th><th>arrived as</th><th>share (estimate)</th></tr>"]
        for feeder in feeders.feeders {
            let name = anchors[feeder.name].map { "<a href=\"#\($0)\">\(htmlEscaped(feeder.name))</a>" } ?? htmlEscaped(feeder.name)
            let cells = [
                name, feeder.kind.label, String(feeder.depth), String(feeder.pathCount),
                InputRole.list(feeder.roles), FeedersRenderer.text(feeder.share),
            ]
            lines.append("<tr>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>")
        }
        lines.append("</table>")
        let notes = FeedersRenderer.shareNotes(feeders.estimate).map(htmlEscaped).joined(separator: " ")
        lines.append("<p class=\"note\">\(notes)</p>")
        return lines
    }

    static let styleSheet = """
        body{font-family:sans-serif;margin:2em;max-width:70em;color:#222}\
        table{border-collapse:collapse;margin:0.5em 0}\
        td,th{border:1px solid #ccc;padding:0.2em 0.5em;text-align:left;vertical-align:top}\
        .graph svg{max-width:100%;height:auto}\
        .note,.source{color:#555;font-size:0.9em}\
        pre{background:#f6f6f6;padding:0.6em;overflow-x:auto}\
        .spark{font-family:monospace;letter-spacing:1px}\
        code{font-size:0.9em}
        """
}
