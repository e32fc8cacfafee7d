import XCTest

/// Two `pedigree run` processes on one database share the work through build leases.
final class ConcurrentRunTests: XCTestCase {
    func testTwoRunsBuildEachMergeOnce() throws {
        let folder = try LineageFolder(self)
        let arguments = ["run", "chain.yml", "--threads", "1"]
        let first = try folder.startPedigree(arguments, logName: "first")
        let second = try folder.startPedigree(arguments, logName: "second")
        let results = [first.wait(), second.wait()]

        for result in results {
            XCTAssertEqual(result.exitCode, 0, result.stderr)
        }
        let builtLines = results.flatMap(\.stderrLines).filter { $0.hasPrefix("built ") }
        let builtNames = builtLines.map { String($0.dropFirst("built ".count).prefix { $0 != " " }) }
        XCTAssertEqual(builtNames.sorted(), ChainHashes.buildOrder.sorted(), builtLines.joined(separator: "\n"))
        // Each run reports every merge once: built by itself, or up to date from the other.
        for result in results {
            let counts = result.stdout.split(separator: ",").compactMap { Int($0.split(separator: " ").first ?? "") }
            XCTAssertEqual(counts.reduce(0, +), 4, result.stdout)
        }
        // One row per identity: the run that waited recorded no second build and left no
        // pending row behind.
        XCTAssertEqual(try folder.mergeRows().map(\.description).sorted(), [
            "chain 7cbda34fb671 done", "stageA 43c66fb259b9 done", "stageB 554ecbaaf8b0 done", "stageC fa83f9a9739c done",
        ])
        try folder.assertRecordsMatchFiles()
    }

    func testRunWaitingOnFailedBuildReportsItsError() throws {
        let folder = try LineageFolder(self)
        let weights = try folder.makeWritableCopy(ofModel: "ft4")
        // A quiet NaN (BF16 0x7FC0, little-endian) in the last tensor the engine reads, so the
        // build fails only after the second run has started waiting for its lease.
        try writeBytes([0xC0, 0x7F], ofTensor: "model.norm.weight", inFile: weights)
        let arguments = ["run", "chain.yml", "--threads", "1"]
        let first = try folder.startPedigree(arguments, logName: "first")
        let second = try folder.startPedigree(arguments, logName: "second")
        let results = [first.wait(), second.wait()]

        let error = "error: stageB failed: tensor model.norm.weight in ./models/ft4 contains NaN or infinity; fix or replace that input"
        for result in results {
            XCTAssertEqual(result.exitCode, 1, result.stderr)
            XCTAssertEqual(result.stderrLines.filter { $0.hasPrefix("error: ") }, [error], result.stderr)
            XCTAssertTrue(result.stderrLines.contains("skipped chain: it reads stageB, which was not built"), result.stderr)
        }
        XCTAssertEqual(try folder.mergeRows().map(\.state).sorted(), ["done", "done", "failed"])
        try folder.assertRecordsMatchFiles()
    }
}
