import XCTest

/// `pedigree run --jobs N` builds independent merges side by side.
final class ParallelRunTests: XCTestCase {
    func testTwoJobsBuildSameOutputs() throws {
        let folder = try LineageFolder(self)

        let run = try folder.pedigree(["run", "chain.yml", "--jobs", "2", "--threads", "2"])

        XCTAssertEqual(run.exitCode, 0, run.stderr)
        XCTAssertEqual(run.stdout, "4 built, 0 up to date\n")
        let built = run.stderrLines.filter { $0.hasPrefix("built ") }
        XCTAssertEqual(built.count, 4, run.stderr)
        for name in ChainHashes.buildOrder {
            let line = built.first { $0.hasPrefix("built \(name) ") } ?? ""
            XCTAssertTrue(line.contains(": \(ChainHashes.outputs[name]!) at "), line)
        }
        // stageB and stageC both read only stageA, so either may finish first; chain is last.
        XCTAssertEqual(built.first.map { String($0.prefix(13)) }, "built stageA ")
        XCTAssertEqual(built.last.map { String($0.prefix(12)) }, "built chain ")
        try folder.assertRecordsMatchFiles()
    }
}
