import Foundation
import XCTest

/// The three-level lineage of `recipes/minilm/` on the real all-MiniLM-L6-v2 and its four
/// real LoRA adapters, end to end through the CLI.
final class MiniLMLineageTests: XCTestCase {
    func testChainRunsThenPlansUpToDateAndRebuildsIdentically() throws {
        let model = try MiniLMWheel.modelDirectory()
        let root = NSTemporaryDirectory() + "pedigree-minilm-lineage-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let models = root + "/models"
        try FileManager.default.createDirectory(atPath: models + "/sentence-transformers", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: models + "/sentence-transformers/all-MiniLM-L6-v2", withDestinationPath: model)
        try FileManager.default.createSymbolicLink(atPath: models + "/minilm-lora", withDestinationPath: CLI.shared + "/fixtures/minilm-lora")
        let recipe = CLI.packageRoot + "/recipes/minilm/minilm.yaml"
        let common = ["--models-dir", models, "--db", root + "/db/lineage.db", "--threads", "2"]

        let run = try CLI.run(["run", recipe] + common + ["--out", root + "/out"])
        XCTAssertEqual(run.exitCode, 0, run.stderr)
        XCTAssertEqual(run.stdout, "3 built, 0 up to date\n")
        for name in ["minilm-stock-a", "minilm-stock-b", "minilm-final"] {
            XCTAssertTrue(run.stderr.contains("built \(name) in "), run.stderr)
        }

        let plan = try CLI.run(["plan", recipe, "--exit-code"] + common)
        XCTAssertEqual(plan.exitCode, 0, plan.stdout + plan.stderr)
        XCTAssertTrue(plan.stdout.hasSuffix("3 merges: 3 up to date, 0 pending\n"), plan.stdout)

        let rebuild = try CLI.run(["rebuild", recipe, "minilm-final", "--check"] + common)
        XCTAssertEqual(rebuild.exitCode, 0, rebuild.stdout + rebuild.stderr)
        XCTAssertTrue(rebuild.stdout.hasPrefix("identical: minilm-final rebuilt to sha256:"), rebuild.stdout)

        // The output is a real BertModel with the base's integer buffer carried over.
        let inspect = try CLI.run(["inspect", root + "/out/minilm-final", "--json"])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["architecture"] as? String, "BertModel")
        XCTAssertEqual(object["dtypes"] as? [String: Int], ["F32": 103, "I64": 1])
        XCTAssertEqual(object["parameter_count"] as? Int, 22_713_216)

        let verify = try CLI.run(["verify", "--db", root + "/db/lineage.db"])
        XCTAssertEqual(verify.exitCode, 0, verify.stdout)
        XCTAssertTrue(verify.stdout.hasSuffix("3 outputs checked, 0 modified\n"), verify.stdout)
    }
}
