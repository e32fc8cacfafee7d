import Reports

/// `pedigree used-by MODEL`: every merge downstream of a model or merge.
enum UsedByCommand: Command {
    static let name = "used-by"
    static let summary = "List every merge that uses a model, directly or through other merges, with depth"
    static let positionalUsage = "MODEL"
    static let positionalCount = 1...1
    static let options = GraphArguments.options + [GraphArguments.json]

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        let name = arguments.positionals[0]
        let usedBy = try GraphArguments.load(arguments, around: [name], console: console).usedBy(name)
        console.printRaw(arguments.flag("--json") ? JSONReportRenderer().render(usedBy) : UsedByRenderer().render(usedBy))
        return 0
    }
}
