import XCTest

/// Running a recipe again: everything is up to date, and `plan` reports it in its output and exit code.
final class RerunTests: XCTestCase {
    func testSecondRunBuildsNothing() throws {
        let folder = try LineageFolder(self)

        let before = try folder.pedigree(["plan", "chain.yml", "--exit-code"])
        XCTAssertEqual(before.exitCode, 2, before.stderr)
        XCTAssertEqual(before.stdout, """
            pending     stageA  43c66fb259b9  new
            pending     stageB  554ecbaaf8b0  new
            pending     stageC  fa83f9a9739c  new
            pending     chain   7cbda34fb671  new

            4 merges: 0 up to date, 4 pending

            """)

        let first = try folder.pedigree(["run", "chain.yml", "--threads", "1"])
        XCTAssertEqual(first.exitCode, 0, first.stderr)
        XCTAssertEqual(first.stdout, "4 built, 0 up to date\n")

        let second = try folder.pedigree(["run", "chain.yml", "--threads", "1"])
        XCTAssertEqual(second.exitCode, 0, second.stderr)
        XCTAssertEqual(second.stdout, "0 built, 4 up to date\n")
        XCTAssertEqual(second.stderrLines, ChainHashes.buildOrder.map { "up to date \($0): \(ChainHashes.outputs[$0]!)" })

        let after = try folder.pedigree(["plan", "chain.yml", "--exit-code"])
        XCTAssertEqual(after.exitCode, 0, after.stderr)
        XCTAssertEqual(after.stdout, """
            up to date  stageA  43c66fb259b9  output 533ae38e8525
            up to date  stageB  554ecbaaf8b0  output 398fe2072b2b
            up to date  stageC  fa83f9a9739c  output edecb405e2a4
            up to date  chain   7cbda34fb671  output b0615235a92e

            4 merges: 4 up to date, 0 pending

            """)
        XCTAssertEqual(after.stderr, "")
    }

    func testSecondRunRecordsOneRowPerMerge() throws {
        let folder = try LineageFolder(self)
        _ = try folder.run()

        let (summary, events) = try folder.run()

        XCTAssertEqual(summary.built, [])
        XCTAssertEqual(summary.reused, ChainHashes.buildOrder)
        XCTAssertEqual(events.count, 4)
        XCTAssertEqual(try folder.mergeRows(), ChainHashes.buildOrder.map {
            MergeRow(name: $0, identityHash: ChainHashes.identities[$0]!, state: "done", error: nil)
        })
    }
}
