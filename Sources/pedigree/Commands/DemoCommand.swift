import Foundation
import Scheduler

/// `pedigree demo [DIR]`: the whole product on a fresh machine, with no setup.
enum DemoCommand: Command {
    static let name = "demo"
    static let summary = "Generate a tiny model family and a Sappho-shaped recipe chain in DIR, build it, and show the final model's lineage"
    static let positionalUsage = "[DIR]"
    static let positionalCount = 0...1
    static let options: [OptionSpec] = [
        .value("--threads", "N", "threads for generating and merging (default: all cores)"),
    ]

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        let directory = Workspace.absolutePath(arguments.positionals.first ?? "demo")
        let threads = try arguments.integer("--threads", minimum: 1) ?? ProcessInfo.processInfo.activeProcessorCount
        let models = (directory as NSString).appendingPathComponent("models")
        try FileManager.default.createDirectory(atPath: models, withIntermediateDirectories: true)

        let family = ModelFamily(shape: .tiny, fineTuneCount: 6)
        let written = try family.write(to: models, threads: threads) { console.log($0) }
        if written.isEmpty { console.log("using the models already in \(models)") }

        let recipePath = (directory as NSString).appendingPathComponent(DemoRecipe.fileName)
        if (try? String(contentsOfFile: recipePath, encoding: .utf8)) != DemoRecipe.text {
            try Data(DemoRecipe.text.utf8).write(to: URL(fileURLWithPath: recipePath), options: .atomic)
            console.log("wrote the recipe chain \(recipePath)")
        }

        let databasePath = (directory as NSString).appendingPathComponent(".pedigree/lineage.db")
        let workspace = try Workspace(databasePath: databasePath)
        let parsed = try ParsedArguments.parse([recipePath, "--threads", String(threads)], options: RunCommand.options)
        let graph = try LineageArguments(parsed).loadGraph(parsed, workspace: workspace, console: console)

        var options = RunOptions(threads: threads, engineVersion: pedigreeVersion)
        options.outDirectory = (directory as NSString).appendingPathComponent("out")
        options.modelCard = ModelCardWriter.card
        let progress = RunProgress(console: console)
        let summary = try Runner(workspace: workspace, options: options) { progress.handle($0) }
            .run(graph, targets: [], commandLine: CommandLine.arguments)
        progress.finish()
        console.print("run: \(summary.text)")
        guard summary.succeeded else { return 1 }

        for command in [TreeCommand.self, FeedersCommand.self] as [any Command.Type] {
            console.print("")
            let questionArguments = try ParsedArguments.parse(["demo-final", "--db", databasePath], options: command.options)
            _ = try command.run(questionArguments, console)
        }
        console.print("")
        console.print("Outputs are linked in \(options.outDirectory!). Try also:")
        for verb in ["show demo-final", "diff demo-g demo-g2", "report demo-final --html lineage.html", "card demo-final"] {
            console.print("  pedigree \(verb) --db \(databasePath)")
        }
        return 0
    }
}
