import Reports

/// `pedigree card NAME`: the Hugging Face model card of a merge.
enum CardCommand: Command {
    static let name = "card"
    static let summary = "Print a merge's model card: Hub front matter, method, full lineage with hashes, recipes"
    static let positionalUsage = "NAME"
    static let positionalCount = 1...1
    static let options = GraphArguments.options

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        let name = arguments.positionals[0]
        let report = try GraphArguments.load(arguments, around: [name], console: console).lineageReport(of: name)
        console.printRaw(ModelCard().render(report))
        return 0
    }
}
