import Scheduler
import XCTest

/// What `plan` reports after a recipe, a source model or a built output changes, and what
/// the next run rebuilds.
final class PendingReasonTests: XCTestCase {
    func testWeightEditRebuildsMergeAndDescendants() throws {
        let folder = try LineageFolder(self)
        _ = try folder.run()
        try folder.writeRecipe(chainRecipe.replacingOccurrences(of: "  - model: ./models/ft4\n", with: """
              - model: ./models/ft4
                parameters:
                  weight: 2

            """))

        let plan = pendingReasons(try folder.plan())
        XCTAssertEqual(plan["stageA"], [])
        XCTAssertEqual(plan["stageB"], [.recipeChanged(fields: ["./models/ft4: weight"])])
        XCTAssertEqual(plan["stageC"], [])
        XCTAssertEqual(plan["chain"], [.inputChanged(inputs: ["ingredient stageB: 554ecbaaf8b0 -> f17d31e590ff"])])

        let (summary, _) = try folder.run()
        XCTAssertEqual(summary.built, ["stageB", "chain"])
        XCTAssertEqual(summary.reused, ["stageA", "stageC"])
        XCTAssertEqual(pendingReasons(try folder.plan()), ["stageA": [], "stageB": [], "stageC": [], "chain": []])

        // The outputs of the first recipe are still stored under their identities.
        try folder.writeRecipe(chainRecipe)
        XCTAssertEqual(pendingReasons(try folder.plan()), ["stageA": [], "stageB": [], "stageC": [], "chain": []])
        XCTAssertEqual(try folder.run().summary.built, [])
    }

    func testChangedSourceBytesMakeConsumersPending() throws {
        let folder = try LineageFolder(self)
        let weights = try folder.makeWritableCopy(ofModel: "ft5")
        _ = try folder.run()
        try flipByte(ofTensor: "lm_head.weight", inFile: weights, offset: 1)

        let plan = pendingReasons(try folder.plan())
        XCTAssertEqual(plan["stageA"], [])
        XCTAssertEqual(plan["stageB"], [.inputChanged(inputs: ["ingredient ./models/ft5: b4be0de38897 -> 0e21d65c959c"])])
        XCTAssertEqual(plan["stageC"], [])
        XCTAssertEqual(plan["chain"], [.inputChanged(inputs: ["ingredient stageB: 554ecbaaf8b0 -> a0df684bb26c"])])

        let (summary, _) = try folder.run()
        XCTAssertEqual(summary.built, ["stageB", "chain"])
        XCTAssertEqual(summary.reused, ["stageA", "stageC"])
    }

    func testMissingAndModifiedOutputsAreRebuilt() throws {
        let folder = try LineageFolder(self)
        _ = try folder.run()
        try FileManager.default.removeItem(atPath: folder.artifactPath(of: "stageC"))
        try flipByte(ofTensor: "model.norm.weight", inFile: folder.artifactPath(of: "chain") + "/model.safetensors")

        let plan = pendingReasons(try folder.plan())
        XCTAssertEqual(plan["stageA"], [])
        XCTAssertEqual(plan["stageB"], [])
        XCTAssertEqual(plan["stageC"], [.outputMissing(path: folder.artifactPath(of: "stageC"))])
        XCTAssertEqual(plan["chain"], [.outputModified(path: folder.artifactPath(of: "chain"),
                                                       detail: "content hash b55220c76d4e, recorded b0615235a92e")])

        let (summary, _) = try folder.run()
        XCTAssertEqual(summary.built, ["stageC", "chain"])
        XCTAssertEqual(summary.reused, ["stageA", "stageB"])
        let after = try folder.plan()
        XCTAssertEqual(pendingReasons(after), ["stageA": [], "stageB": [], "stageC": [], "chain": []])
        for entry in after {
            guard case .upToDate(_, let artifact) = entry.status else { continue }
            XCTAssertEqual(artifact.artifact.contentHash, ChainHashes.outputs[entry.merge.recordName], entry.merge.recordName)
        }
    }
}
