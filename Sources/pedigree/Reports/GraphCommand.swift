import Reports

/// `pedigree graph NAME --format dot|mermaid|json`: the ancestry graph for drawing tools.
enum GraphCommand: Command {
    static let name = "graph"
    static let summary = "Print a merge's ancestry graph as Graphviz DOT, Mermaid or JSON"
    static let positionalUsage = "NAME"
    static let positionalCount = 1...1
    static let options = GraphArguments.options + [
        .value("--format", "dot|mermaid|json", "the output format (default: dot)"),
    ]

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        let name = arguments.positionals[0]
        let format = arguments.value("--format") ?? "dot"
        guard ["dot", "mermaid", "json"].contains(format) else {
            throw UsageError("--format takes dot, mermaid or json; got \"\(format)\"")
        }
        let ancestry = try GraphArguments.load(arguments, around: [name], console: console).ancestryGraph(of: name)
        switch format {
        case "mermaid": console.printRaw(MermaidRenderer().render(ancestry))
        case "json": console.printRaw(JSONReportRenderer().render(ancestry))
        default: console.printRaw(DOTRenderer().render(ancestry))
        }
        return 0
    }
}
