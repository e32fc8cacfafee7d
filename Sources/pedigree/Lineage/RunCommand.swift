import Foundation
import Scheduler

/// `pedigree run`: builds the pending merges and records them.
enum RunCommand: Command {
    static let name = "run"
    static let summary = "Build the pending merges in order and record them in the lineage database"
    static let positionalUsage = "RECIPE... [TARGET...]"
    static let positionalCount = 1...Int.max
    static let options: [OptionSpec] = LineageArguments.options + [
        .value("--jobs", "N", "merges built side by side, sharing the memory budget and threads (default: 1)"),
        .value("--threads", "N", "threads for merging and hashing (default: all cores)"),
        .value("--memory", "SIZE", "memory budget of the engine's buffers, e.g. 512MiB (default: 512MiB)"),
        .value("--shard-size", "SIZE", "maximum size of an output shard (default: 5GB)"),
        .value("--out", "DIR", "where to link each output as DIR/NAME (default: out/ beside the .pedigree folder of the database)"),
        .flag("--dry-run", "print the plan without building anything"),
    ]

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        let lineage = LineageArguments(arguments)
        let threads = try arguments.integer("--threads", minimum: 1) ?? ProcessInfo.processInfo.activeProcessorCount
        var options = RunOptions(threads: threads, engineVersion: pedigreeVersion)
        options.jobs = try arguments.integer("--jobs", minimum: 1) ?? 1
        if let memory = try arguments.byteSize("--memory") { options.memoryBudget = memory }
        if let shardSize = try arguments.byteSize("--shard-size") { options.maximumShardBytes = max(1, shardSize) }
        options.modelCard = ModelCardWriter.card
        let workspace = try Workspace(databasePath: lineage.databasePath)
        options.outDirectory = arguments.value("--out").map(Workspace.absolutePath) ?? workspace.defaultOutDirectory

        let graph = try lineage.loadGraph(arguments, workspace: workspace, console: console)
        if arguments.flag("--dry-run") {
            let entries = try Planner(store: workspace.store, hasher: workspace.contentHasher()).plan(graph, targets: lineage.targets)
            console.print(PlanReport.text(entries))
            return 0
        }
        let progress = RunProgress(console: console)
        let runner = Runner(workspace: workspace, options: options) { progress.handle($0) }
        let summary = try runner.run(graph, targets: lineage.targets, commandLine: CommandLine.arguments)
        progress.finish()
        console.print(summary.text)
        return summary.succeeded ? 0 : 1
    }
}

extension RunSummary {
    var text: String {
        var parts = ["\(built.count) built", "\(reused.count) up to date"]
        if !failed.isEmpty { parts.append("\(failed.count) failed (\(failed.joined(separator: ", ")))") }
        if !skipped.isEmpty { parts.append("\(skipped.count) skipped (\(skipped.joined(separator: ", ")))") }
        return parts.joined(separator: ", ")
    }
}
