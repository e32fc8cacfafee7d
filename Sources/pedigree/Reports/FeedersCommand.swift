import Reports

/// `pedigree feeders NAME`: every model in a merge's ancestry with its estimated share.
enum FeedersCommand: Command {
    static let name = "feeders"
    static let summary = "List every model a merge descends from, with depth, paths, role and estimated share"
    static let positionalUsage = "NAME"
    static let positionalCount = 1...1
    static let options = GraphArguments.options + [
        .flag("--roots", "list only models no recipe built (source models and adapters)"),
        .value("--assume-t", "T", "estimate shares through unbuilt Model Stock merges with this t (0 to 1)"),
        GraphArguments.json,
    ]

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        let name = arguments.positionals[0]
        var assumedT: Double?
        if let text = arguments.value("--assume-t") {
            guard let value = Double(text), (0...1).contains(value) else {
                throw UsageError("--assume-t takes a number from 0 to 1; got \"\(text)\"")
            }
            assumedT = value
        }
        let feeders = try GraphArguments.load(arguments, around: [name], console: console)
            .feeders(of: name, rootsOnly: arguments.flag("--roots"), assumedModelStockT: assumedT)
        console.printRaw(arguments.flag("--json") ? JSONReportRenderer().render(feeders) : FeedersRenderer().render(feeders))
        return 0
    }
}
