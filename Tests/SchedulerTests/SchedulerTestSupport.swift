import Foundation
import Lineage
import Models
import Recipes
import SafeTensors
import Scheduler
import XCTest

/// The mergekit parity fixtures: tiny Mistral-shaped BF16 models (4 layers, hidden size 64),
/// in `shared/parity` beside the checkout unless `PEDIGREE_PARITY_DIR` says otherwise.
let parityRoot = ProcessInfo.processInfo.environment["PEDIGREE_PARITY_DIR"]
    ?? URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("shared/parity").path

/// Four merges over the parity models. stageA feeds stageB, stageC and the final merge, which
/// is recorded as `chain` (the recipe file's name). stageB feeds the final merge, and stageC
/// is a sibling of stageB that nothing reads.
let chainRecipe = """
    name: stageA
    merge_method: model_stock
    base_model: ./models/base
    models:
      - model: ./models/ft1
      - model: ./models/ft2
      - model: ./models/ft3
    ---
    name: stageB
    merge_method: model_stock
    base_model: stageA
    models:
      - model: ./models/ft3
      - model: ./models/ft4
      - model: ./models/ft5
    ---
    name: stageC
    merge_method: linear
    models:
      - model: stageA
        parameters:
          weight: 1
      - model: ./models/instruct
        parameters:
          weight: 1
    ---
    merge_method: model_stock
    base_model: ./models/base
    models:
      - model: stageA
      - model: stageB
      - model: ./models/instruct

    """

/// Identity and output content hashes of `chainRecipe`'s merges. They depend only on the parity models' tensors, the recipe and the engine's arithmetic.
enum ChainHashes {
    static let identities = [
        "stageA": "sha256:43c66fb259b96a0a5377947d62d8a3a10e3c1c579d53ed85e8a0e0b27e7cfbd9",
        "stageB": "sha256:554ecbaaf8b0124b37336f31d8541d293841a8761647089e23e72699a59697b7",
        "stageC": "sha256:fa83f9a9739c8f9615c1cc14b57c020f1b3a5ee52a743786c5129f8d57efcd04",
        "chain": "sha256:7cbda34fb6717c26ae232fb719afdcbc7d95b67255819ed40a1d6c7017c7ec8c",
    ]
    static let outputs = [
        "stageA": "sha256:533ae38e8525ac228f14e1f598bd77e0bfbd97b6eea2b820719d0168210bdba5",
        "stageB": "sha256:398fe2072b2bd969514a27afd326bc6c767b86a412f2b8a781b88ead453dba78",
        "stageC": "sha256:edecb405e2a483c18499fafe71e9720c2f28250fee96dfd48d5dc9b4e0d5647f",
        "chain": "sha256:b0615235a92ef91a0d2aee330dca8f2126e7c3fe5396db8f65bdf466c3769867",
    ]
    static let buildOrder = ["stageA", "stageB", "stageC", "chain"]
}

/// What a finished `pedigree` process printed.
struct ProcessResult {
    var exitCode: Int32
    var stdout: String
    var stderr: String

    var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
}

/// A temporary folder holding `chain.yml`, a `models/` folder of links to the parity models,
/// and the lineage database `.pedigree/lineage.db` once something ran. Removed when the test
/// ends.
final class LineageFolder {
    let root: String
    var recipePath: String { root + "/chain.yml" }
    var databasePath: String { root + "/.pedigree/lineage.db" }
    var artifactsPath: String { root + "/.pedigree/artifacts" }

    /// The parity models the recipe reads, each linked as `models/NAME`.
    static let modelNames = ["base", "ft1", "ft2", "ft3", "ft4", "ft5", "instruct"]

