import XCTest

/// A merge whose input contains a NaN fails, its dependents are skipped, and it builds once the
/// input is fixed.
final class FailedMergeTests: XCTestCase {
    func testNaNInputFailsMergeAndSkipsDependents() throws {
        let folder = try LineageFolder(self)
        let weights = try folder.makeWritableCopy(ofModel: "ft4")
        let original = try Data(contentsOf: URL(fileURLWithPath: weights))
        // 0x7FC0 is a quiet NaN in BF16; safetensors stores it little-endian.
        try writeBytes([0xC0, 0x7F], ofTensor: "model.layers.0.mlp.down_proj.weight", inFile: weights)

        let failed = try folder.pedigree(["run", "chain.yml", "--threads", "1"])

        let error = "tensor model.layers.0.mlp.down_proj.weight in ./models/ft4 contains NaN or infinity; fix or replace that input"
        XCTAssertEqual(failed.exitCode, 1, failed.stderr)
        XCTAssertEqual(failed.stdout, "2 built, 0 up to date, 1 failed (stageB), 1 skipped (chain)\n")
        XCTAssertTrue(failed.stderrLines.contains("error: stageB failed: \(error)"), failed.stderr)
        XCTAssertTrue(failed.stderrLines.contains("skipped chain: it reads stageB, which was not built"), failed.stderr)
        let rows = try folder.mergeRows()
        XCTAssertEqual(rows.map(\.name), ["stageA", "stageB", "stageC"])
        XCTAssertEqual(rows.map(\.state), ["done", "failed", "done"])
        XCTAssertEqual(rows[1].error, error)

        let plan = try folder.pedigree(["plan", "chain.yml", "--exit-code"])
        XCTAssertEqual(plan.exitCode, 2, plan.stderr)
        XCTAssertTrue(plan.stdout.contains("pending     stageB  1b5c443b61a5  the previous build failed: \(error)\n"), plan.stdout)

        try original.write(to: URL(fileURLWithPath: weights))
        let fixed = try folder.pedigree(["run", "chain.yml", "--threads", "1"])

        XCTAssertEqual(fixed.exitCode, 0, fixed.stderr)
        XCTAssertEqual(fixed.stdout, "2 built, 2 up to date\n")
        XCTAssertEqual(try folder.mergeRows().map(\.description), [
            "stageA 43c66fb259b9 done", "stageB 1b5c443b61a5 failed", "stageC fa83f9a9739c done",
            "stageB 554ecbaaf8b0 done", "chain 7cbda34fb671 done",
        ])
    }

    func testSourceChangedDuringBuildFailsMerge() throws {
        let folder = try LineageFolder(self)
        let weights = try folder.makeWritableCopy(ofModel: "ft5")

        // The source changes after the plan fixed stageB's identity and before the engine
        // reads it, like a download finishing in the middle of a run.
        let (summary, _) = try folder.run { event in
            if case .started(merge: "stageB", _) = event {
                try? flipByte(ofTensor: "lm_head.weight", inFile: weights, offset: 1)
            }
        }

        XCTAssertEqual(summary.built, ["stageA", "stageC"])
        XCTAssertEqual(summary.failed, ["stageB"])
        XCTAssertEqual(summary.skipped, ["chain"])
        let stageB = try folder.mergeRows().filter { $0.name == "stageB" }
        XCTAssertEqual(stageB.map(\.description), ["stageB 554ecbaaf8b0 failed"])
        XCTAssertEqual(stageB.first?.error,
                       "merge stageB: ./models/ft5 changed while the merge read it; run pedigree run again to build it from the new bytes")

        let again = try folder.run()
        XCTAssertEqual(again.summary.built, ["stageB", "chain"])
        XCTAssertEqual(try folder.mergeRows().filter { $0.name == "stageB" }.map(\.description),
                       ["stageB 554ecbaaf8b0 failed", "stageB a0df684bb26c done"])
    }
}
