import Foundation
/// The model card of `pedigree card` and of the README.md written into every output. It
/// starts with Hugging Face front matter, then gives the method with its paper, the full
/// transitive lineage with identity and content hashes, the recipes, and the recipe's
/// template and sampling notes.
///
/// The front matter follows the Hub's model-card metadata: `base_model` lists the direct
/// parents (Hub ids where known, local intermediates by name) and `base_model_relation:
/// merge` marks the model as a merge of them.
public struct ModelCard: ReportRenderer {
    public init() {}

    public func render(_ report: LineageReport) -> String {
        guard let target = report.merges.first else { return "" }
        var lines = Self.frontMatter(report, target)
        lines += ["", "# \(MarkdownText.escaped(report.target))", ""]
        lines += Self.methodSection(target)
        lines += Self.lineageSection(report)
        lines += Self.recipeSection(report)
        lines += Self.notesSection(target.details)
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Lists the direct parents for `base_model`: the base, then the other inputs by
    /// position, each once. A parent appears as its Hub id where it has one, else by name; a
    /// local folder appears by its last path component, so a card never publishes local paths.
    static func baseModels(_ report: LineageReport) -> [String] {
        var seen: Set<String> = []
        return report.graph.inputs(of: report.target).compactMap { edge in
            let node = report.graph.node(named: edge.parent)
            var identifier = node?.hubID ?? edge.parent
            if identifier.hasPrefix("/") { identifier = (identifier as NSString).lastPathComponent }
            return seen.insert(identifier).inserted ? identifier : nil
        }
    }

    private static func frontMatter(_ report: LineageReport, _ target: MergeOverview) -> [String] {
        var lines = ["---", "base_model:"]
        lines += baseModels(report).map { "- " + YAMLScalar.render($0) }
        lines += ["base_model_relation: merge", "library_name: transformers", "tags:", "- merge", "- pedigree"]
        lines.append("- " + YAMLScalar.render(target.details.method))
        lines.append("---")
        return lines
    }

    private static func methodSection(_ target: MergeOverview) -> [String] {
        let details = target.details
        var method = "This model is a merge made with Pedigree using the \(MarkdownText.escaped(details.methodDisplayName)) method"
        if let paper = details.paper, LineageNode.isSafeURL(paper.url) {
            method += " ([\(MarkdownText.escaped(paper.title))](\(paper.url)))"
        } else if let paper = details.paper {
            method += " (\(MarkdownText.escaped(paper.title)))"
        }
        var lines = [method + ".", "", "## Merge", ""]
        var facts = [
            "- Method: \(MarkdownText.code(details.method)), semantics \(MarkdownText.code(details.semantics))",
            "- Base check: " + MarkdownText.escaped(target.baseCheck.summary),
            "- dtype: " + MarkdownText.escaped("\(details.dtype ?? "unset"), out_dtype: \(details.outDType ?? "unset")"),
            "- Parameters: " + MarkdownText.escaped(ShowRenderer.parameterText(details.parameters.members)),
            "- Identity hash: " + (target.node.identityHash.map(MarkdownText.code) ?? "unknown"),
            "- Content hash: " + (target.node.contentHash.map(MarkdownText.code) ?? "not built"),
        ]
        if let t = details.meanT { facts.append("- Mean t (parameter-weighted over tensors): " + formatFixed(t)) }
        lines += facts
        lines += ["", "Inputs:", "", "| position | role | model | weight |", "| --- | --- | --- | --- |"]
        for edge in target.inputs {
            let role = edge.adapterTarget.map { "adapter on \($0)" } ?? edge.role.rawValue
            let model = MarkdownText.modelLink(target.graph.node(named: edge.parent), name: edge.parent)
            lines.append("| \(edge.position) | \(role) | \(model) | \(edge.weight.map(formatNumber) ?? "") |")
        }
        return lines + [""]
    }

    private static func lineageSection(_ report: LineageReport) -> [String] {
        var lines = [
            "## Lineage", "",
            "Every model this merge descends from (\(MarkdownText.escaped(report.graph.source.description))).",
            "The share is an estimate; see the note below the table.", "",
            "| model | kind | depth | paths | arrived as | share (estimate) | method | identity hash | content hash |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for feeder in report.feeders.feeders {
            let node = report.graph.node(named: feeder.name)
            let cells = [
                MarkdownText.modelLink(node, name: feeder.name), feeder.kind.label, String(feeder.depth),
                String(feeder.pathCount), InputRole.list(feeder.roles), FeedersRenderer.text(feeder.share),
                node?.merge.map { MarkdownText.code($0.method) } ?? "",
                node?.identityHash.map(MarkdownText.code) ?? "",
                node?.contentHash.map(MarkdownText.code) ?? "",
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append(FeedersRenderer.shareNotes(report.feeders.estimate).map(MarkdownText.escaped).joined(separator: " "))
        return lines + [""]
    }

    private static func recipeSection(_ report: LineageReport) -> [String] {
        var lines: [String] = []
        for (index, overview) in report.merges.enumerated() {
            guard let document = overview.details.recipeDocument else { continue }
            if index == 0 {
                lines += ["## Recipe", ""]
            } else {
                if !lines.contains("## Recipes of the merges it descends from") {
                    lines += ["## Recipes of the merges it descends from", ""]
                }
                lines += ["### \(MarkdownText.escaped(overview.node.name))", ""]
            }
            lines += MarkdownText.fenced(document, language: "yaml") + [""]
        }
        return lines
    }

    private static func notesSection(_ details: MergeDetails) -> [String] {
        guard details.templateNote != nil || details.samplingNote != nil || details.notes != nil else { return [] }
        var lines = ["## Notes", ""]
        if let notes = details.notes { lines.append("- " + MarkdownText.escaped(notes)) }
        if let template = details.templateNote { lines.append("- Chat template: " + MarkdownText.escaped(template)) }
        if let sampling = details.samplingNote { lines.append("- Sampling: " + MarkdownText.escaped(sampling)) }
        return lines + [""]
    }
}

extension LineageNode {
    /// True for an `http` or `https` URL without characters that would end a Markdown link
    /// or an HTML attribute.
    static func isSafeURL(_ url: String) -> Bool {
        (url.hasPrefix("https://") || url.hasPrefix("http://"))
            && !url.contains { " ()<>\"'`\\\n".contains($0) }
    }
}