    /// Skips the test when the parity fixtures are not on this machine, except under CI (`CI`
    /// set), where that fails.
    init(_ testCase: XCTestCase, recipe: String = chainRecipe) throws {
        if !FileManager.default.fileExists(atPath: parityRoot + "/models/base") {
            let message = "the mergekit parity models not found at \(parityRoot)/models"
            if ProcessInfo.processInfo.environment["CI"] != nil { XCTFail(message) }
            throw XCTSkip(message)
        }
        root = FileManager.default.temporaryDirectory.appendingPathComponent("SchedulerTests-\(UUID().uuidString)").path
        let fileManager = FileManager.default
        try fileManager.createDirectory(atPath: root + "/models", withIntermediateDirectories: true)
        for name in Self.modelNames {
            try fileManager.createSymbolicLink(atPath: root + "/models/" + name, withDestinationPath: parityRoot + "/models/" + name)
        }
        try writeRecipe(recipe)
        testCase.addTeardownBlock { [root] in
            try? FileManager.default.removeItem(atPath: root)
        }
    }

    func writeRecipe(_ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: recipePath))
    }

    /// Replaces the link `models/NAME` with a writable copy of the parity model, so a test can
    /// change its bytes; returns the copy's weights file.
    @discardableResult
    func makeWritableCopy(ofModel name: String) throws -> String {
        let fileManager = FileManager.default
        let copy = root + "/models/" + name
        try fileManager.removeItem(atPath: copy)
        try fileManager.createDirectory(atPath: copy, withIntermediateDirectories: false)
        for file in try fileManager.contentsOfDirectory(atPath: parityRoot + "/models/" + name) {
            let data = try Data(contentsOf: URL(fileURLWithPath: parityRoot + "/models/" + name + "/" + file))
            try data.write(to: URL(fileURLWithPath: copy + "/" + file))
        }
        return copy + "/model.safetensors"
    }

    /// The artifact directory of the merge named `name` in `chainRecipe`.
    func artifactPath(of name: String) -> String {
        artifactsPath + "/" + ChainHashes.identities[name]!.dropFirst("sha256:".count)
    }

    // MARK: The library API

    /// Plans every merge of the recipe against the database.
    func plan() throws -> [PlanEntry] {
        let workspace = try Workspace(databasePath: databasePath)
        let graph = try loadGraph(workspace)
        return try Planner(store: workspace.store, hasher: workspace.contentHasher(threadCount: 1)).plan(graph, targets: [])
    }

    /// Builds every pending merge with one thread and returns the summary and the events.
    /// `onEvent` sees each event on the thread that reports it, before the run goes on.
    func run(onEvent: @escaping @Sendable (RunEvent) -> Void = { _ in }) throws -> (summary: RunSummary, events: [RunEvent]) {
        let workspace = try Workspace(databasePath: databasePath)
        let graph = try loadGraph(workspace)
        let events = EventLog()
        let runner = Runner(workspace: workspace, options: RunOptions(threads: 1, engineVersion: "test")) { event in
            events.append(event)
            onEvent(event)
        }
        let summary = try runner.run(graph, targets: [], commandLine: ["test"])
        return (summary, events.events)
    }

    private func loadGraph(_ workspace: Workspace) throws -> RecipeGraph {
        var options = RecipeLoadOptions()
        options.currentDirectory = root
        options.sources = workspace.sourceIdentities(threadCount: 1)
        let check = RecipeLoader.load(paths: [recipePath], options: options)
        guard let graph = check.graph else {
            throw TestFailure("the recipe does not load: \(check.diagnostics.map(\.description))")
        }
        return graph
    }

    // MARK: The pedigree binary

    /// Runs `pedigree ARGUMENTS` in the folder and waits for it.
    func pedigree(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        let process = try startPedigree(arguments, environment: environment, logName: UUID().uuidString)
        return process.wait()
    }

    /// Starts `pedigree ARGUMENTS` in the folder with its output going to files under
    /// `logs/`, named after `logName`.
    func startPedigree(_ arguments: [String], environment: [String: String] = [:], logName: String) throws -> RunningPedigree {
        try RunningPedigree(arguments: arguments, directory: root, environment: environment,
                            logFolder: root + "/logs", logName: logName)
    }

    // MARK: The database

    /// Opens the lineage database without migrating it, for queries.
    func database() throws -> Database {
        try Database(path: databasePath)
    }

    /// Every merge row in insertion order.
    func mergeRows() throws -> [MergeRow] {
        try database().query("SELECT name, identity_hash, state, error FROM merges ORDER BY id") {
            MergeRow(name: try $0.text(0), identityHash: try $0.text(1), state: try $0.text(2), error: try $0.optionalText(3))
        }
    }

    /// Entries of the artifact store whose names mark unfinished outputs.
    func partialOutputs() throws -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: artifactsPath)) ?? []
        return entries.filter { $0.contains(".pedigree-partial-") }.sorted()
    }
}

