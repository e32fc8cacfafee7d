import Foundation
import Merging
import Models
import SafeTensors
import XCTest

final class OutputDirectoryTests: XCTestCase {
    func testWritesCompleteModelDirectory() throws {
        let root = ParityTests.root
        try TestFiles.requireFixture(root + "/models/base", "the mergekit parity fixtures")
        let directory = try TestFiles.temporaryDirectory(self)
        let job = MergeJob(
            method: "model_stock", semantics: .mergekit, base: try MergeInput(modelPath: root + "/models/base"),
            ingredients: try ["ft1", "ft2", "ft3"].map { Ingredient(input: try MergeInput(modelPath: root + "/models/" + $0)) },
            dtype: .F32, outDtype: .BF16)
        let engine = MergeEngine()
        let recipe = "merge_method: model_stock\n"
        let destination = directory + "/out"
        try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
        try Data("stale".utf8).write(to: URL(fileURLWithPath: destination + "/stale.txt"))

        let output = try engine.write(try engine.plan(job), to: destination, recipeText: recipe, maximumShardBytes: 200_000)

        let files = try FileManager.default.contentsOfDirectory(atPath: destination).sorted()
        XCTAssertEqual(files, [
            "config.json", "mergekit_config.yml", "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors",
            "model.safetensors.index.json", "tokenizer.json", "tokenizer_config.json",
        ])
        let written = try ModelDirectory(path: destination)
        XCTAssertEqual(written.config?["torch_dtype"], .string("bfloat16"))
        XCTAssertEqual(written.config?["dtype"], .string("bfloat16"))
        XCTAssertEqual(written.config?["vocab_size"], .number("256"))
        XCTAssertEqual(try String(contentsOfFile: destination + "/mergekit_config.yml", encoding: .utf8), recipe)
        XCTAssertEqual(output.contentHash, ContentHasher().hash(written).contentHash)
        XCTAssertEqual(output.statistics.count, 39)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: directory)
        XCTAssertEqual(siblings, ["out"], "no staging directory is left behind")
    }
}
