import Lineage
import XCTest

/// Kills `pedigree run` with SIGKILL at fixed steps of a build (through the
/// `PEDIGREE_TEST_PAUSE_AT` hook, which makes the run sleep there) and checks that the next
/// run completes and that nothing half-written is recorded as done.
final class CrashRecoveryTests: XCTestCase {
    func testKillBeforeWriteRecovers() throws {
        let folder = try killRun(at: "before-write:stageB")
        XCTAssertEqual(try folder.database().query("SELECT count(*) FROM leases") { try $0.int64(0) }, [1])
        XCTAssertEqual(try folder.mergeRows().map(\.description), ["stageA 43c66fb259b9 done", "stageB 554ecbaaf8b0 running"])
        XCTAssertEqual(try folder.partialOutputs(), [])
        try assertRerunCompletes(folder)
    }

    func testKillDuringWriteRecovers() throws {
        let folder = try killRun(at: "during-write:stageB")
        XCTAssertEqual(try folder.mergeRows().map(\.description), ["stageA 43c66fb259b9 done", "stageB 554ecbaaf8b0 running"])
        let partial = try folder.partialOutputs()
        XCTAssertEqual(partial.count, 1)
        XCTAssertTrue(partial.first?.hasPrefix(".554ecbaaf8b0") ?? false, "\(partial)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.artifactPath(of: "stageB")))
        try assertRerunCompletes(folder)
    }

    func testKillAfterRenameBeforeRecordRecovers() throws {
        let folder = try killRun(at: "after-write-before-record:stageB")
        // The output is complete and in place, but its merge is still recorded as running.
        XCTAssertEqual(try folder.mergeRows().map(\.description), ["stageA 43c66fb259b9 done", "stageB 554ecbaaf8b0 running"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.artifactPath(of: "stageB") + "/model.safetensors"))
        try assertRerunCompletes(folder)
    }

    func testKillBetweenMergesRecovers() throws {
        let folder = try killRun(at: "between-merges:stageA")
        XCTAssertEqual(try folder.mergeRows().map(\.description), ["stageA 43c66fb259b9 done"])
        try assertRerunCompletes(folder, stageBReason: "new")
    }

    func testPlanNamesLiveAndKilledBuilds() throws {
        let folder = try LineageFolder(self)
        let run = try folder.startPedigree(["run", "chain.yml", "--threads", "1"],
                                           environment: ["PEDIGREE_TEST_PAUSE_AT": "during-write:stageB"], logName: "paused")
        try run.waitForLine(containing: "paused at during-write for PEDIGREE_TEST_PAUSE_AT")

        let whileRunning = try folder.pedigree(["plan", "chain.yml"])
        let owner = "process \(run.process.processIdentifier) on \(LeaseOwner.current.host)"
        XCTAssertTrue(whileRunning.stdout.contains("pending     stageB  554ecbaaf8b0  being built by \(owner)\n"), whileRunning.stdout)

        run.killHard()
        let afterKill = try folder.pedigree(["plan", "chain.yml"])
        XCTAssertTrue(afterKill.stdout.contains("pending     stageB  554ecbaaf8b0  the previous build was interrupted\n"), afterKill.stdout)
    }

    func testKillWhileReplacingDamagedOutputRecovers() throws {
        let folder = try LineageFolder(self)
        XCTAssertEqual(try folder.pedigree(["run", "chain.yml", "--threads", "1"]).exitCode, 0)
        try flipByte(ofTensor: "model.norm.weight", inFile: folder.artifactPath(of: "chain") + "/model.safetensors")
        let run = try folder.startPedigree(["run", "chain.yml", "--threads", "1"],
                                           environment: ["PEDIGREE_TEST_PAUSE_AT": "after-write-before-record:chain"], logName: "killed")
        try run.waitForLine(containing: "paused at after-write-before-record for PEDIGREE_TEST_PAUSE_AT")
        run.killHard()

        // The rebuild put identical bytes in place before it was killed, so the earlier
        // record of chain verifies again and nothing is left to build.
        let rerun = try folder.pedigree(["run", "chain.yml", "--threads", "1"])
        XCTAssertEqual(rerun.exitCode, 0, rerun.stderr)
        XCTAssertEqual(rerun.stdout, "0 built, 4 up to date\n")
        XCTAssertEqual(rerun.stderrLines.first, "recovered chain: its build was interrupted; it is pending again")
        try folder.assertRecordsMatchFiles()
        let status = try folder.pedigree(["status", "--db", folder.databasePath])
        XCTAssertFalse(status.stdout.contains("building:"), status.stdout)
    }

    func testKillDuringFinalRenameRecovers() throws {
        let folder = try LineageFolder(self)
        XCTAssertEqual(try folder.pedigree(["run", "chain.yml", "--threads", "1"]).exitCode, 0)
        let destination = folder.artifactPath(of: "chain")
        try flipByte(ofTensor: "model.norm.weight", inFile: destination + "/model.safetensors")
        let run = try folder.startPedigree(["run", "chain.yml", "--threads", "1"],
                                           environment: ["PEDIGREE_TEST_PAUSE_AT": "after-write-before-record:chain"], logName: "killed")
        try run.waitForLine(containing: "paused at after-write-before-record for PEDIGREE_TEST_PAUSE_AT")
        run.killHard()

        // Replacing an output takes two renames: the old directory aside, then the new one
        // into place. Put the folder in the state a kill between the two leaves: the new
        // output still under its staging name, the damaged one aside, nothing at the path.
        let staging = folder.artifactsPath + "/." + ChainHashes.identities["chain"]!.dropFirst(7) + ".pedigree-partial-\(UUID().uuidString)"
        try FileManager.default.moveItem(atPath: destination, toPath: staging)
        try FileManager.default.copyItem(atPath: staging, toPath: staging + "-previous")
        try flipByte(ofTensor: "model.norm.weight", inFile: staging + "-previous/model.safetensors")

        let rerun = try folder.pedigree(["run", "chain.yml", "--threads", "1"])
        XCTAssertEqual(rerun.exitCode, 0, rerun.stderr)
        XCTAssertEqual(rerun.stdout, "1 built, 3 up to date\n")
        XCTAssertEqual(rerun.stderrLines.filter { $0.hasPrefix("building chain: ") }, ["building chain: output missing: \(destination)"],
                       rerun.stderr)
        try folder.assertRecordsMatchFiles()
        XCTAssertEqual(try folder.plan().filter(\.isPending).map(\.merge.recordName), [])
    }

    /// Starts a run that pauses at `point`, waits for its pause message, kills it, and checks
    /// that the database left behind is intact and records nothing it cannot back with files.
    private func killRun(at point: String) throws -> LineageFolder {
        let folder = try LineageFolder(self)
        let run = try folder.startPedigree(["run", "chain.yml", "--threads", "1"],
                                           environment: ["PEDIGREE_TEST_PAUSE_AT": point], logName: "killed")
        let step = point.split(separator: ":")[0]
        try run.waitForLine(containing: "paused at \(step) for PEDIGREE_TEST_PAUSE_AT")
        run.killHard()
        XCTAssertEqual(run.process.terminationReason, .uncaughtSignal)

        let database = try folder.database()
        XCTAssertEqual(try database.query("PRAGMA integrity_check") { try $0.text(0) }, ["ok"])
        XCTAssertEqual(try database.query("SELECT outcome FROM runs") { try $0.text(0) }, ["running"])
        return folder
    }

    /// Runs again: the interrupted merge is built, and the outputs are the ones an
    /// uninterrupted run makes. `stageBReason` is the reason the rerun gives for building stageB.
    private func assertRerunCompletes(_ folder: LineageFolder, stageBReason: String = "the previous build was interrupted",
                                      file: StaticString = #filePath, line: UInt = #line) throws {
        let rerun = try folder.pedigree(["run", "chain.yml", "--threads", "1"])

        XCTAssertEqual(rerun.exitCode, 0, rerun.stderr, file: file, line: line)
        XCTAssertEqual(rerun.stdout, "3 built, 1 up to date\n", file: file, line: line)
        XCTAssertEqual(rerun.stderrLines.filter { $0.hasPrefix("building stageB: ") }, ["building stageB: \(stageBReason)"],
                       rerun.stderr, file: file, line: line)
        try folder.assertRecordsMatchFiles(file: file, line: line)
        XCTAssertEqual(try folder.mergeRows().map(\.description), [
            "stageA 43c66fb259b9 done", "stageB 554ecbaaf8b0 done", "stageC fa83f9a9739c done", "chain 7cbda34fb671 done",
        ], file: file, line: line)
        XCTAssertEqual(try folder.database().query("SELECT outcome FROM runs ORDER BY id") { try $0.text(0) },
                       ["interrupted", "succeeded"], file: file, line: line)
        let plan = try folder.pedigree(["plan", "chain.yml", "--exit-code"])
        XCTAssertEqual(plan.exitCode, 0, plan.stdout, file: file, line: line)
        XCTAssertTrue(plan.stdout.hasSuffix("4 merges: 4 up to date, 0 pending\n"), plan.stdout, file: file, line: line)
    }
}