struct MergeRow: Equatable, CustomStringConvertible {
    var name: String
    var identityHash: String
    var state: String
    var error: String?

    var description: String { "\(name) \(identityHash.dropFirst(7).prefix(12)) \(state)" }
}

/// A `pedigree` process started by a test; killed when the test ends if it still runs.
final class RunningPedigree {
    let process = Process()
    let stdoutPath: String
    let stderrPath: String

    init(arguments: [String], directory: String, environment: [String: String], logFolder: String, logName: String) throws {
        try FileManager.default.createDirectory(atPath: logFolder, withIntermediateDirectories: true)
        stdoutPath = logFolder + "/\(logName).stdout"
        stderrPath = logFolder + "/\(logName).stderr"
        for path in [stdoutPath, stderrPath] where !FileManager.default.createFile(atPath: path, contents: nil) {
            throw TestFailure("cannot create \(path)")
        }
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        guard FileManager.default.isExecutableFile(atPath: Self.executable) else {
            throw TestFailure("\(Self.executable) is missing; build it first with swift build --build-tests")
        }
        try process.run()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// The `pedigree` executable beside the test bundle in the build folder.
    static var executable: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pedigree").path
    }

    var stderr: String {
        (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
    }

    /// Waits until standard error holds a line containing `marker`, failing after
    /// `deadline` seconds (a guard against a hang, not a timing assumption).
    func waitForLine(containing marker: String, deadline: TimeInterval = 60) throws {
        let limit = Date().addingTimeInterval(deadline)
        while Date() < limit {
            if stderr.contains(marker) { return }
            guard process.isRunning else {
                throw TestFailure("pedigree exited with \(process.terminationStatus) before printing \"\(marker)\"; stderr:\n\(stderr)")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw TestFailure("pedigree printed no \"\(marker)\" in \(deadline) s; stderr:\n\(stderr)")
    }

    /// Kills the process with SIGKILL, so it gets no chance to clean up, and waits for it.
    func killHard() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func wait() -> ProcessResult {
        process.waitUntilExit()
        return ProcessResult(exitCode: process.terminationStatus,
                             stdout: (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "",
                             stderr: stderr)
    }
}

/// Run events collected from the runner's threads.
final class EventLog: @unchecked Sendable {
    // @unchecked: `collected` is only touched under `lock`.
    private let lock = NSLock()
    private var collected: [RunEvent] = []

    func append(_ event: RunEvent) {
        lock.lock()
        defer { lock.unlock() }
        collected.append(event)
    }

    var events: [RunEvent] {
        lock.lock()
        defer { lock.unlock() }
        return collected
    }
}

/// A failed step of a test's setup, with what went wrong.
struct TestFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Returns the first 12 hex digits of a `sha256:` hash, as plans print them.
func short(_ hash: String) -> String {
    String(hash.dropFirst("sha256:".count).prefix(12))
}

/// Returns the pending reasons of each plan entry by merge name, empty when up to date.
func pendingReasons(_ entries: [PlanEntry]) -> [String: [PendingReason]] {
    var result: [String: [PendingReason]] = [:]
    for entry in entries {
        if case .pending(let reasons) = entry.status {
            result[entry.merge.recordName] = reasons
        } else {
            result[entry.merge.recordName] = []
        }
    }
    return result
}

/// Changes one byte of tensor `tensor` in the safetensors file at `path`: the byte at
/// `offset` within the tensor's data is XORed with `mask`.
func flipByte(ofTensor tensor: String, inFile path: String, offset: Int = 0, mask: UInt8 = 0x01) throws {
    try overwriteBytes(ofTensor: tensor, inFile: path, offset: offset) { $0 ^ mask }
}

/// Replaces the bytes of tensor `tensor` at `offset` with `bytes`.
func writeBytes(_ bytes: [UInt8], ofTensor tensor: String, inFile path: String, offset: Int = 0) throws {
    var index = 0
    try overwriteBytes(ofTensor: tensor, inFile: path, offset: offset, count: bytes.count) { _ in
        defer { index += 1 }
        return bytes[index]
    }
}

private func overwriteBytes(ofTensor tensor: String, inFile path: String, offset: Int, count: Int = 1,
                            _ change: (UInt8) -> UInt8) throws {
    let range: Range<Int>
    do {
        let file = try SafeTensorsFile(path: path)
        guard let info = file.tensor(named: tensor) else { throw TestFailure("no tensor \(tensor) in \(path)") }
        range = file.fileRange(of: info)
    }
    var data = try Data(contentsOf: URL(fileURLWithPath: path))
    for position in (range.lowerBound + offset)..<(range.lowerBound + offset + count) {
        data[position] = change(data[position])
    }
    try data.write(to: URL(fileURLWithPath: path))
}

extension LineageFolder {
    /// Checks what a run may leave behind, crashed or not. SQLite's integrity check passes,
    /// no foreign key dangles, and no lease or unfinished output remains. Every merge recorded
    /// done has an artifact whose files still have the recorded content hash (re-hashed by
    /// `pedigree hash`) and per-file SHA-256, and no other files but the model card.
    func assertRecordsMatchFiles(file: StaticString = #filePath, line: UInt = #line) throws {
        let database = try database()
        XCTAssertEqual(try database.query("PRAGMA integrity_check") { try $0.text(0) }, ["ok"], file: file, line: line)
        XCTAssertEqual(try database.query("PRAGMA foreign_key_check") { try $0.text(0) }, [], file: file, line: line)
        XCTAssertEqual(try database.query("SELECT identity_hash FROM leases") { try $0.text(0) }, [], "leases left", file: file, line: line)
        XCTAssertEqual(try partialOutputs(), [], file: file, line: line)

        let artifacts = try database.query("""
            SELECT merges.name, artifacts.id, artifacts.path, artifacts.content_hash
            FROM merges JOIN artifacts ON artifacts.id = merges.output_artifact_id
            WHERE merges.state = 'done' ORDER BY merges.id
            """) { (name: try $0.text(0), id: try $0.int64(1), path: try $0.text(2), contentHash: try $0.text(3)) }
        for artifact in artifacts {
            let hash = try pedigree(["hash", artifact.path, "--threads", "1"])
            XCTAssertEqual(hash.stdout, "\(artifact.contentHash)  \(artifact.path)\n", artifact.name, file: file, line: line)

            let recordedFiles = try database.query(
                "SELECT name, sha256 FROM artifact_files WHERE artifact_id = ? ORDER BY name", [artifact.id]
            ) { "\(try $0.text(0)) \(try $0.text(1))" }
            // The model card is rendered from the database after the merge is recorded, so it
            // is the one file of an output that the artifact does not list.
            let names = try FileManager.default.contentsOfDirectory(atPath: artifact.path).filter { $0 != "README.md" }
            let files = try names.sorted().map { name in
                let digest = try MappedFile(path: artifact.path + "/" + name).withBytes { SHA256Hasher.hex(of: $0) }
                return "\(name) \(digest)"
            }
            XCTAssertEqual(files, recordedFiles, artifact.name, file: file, line: line)
        }
    }
}
