/// The Graphviz DOT format of `pedigree graph`. Edges run from each input to the merge that
/// reads it, so sources sit at the top; base edges are bold and blue, adapter edges dashed.
public struct DOTRenderer: ReportRenderer {
    public init() {}

    public func render(_ ancestry: AncestryGraph) -> String {
        let identifiers = ancestry.nodeIdentifiers
        var lines = [
            "digraph lineage {",
            "  graph [rankdir=TB, labelloc=t, fontname=\"Helvetica\", label=\(Self.quoted(ancestry.title))];",
            "  node [fontname=\"Helvetica\", fontsize=10];",
            "  edge [fontname=\"Helvetica\", fontsize=9];",
        ]
        for node in ancestry.graph.nodes {
            var attributes = ["label=" + Self.quoted(node.labelLines.joined(separator: "\n"))]
            switch node.kind {
            case .merge:
                attributes.append("shape=box")
                let style = node.name == ancestry.target ? "rounded,filled,bold" : "rounded,filled"
                attributes.append("style=\"\(style)\"")
                attributes.append(node.merge?.state == .built ? "fillcolor=\"#dbe8f5\"" : "fillcolor=\"#f2f2f2\"")
            case .source:
                attributes.append("shape=ellipse")
            case .adapter:
                attributes.append("shape=note")
            }
            lines.append("  \(identifiers[node.name]!) [\(attributes.joined(separator: ", "))];")
        }
        for edge in ancestry.graph.edges {
            var attributes = ["label=" + Self.quoted(ancestry.edgeLabel(edge))]
            switch edge.role {
            case .base: attributes += ["style=bold", "penwidth=2.5", "color=\"#1f4e99\""]
            case .ingredient: break
            case .adapter: attributes.append("style=dashed")
            }
            lines.append("  \(identifiers[edge.parent]!) -> \(identifiers[edge.child]!) [\(attributes.joined(separator: ", "))];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A DOT double-quoted string: backslashes and quotes escaped, line breaks as `\n`
    /// (which Graphviz centres).
    static func quoted(_ text: String) -> String {
        var output = "\""
        for character in text {
            switch character {
            case "\\": output += "\\\\"
            case "\"": output += "\\\""
            case "\n": output += "\\n"
            case "\r": break
            default: output.append(character)
            }
        }
        return output + "\""
    }
}
