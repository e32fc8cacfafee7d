import Foundation
import Merging
import Recipes
import Scheduler
import SafeTensors

/// `pedigree merge CONFIG OUT`: builds one merge from a single-document recipe, like
/// `mergekit-yaml`, without a lineage database.
enum MergeCommand: Command {
    static let name = "merge"
    static let summary = "Build the merge of a single-document recipe into OUT_DIR (no lineage database)"
    static let positionalUsage = "CONFIG.yml OUT_DIR"
    static let positionalCount = 2...2
    static let options: [OptionSpec] = [
        .value("--compat", "mergekit", "compute as mergekit 0.1.5 does, bit for bit, unless the recipe sets pedigree: {compat: ...}"),
        .value("--threads", "N", "worker threads (default: all cores)"),
        .value("--memory", "SIZE", "memory for the engine's buffers, such as 512MiB (default: 512MiB; the page cache is extra)"),
        .value("--shard-size", "SIZE", "largest output shard, such as 5GB (default: 5GB)"),
        .value("--models-dir", "DIR", "also look for models in DIR (ROOT/ORG/NAME or ROOT/NAME); repeatable", repeatable: true),
        .flag("--force", "replace OUT_DIR when it exists and is not empty"),
    ]

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        let configPath = arguments.positionals[0]
        let outputPath = arguments.positionals[1]
        var loadOptions = RecipeLoadOptions()
        loadOptions.modelsDirectories = arguments.allValues("--models-dir")
        switch arguments.value("--compat") {
        case nil: break
        case "mergekit": loadOptions.defaultSemantics = .mergekit
        case let other?: throw UsageError("--compat takes mergekit; got \"\(other)\"")
        }
        var engineOptions = MergeOptions()
        if let threads = try arguments.integer("--threads", minimum: 1) { engineOptions.threadCount = threads }
        if let memory = try arguments.byteSize("--memory") {
            guard memory >= 1 << 20 else { throw UsageError("--memory must be at least 1MiB; got \(memory) bytes") }
            engineOptions.memoryBudget = memory
        }
        let shardSize = try arguments.byteSize("--shard-size") ?? 5_000_000_000

        try checkDestination(outputPath, force: arguments.flag("--force"))
        let check = RecipeLoader.load(paths: [configPath], options: loadOptions)
        for diagnostic in check.diagnostics {
            console.log(diagnostic.description)
        }
        guard let graph = check.graph, check.errors.isEmpty else {
            throw CommandFailure("\(configPath) has errors; fix them and run again")
        }
        guard graph.merges.count == 1, let merge = graph.merges.first else {
            throw CommandFailure("\(configPath) declares \(graph.merges.count) merges; merge builds a single-document recipe (use pedigree run for recipe graphs)")
        }

        let (job, tokenizerSource) = try JobBuilder().job(for: merge)
        let progress = ProgressRenderer(console: console)
        let engine = MergeEngine(options: engineOptions) { progress.handle($0) }
        let plan = try engine.plan(job)
        let started = Date()
        // Like mergekit-yaml, keep the config file's exact text, comments included.
        let recipeText = (try? String(contentsOfFile: configPath, encoding: .utf8)) ?? merge.documentText
        let output = try engine.write(plan, to: outputPath, recipeText: recipeText, tokenizerSource: tokenizerSource, maximumShardBytes: shardSize)
        progress.finish()
        let seconds = Date().timeIntervalSince(started)
        let bytes = plan.outputs.reduce(0) { $0 + $1.byteCount }
        console.log(String(format: "merged %d tensors (%@) in %.1f s", plan.outputs.count, ByteSize.format(bytes), seconds))
        console.print("\(output.path)\t\(output.contentHash)")
        return 0
    }

    /// Rejects an output path that holds something the merge would replace, and removes the
    /// staging folders an interrupted merge into the same path left beside it.
    static func checkDestination(_ path: String, force: Bool) throws {
        let fileManager = FileManager.default
        let absolute = (path as NSString).standardizingPath
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: absolute, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw CommandFailure("\(path) is a file; give a folder for the merged model")
            }
            let entries = try fileManager.contentsOfDirectory(atPath: absolute)
            if !entries.isEmpty && !force {
                throw CommandFailure("\(path) exists and is not empty; merge replaces the whole folder, so choose another folder or pass --force")
            }
            if (absolute as NSString).standardizingPath == (fileManager.currentDirectoryPath as NSString).standardizingPath {
                throw CommandFailure("\(path) is the current directory; merge replaces the whole folder, so give a folder below it")
            }
        }
        let (parent, name) = splitPath(absolute)
        let prefix = "." + name + ".pedigree-partial-"
        for entry in (try? fileManager.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(prefix) {
            try? fileManager.removeItem(atPath: parent + "/" + entry)
        }
    }

    /// Splits a path into its folder (`.` for a bare name) and last component. Written by
    /// hand because Foundation's `deletingLastPathComponent` traps on one-character paths
    /// (swift-corelibs-foundation in Swift 6.3.1).
    static func splitPath(_ path: String) -> (parent: String, name: String) {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return (".", String(trimmed)) }
        let parent = trimmed[..<slash]
        return (parent.isEmpty ? "/" : String(parent), String(trimmed[trimmed.index(after: slash)...]))
    }

}

/// Draws merge progress: a bar redrawn in place on a terminal, otherwise a log line per tenth
/// of the bytes. Warnings go out as they come.
final class ProgressRenderer: @unchecked Sendable {
    // @unchecked: the engine delivers events one at a time; `lock` guards the rest.
    private let console: Console
    private let lock = NSLock()
    private let started = Date()
    private var lastTenth = -1
    private var barShown = false
    private var lastDraw = Date.distantPast

    init(console: Console) {
        self.console = console
    }

    func handle(_ event: MergeEvent) {
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .warning(let message):
            if barShown { console.status("\r\u{1B}[K") }
            console.warning(message)
        case .progress(let progress):
            let fraction = progress.byteCount == 0 ? 1 : Double(progress.bytesWritten) / Double(progress.byteCount)
            let elapsed = Date().timeIntervalSince(started)
            let remaining = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
            let counts = "\(progress.tensorsDone)/\(progress.tensorCount) tensors, \(ByteSize.format(progress.bytesWritten)) of \(ByteSize.format(progress.byteCount))"
            if console.isErrorTerminal {
                // Redraw at most ten times a second, and once more at the end.
                let now = Date()
                guard progress.bytesWritten == progress.byteCount || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
                lastDraw = now
                let width = 30
                let filled = Int(fraction * Double(width))
                let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                console.status(String(format: "\r\u{1B}[K[%@] %@, ETA %.0f s", bar, counts, remaining))
                barShown = true
            } else {
                let tenth = Int(fraction * 10)
                if tenth > lastTenth {
                    lastTenth = tenth
                    console.log(String(format: "%3d%%  %@", tenth * 10, counts))
                }
            }
        }
    }

    /// Ends the bar's line.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if barShown { console.status("\n") }
        barShown = false
    }
}
