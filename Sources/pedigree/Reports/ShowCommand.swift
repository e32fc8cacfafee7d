import Reports

/// `pedigree show NAME`: one merge in full.
enum ShowCommand: Command {
    static let name = "show"
    static let summary = "Show one merge in full: recipe, parameters, inputs with hashes, timings and t statistics"
    static let positionalUsage = "NAME"
    static let positionalCount = 1...1
    static let options = GraphArguments.options + [GraphArguments.json]

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        let name = arguments.positionals[0]
        let overview = try GraphArguments.load(arguments, around: [name], console: console).overview(of: name)
        console.printRaw(arguments.flag("--json") ? JSONReportRenderer().render(overview) : ShowRenderer().render(overview))
        return 0
    }
}
