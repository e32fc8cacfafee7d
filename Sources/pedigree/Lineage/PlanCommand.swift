import Foundation
import Scheduler

/// `pedigree plan`: which merges are up to date and why the others are pending.
enum PlanCommand: Command {
    static let name = "plan"
    static let summary = "Show which merges the targets need and why each is up to date or pending"
    static let positionalUsage = "RECIPE... [TARGET...]"
    static let positionalCount = 1...Int.max
    static let options: [OptionSpec] = LineageArguments.options + [
        .flag("--exit-code", "exit with status 2 when any merge is pending"),
        .flag("--json", "print JSON instead of text"),
        .value("--threads", "N", "threads for hashing source models and outputs (default: all cores)"),
    ]

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        let lineage = LineageArguments(arguments)
        let workspace = try Workspace(databasePath: lineage.databasePath)
        let graph = try lineage.loadGraph(arguments, workspace: workspace, console: console)
        let threads = try arguments.integer("--threads", minimum: 1) ?? ProcessInfo.processInfo.activeProcessorCount
        let planner = Planner(store: workspace.store, hasher: workspace.contentHasher(threadCount: threads))
        let entries = try planner.plan(graph, targets: lineage.targets)

        if arguments.flag("--json") {
            console.print(PlanReport.json(entries).prettyPrinted())
        } else {
            console.print(PlanReport.text(entries))
        }
        let pending = entries.filter(\.isPending).count
        return arguments.flag("--exit-code") && pending > 0 ? 2 : 0
    }
}
