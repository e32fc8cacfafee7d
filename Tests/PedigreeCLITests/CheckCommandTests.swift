import Foundation
import XCTest

/// `pedigree check` run as a subprocess: exact output and exit codes.
final class CheckCommandTests: XCTestCase {
    /// Creates a temporary folder with an empty Hugging Face cache, so no test reads the real one.
    func makeFolder() throws -> String {
        let path = NSTemporaryDirectory() + "pedigree-check-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path + "/hub", withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func runCheck(_ arguments: [String], in directory: String, cache: String) throws -> CLIResult {
        try CLI.run(["check"] + arguments, environment: ["HF_HUB_CACHE": cache], directory: directory)
    }

    func testSapphoGraphResolves() throws {
        let folder = try makeFolder()
        let result = try runCheck(["recipes/sappho.yaml"], in: CLI.packageRoot, cache: folder + "/hub")
        XCTAssertEqual(result.exitCode, 0)

        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.first, "1. MN-Sappho-a-12B  model_stock [pedigree]  c10ed8c2c156  (unpinned)")
        XCTAssertEqual(lines.filter { $0.split(separator: " ").first?.hasSuffix(".") == true }.map { $0.split(separator: " ")[1] }, [
            "MN-Sappho-a-12B", "MN-Sappho-b-12B", "MN-Sappho-c-12B", "MN-Sappho-d-12B", "MN-Sappho-e-12B",
            "MN-Sappho-g-12B", "MN-Sappho-g2-12B", "MN-Sappho-g3-12B", "MN-Sappho-i-12B", "MN-Sappho-j-12B",
            "MN-Sappho-k-12B", "MN-Sappho-l-12B", "MN-Sappho-m-12B", "MN-Sappho-n-12B", "MN-Sappho-n2-12B",
            "MN-Sappho-n3-12B", "MN-Sappho-n4-12B", "MN-Ephemeros-12B",
        ])
        XCTAssertEqual(lines.suffix(2), ["18 merges in build order; 23 source models not on disk", ""])

        let stderr = result.stderr.split(separator: "\n")
        XCTAssertEqual(stderr.filter { $0.contains(": error: ") }, [])
        XCTAssertEqual(stderr.filter { $0.contains(": note: missing weights: ") }.count, 23)
        XCTAssertEqual(stderr.filter { $0.contains(": warning: ") }.count, 10)
        XCTAssertEqual(stderr.first { $0.contains("mistralai/Mistral-Nemo-Base-2407@main") },
                       "recipes/sappho.yaml:45:12: note: missing weights: mistralai/Mistral-Nemo-Base-2407@main is not on disk; download it (huggingface-cli download mistralai/Mistral-Nemo-Base-2407) or pass --models-dir")
    }

    func testErrorsListedWithPositions() throws {
        let folder = try makeFolder()
        try """
            merge_method: model_stok
            base_model: org/base
            models: [{model: org/a}, {model: ./missing}]
            dtype: float8
            """.write(toFile: folder + "/bad.yaml", atomically: true, encoding: .utf8)
        let result = try runCheck(["bad.yaml"], in: folder, cache: folder + "/hub")
        XCTAssertEqual(result.exitCode, 1)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr, """
            bad.yaml:1:15: error: unknown merge method "model_stok"; did you mean "model_stock"? Known methods: model_stock, linear, slerp, task_arithmetic, ties
            bad.yaml:3:34: error: model folder "./missing" not found; looked in \(folder)/missing. Fix the path or pass --models-dir
            bad.yaml:4:8: error: invalid dtype float8; use bfloat16, float16, float32 or float64
            3 errors in bad.yaml

            """)
    }

    func testStrictTurnsWarningsIntoErrors() throws {
        let folder = try makeFolder()
        try """
            merge_method: linear
            models: [{model: org/a, parameters: {weight: 1}}]
            normalize: true
            """.write(toFile: folder + "/r.yaml", atomically: true, encoding: .utf8)
        let relaxed = try runCheck(["r.yaml"], in: folder, cache: folder + "/hub")
        XCTAssertEqual(relaxed.exitCode, 0)
        XCTAssertTrue(relaxed.stderr.hasPrefix("r.yaml:3:1: warning: unknown key \"normalize\" in a merge document, which mergekit ignores; move it under parameters:\n"), relaxed.stderr)

        let strict = try runCheck(["r.yaml", "--strict"], in: folder, cache: folder + "/hub")
        XCTAssertEqual(strict.exitCode, 1)
        XCTAssertEqual(strict.stdout, "")
        XCTAssertEqual(strict.stderr, """
            r.yaml:3:1: error: unknown key "normalize" in a merge document, which mergekit ignores; move it under parameters:
            1 error in r.yaml

            """)
    }

    func testJSONOutputHasFormatVersion() throws {
        let folder = try makeFolder()
        let result = try runCheck(["recipes/multi-stage.yaml", "--json"], in: CLI.packageRoot, cache: folder + "/hub")
        XCTAssertEqual(result.exitCode, 0)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["format_version"] as? Int, 1)
        XCTAssertEqual(json["valid"] as? Bool, true)
        let merges = try XCTUnwrap(json["merges"] as? [[String: Any]])
        XCTAssertEqual(merges.map { $0["name"] as? String }, ["llama-blend", "llama-slerp", "llama-layered", nil])
        XCTAssertEqual(merges.map { ($0["identity"] as? String)?.count }, Array(repeating: 71, count: 4))
        XCTAssertEqual(merges[3]["dependencies"] as? [String], ["llama-slerp", "llama-layered"])
        XCTAssertEqual(json["missing_weights"] as? [String], [
            "hf:arcee-ai/Llama-3.1-SuperNova-Lite@main", "hf:deepseek-ai/DeepSeek-R1-Distill-Llama-8B@main",
            "hf:meta-llama/Llama-3.1-8B-Instruct@main", "hf:meta-llama/Llama-3.1-8B@main",
        ])
    }

    func testMissingRecipeArgument() throws {
        let result = try CLI.run(["check"])
        XCTAssertEqual(result.exitCode, 64)
        XCTAssertEqual(result.stderr, """
            error: check takes at least 1 argument (RECIPE...); got 0
            usage: pedigree check RECIPE... [--json] [--strict] [--no-hash] [--models-dir DIR]

            """)
    }
}

extension CheckCommandTests {
    func testMissingRecipeFile() throws {
        let folder = try makeFolder()
        let result = try runCheck(["nope.yaml"], in: folder, cache: folder + "/hub")
        XCTAssertEqual(result.exitCode, 1)
        XCTAssertEqual(result.stderr, "nope.yaml:1:1: error: recipe file not found; check the path\n1 error in nope.yaml\n")
    }
}
