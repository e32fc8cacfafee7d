import Foundation
import Scheduler

/// `pedigree rebuild NAME --check`: the reproducibility check.
enum RebuildCommand: Command {
    static let name = "rebuild"
    static let summary = "Build a recorded merge again in a temporary place and compare its content hash with the record"
    static let positionalUsage = "[RECIPE...] NAME"
    static let positionalCount = 1...Int.max
    static let options: [OptionSpec] = LineageArguments.options + [
        .flag("--check", "compare with the record and discard the rebuild (the only mode so far)"),
        .value("--threads", "N", "threads for merging (default: all cores)"),
        .value("--memory", "SIZE", "memory budget of the engine's buffers (default: 512MiB)"),
    ]

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        guard arguments.flag("--check") else {
            throw UsageError("rebuild needs --check (rebuilding in place is not supported; pedigree run rebuilds what is pending)")
        }
        var lineage = LineageArguments(arguments)
        guard lineage.targets.count == 1, let name = lineage.targets.first else {
            throw UsageError("rebuild takes exactly one merge NAME; got \(lineage.targets.count)")
        }
        let workspace = try Workspace(databasePath: lineage.databasePath)
        if lineage.recipes.isEmpty {
            guard let record = try workspace.store.latestMerge(named: name), let recipe = record.definition.recipePath else {
                throw CommandFailure("no recorded merge named \(name) with a recipe file; give the RECIPE as well")
            }
            lineage.recipes = [recipe]
        }
        let graph = try lineage.loadGraph(arguments, workspace: workspace, console: console)
        let threads = try arguments.integer("--threads", minimum: 1) ?? ProcessInfo.processInfo.activeProcessorCount
        var options = RunOptions(threads: threads, engineVersion: pedigreeVersion)
        if let memory = try arguments.byteSize("--memory") { options.memoryBudget = memory }
        let result = try Rebuilder(workspace: workspace, options: options).check(name, in: graph)
        if result.isIdentical {
            console.print("identical: \(name) rebuilt to \(result.rebuilt), as recorded")
            return 0
        }
        console.print("DIFFERENT: \(name) rebuilt to \(result.rebuilt), but the recorded content hash is \(result.recorded)")
        return 1
    }
}
