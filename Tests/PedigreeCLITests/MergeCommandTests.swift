import Foundation
import XCTest

/// `pedigree merge` run as a subprocess on the mergekit parity cases.
final class MergeCommandTests: XCTestCase {
    var parity: String { CLI.shared + "/parity" }

    func makeFolder() throws -> String {
        try XCTSkipUnless(FileManager.default.fileExists(atPath: parity + "/cases"), "parity fixtures not found at \(parity)")
        let path = NSTemporaryDirectory() + "pedigree-merge-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path + "/hub", withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func testCompatMergeMatchesMergekitBytes() throws {
        let folder = try makeFolder()
        let result = try CLI.run(
            ["merge", "cases/ms_3ft.yml", folder + "/out", "--compat", "mergekit", "--threads", "2", "--memory", "1MiB"],
            environment: ["HF_HUB_CACHE": folder + "/hub"], directory: parity)
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix(folder + "/out\tsha256:"), result.stdout)
        XCTAssertEqual(result.stderr.split(separator: "\n").last.map(String.init)?.hasPrefix("merged 39 tensors (353.1 KiB) in "), true, result.stderr)

        let script = """
        import hashlib, json, struct, sys
        manifest = {t["name"]: t["sha256"] for t in json.load(open(sys.argv[1]))["tensors"]}
        data = open(sys.argv[2], "rb").read()
        size = struct.unpack("<Q", data[:8])[0]
        header = json.loads(data[8:8 + size])
        start = 8 + size
        bad = [k for k, v in header.items() if k != "__metadata__" and hashlib.sha256(data[start + v["data_offsets"][0]:start + v["data_offsets"][1]]).hexdigest() != manifest[k]]
        print(len(header) - 1, bad)
        """
        let check = try CLI.runProcess("/usr/bin/env", ["python3", "-c", script, parity + "/expected/ms_3ft/manifest.json", folder + "/out/model.safetensors"])
        XCTAssertEqual(check.stdout, "39 []\n", check.stderr)
        let recipe = try String(contentsOfFile: folder + "/out/mergekit_config.yml", encoding: .utf8)
        XCTAssertEqual(recipe, try String(contentsOfFile: parity + "/cases/ms_3ft.yml", encoding: .utf8))
    }

    func testOneCharacterOutputPath() throws {
        let folder = try makeFolder()
        let recipe = """
        merge_method: linear
        models:
          - model: \(parity)/models/ft1
            parameters: {weight: 1}
          - model: \(parity)/models/ft2
            parameters: {weight: 3}
        """
        try Data(recipe.utf8).write(to: URL(fileURLWithPath: folder + "/linear.yml"))
        let result = try CLI.run(["merge", "linear.yml", "o"], environment: ["HF_HUB_CACHE": folder + "/hub"], directory: folder)
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("o\tsha256:"), result.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/o/model.safetensors"))
    }

    func testMultiDocumentRecipeRejected() throws {
        let folder = try makeFolder()
        let result = try CLI.run(["merge", "cases/chain_multi.yml", folder + "/out"], environment: ["HF_HUB_CACHE": folder + "/hub"], directory: parity)
        XCTAssertEqual(result.exitCode, 1)
        XCTAssertEqual(
            result.stderr.split(separator: "\n").last,
            "error: cases/chain_multi.yml declares 3 merges; merge builds a single-document recipe (use pedigree run for recipe graphs)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/out"))
    }

    func testUnknownCompatIsUsageError() throws {
        let folder = try makeFolder()
        let result = try CLI.run(["merge", "cases/ms_3ft.yml", folder + "/out", "--compat", "torch"], directory: parity)
        XCTAssertEqual(result.exitCode, 64)
        XCTAssertTrue(result.stderr.hasPrefix("error: --compat takes mergekit; got \"torch\""), result.stderr)
    }
}
