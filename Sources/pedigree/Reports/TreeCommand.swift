import Reports

/// `pedigree tree NAME`: the transitive ancestry as a tree.
enum TreeCommand: Command {
    static let name = "tree"
    static let summary = "Show a merge's ancestry as a tree, base first, each node once in full"
    static let positionalUsage = "NAME"
    static let positionalCount = 1...1
    static let options = GraphArguments.options + [
        .value("--depth", "N", "expand at most N levels of inputs"),
        GraphArguments.json,
    ]

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        let name = arguments.positionals[0]
        let depth = try arguments.integer("--depth", minimum: 1)
        let tree = try GraphArguments.load(arguments, around: [name], console: console).ancestryTree(of: name, depthLimit: depth)
        console.printRaw(arguments.flag("--json") ? JSONReportRenderer().render(tree) : TreeRenderer().render(tree))
        return 0
    }
}
