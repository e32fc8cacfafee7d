/// The Mermaid flowchart format of `pedigree graph`. Base edges are thick (`==>`), adapter
/// edges dotted (`-.->`); merges have rounded boxes and adapters stadium shapes.
public struct MermaidRenderer: ReportRenderer {
    public init() {}

    public func render(_ ancestry: AncestryGraph) -> String {
        let identifiers = ancestry.nodeIdentifiers
        var lines = ["flowchart TB"]
        for node in ancestry.graph.nodes {
            let label = Self.quoted(node.labelLines.map(Self.escaped).joined(separator: "<br/>"))
            let identifier = identifiers[node.name]!
            switch node.kind {
            case .merge: lines.append("  \(identifier)(\(label))")
            case .source: lines.append("  \(identifier)[\(label)]")
            case .adapter: lines.append("  \(identifier)([\(label)])")
            }
        }
        for edge in ancestry.graph.edges {
            let arrow: String
            switch edge.role {
            case .base: arrow = "==>"
            case .ingredient: arrow = "-->"
            case .adapter: arrow = "-.->"
            }
            let label = Self.quoted(Self.escaped(ancestry.edgeLabel(edge)))
            lines.append("  \(identifiers[edge.parent]!) \(arrow)|\(label)| \(identifiers[edge.child]!)")
        }
        lines.append("  classDef target stroke-width:3px")
        lines.append("  class \(identifiers[ancestry.target]!) target")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text + "\""
    }

    /// `text` with the characters Mermaid reads as syntax or markup replaced by its entity
    /// codes (`#34;` for a quote): `"`, `#`, `&`, `<`, `>`, `|`, and line breaks as spaces.
    static func escaped(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "\"": output += "#34;"
            case "#": output += "#35;"
            case "&": output += "#38;"
            case "<": output += "#60;"
            case ">": output += "#62;"
            case "|": output += "#124;"
            case "\n", "\r": output += " "
            default: output.append(character)
            }
        }
        return output
    }
}
