import Foundation
import Reports

/// `pedigree report NAME --html FILE`: one self-contained HTML page about a merge.
enum ReportCommand: Command {
    static let name = "report"
    static let summary = "Write one self-contained HTML page with a merge's graph, feeders and every merge in full"
    static let positionalUsage = "NAME"
    static let positionalCount = 1...1
    static let options = GraphArguments.options + [
        .value("--html", "FILE", "the page to write (required)"),
        .flag("--builtin-layout", "lay out the graph without Graphviz even when dot is installed"),
    ]

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        let name = arguments.positionals[0]
        guard let output = arguments.value("--html") else {
            throw UsageError("give the page to write with --html FILE")
        }
        let report = try GraphArguments.load(arguments, around: [name], console: console).lineageReport(of: name)
        let renderer = HTMLReport(layout: arguments.flag("--builtin-layout") ? .builtIn : .automatic)
        do {
            try Data(renderer.render(report).utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw CommandFailure("could not write \(output): \(error.localizedDescription)")
        }
        console.log("wrote \(output)")
        return 0
    }
}
