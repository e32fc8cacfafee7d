import XCTest

/// `plan` and `run` limited to target merges and what they read.
final class TargetTests: XCTestCase {
    func testTargetBuildsOnlyItsAncestors() throws {
        let folder = try LineageFolder(self)

        let run = try folder.pedigree(["run", "chain.yml", "stageB", "--threads", "1"])

        XCTAssertEqual(run.exitCode, 0, run.stderr)
        XCTAssertEqual(run.stdout, "2 built, 0 up to date\n")
        XCTAssertEqual(try folder.mergeRows().map(\.name), ["stageA", "stageB"])
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: folder.root + "/out/stageB"),
                       folder.artifactPath(of: "stageB"))
    }

    func testUnnamedFinalMergeTargetedByFileName() throws {
        let folder = try LineageFolder(self)

        let plan = try folder.pedigree(["plan", "chain.yml", "chain"])

        XCTAssertEqual(plan.exitCode, 0, plan.stderr)
        XCTAssertEqual(plan.stdout, """
            pending     stageA  43c66fb259b9  new
            pending     stageB  554ecbaaf8b0  new
            pending     chain   7cbda34fb671  new

            3 merges: 0 up to date, 3 pending

            """)
    }

    func testUnknownTargetListsKnownMerges() throws {
        let folder = try LineageFolder(self)

        let plan = try folder.pedigree(["plan", "chain.yml", "stageX"])

        XCTAssertEqual(plan.exitCode, 1)
        XCTAssertEqual(plan.stdout, "")
        XCTAssertEqual(plan.stderr, "error: no merge named stageX in the recipes; known merges: stageA, stageB, stageC, chain\n")
    }
}
