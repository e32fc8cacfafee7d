import Reports

/// `pedigree diff A B`: what differs between two merges.
enum DiffCommand: Command {
    static let name = "diff"
    static let summary = "Compare two merges: method, base, ingredients, weights, dtypes and parameters"
    static let positionalUsage = "A B"
    static let positionalCount = 2...2
    static let options = GraphArguments.options + [GraphArguments.json]

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        let (old, new) = (arguments.positionals[0], arguments.positionals[1])
        let diff = try GraphArguments.load(arguments, around: [old, new], console: console).diff(old, new)
        console.printRaw(arguments.flag("--json") ? JSONReportRenderer().render(diff) : DiffRenderer().render(diff))
        return 0
    }
}
