import Foundation
import Models
import SafeTensors
import XCTest

final class ModelDirectoryTests: XCTestCase {
    func testSingleFileModelListsTensorsInOffsetOrder() throws {
        let directory = try Fixtures.temporaryDirectory(self)
        try Fixtures.write(Fixtures.safetensors(Fixtures.sampleTensors), to: directory + "/model.safetensors")
        try Fixtures.write(#"{"architectures": ["MistralForCausalLM"], "num_hidden_layers": 2}"#, to: directory + "/config.json")

        let model = try ModelDirectory(path: directory)

        XCTAssertEqual(model.tensorNames, Fixtures.sampleTensors.map(\.name))
        XCTAssertEqual(model.architecture, "MistralForCausalLM")
        XCTAssertEqual(model.layerCount, 2)
        XCTAssertEqual(model.location(of: "model.norm.weight")?.info.shape, [4])
        XCTAssertNil(model.location(of: "lm_head.weight"))
    }

    func testShardedModelOpensThroughIndex() throws {
        let directory = try Fixtures.temporaryDirectory(self)
        try Fixtures.writeSharded(Fixtures.sampleTensors, shardCount: 2, to: directory)

        let model = try ModelDirectory(path: directory)

        XCTAssertEqual(model.weightFiles.map(\.fileName), ["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"])
        XCTAssertEqual(model.tensorNames, Fixtures.sampleTensors.map(\.name))
        XCTAssertEqual(model.location(of: "position_ids")?.file.fileName, "model-00002-of-00002.safetensors")
    }

    func testPickleOnlyDirectoryIsRejected() throws {
        let directory = try Fixtures.temporaryDirectory(self)
        try Fixtures.write([0x80, 0x02], to: directory + "/pytorch_model.bin")

        XCTAssertThrowsError(try ModelDirectory(path: directory)) { error in
            XCTAssertEqual(error as? ModelError, .pickleOnly(path: directory, files: ["pytorch_model.bin"]))
            XCTAssertTrue("\(error)".contains("never unpickles"))
            XCTAssertTrue("\(error)".contains("save_pretrained(OUT, safe_serialization=True)"))
        }
    }

    func testEmptyDirectoryHasNoWeights() throws {
        let directory = try Fixtures.temporaryDirectory(self)
        XCTAssertThrowsError(try ModelDirectory(path: directory)) { error in
            XCTAssertEqual(error as? ModelError, .noWeights(path: directory))
        }
    }

    func testMissingPathIsNotFound() {
        XCTAssertThrowsError(try ModelDirectory(path: "/nonexistent/model")) { error in
            XCTAssertEqual(error as? ModelError, .notFound(path: "/nonexistent/model"))
        }
    }

    func testIndexedTensorAbsentFromItsShardIsRejected() throws {
        let directory = try Fixtures.temporaryDirectory(self)
        try Fixtures.writeSharded(Fixtures.sampleTensors, shardCount: 2, to: directory)
        let index = #"{"weight_map": {"model.embed_tokens.weight": "model-00001-of-00002.safetensors", "#
            + #""model.layers.0.mlp.up_proj.weight": "model-00001-of-00002.safetensors", "ghost.weight": "model-00001-of-00002.safetensors", "#
            + #""model.norm.weight": "model-00002-of-00002.safetensors", "position_ids": "model-00002-of-00002.safetensors"}}"#
        try Fixtures.write(index, to: directory + "/model.safetensors.index.json")

        XCTAssertThrowsError(try ModelDirectory(path: directory)) { error in
            XCTAssertEqual(error as? ModelError, .indexedTensorMissing(tensor: "ghost.weight", shard: "model-00001-of-00002.safetensors"))
        }
    }

    func testIndexNamingWrongShardIsRejected() throws {
        let directory = try Fixtures.temporaryDirectory(self)
        try Fixtures.writeSharded(Fixtures.sampleTensors, shardCount: 2, to: directory)
        let index = #"{"weight_map": {"model.embed_tokens.weight": "model-00002-of-00002.safetensors", "#
            + #""model.layers.0.mlp.up_proj.weight": "model-00001-of-00002.safetensors", "#
            + #""model.norm.weight": "model-00002-of-00002.safetensors", "position_ids": "model-00002-of-00002.safetensors"}}"#
        try Fixtures.write(index, to: directory + "/model.safetensors.index.json")

        // Shards are checked in name order, so the first shard's stray tensor is found first.
        XCTAssertThrowsError(try ModelDirectory(path: directory)) { error in
            XCTAssertEqual(error as? ModelError, .tensorNotIndexed(tensor: "model.embed_tokens.weight", shard: "model-00001-of-00002.safetensors"))
        }
    }

    func testShardTensorMissingFromIndexIsRejected() throws {
        let directory = try Fixtures.temporaryDirectory(self)
        try Fixtures.writeSharded(Fixtures.sampleTensors, shardCount: 2, to: directory)
        let index = #"{"weight_map": {"model.embed_tokens.weight": "model-00001-of-00002.safetensors", "#
            + #""model.norm.weight": "model-00002-of-00002.safetensors", "position_ids": "model-00002-of-00002.safetensors"}}"#
        try Fixtures.write(index, to: directory + "/model.safetensors.index.json")

        XCTAssertThrowsError(try ModelDirectory(path: directory)) { error in
            XCTAssertEqual(error as? ModelError, .tensorNotIndexed(tensor: "model.layers.0.mlp.up_proj.weight", shard: "model-00001-of-00002.safetensors"))
        }
    }

    func testTensorListedTwiceInIndexIsRejected() throws {
        let directory = try Fixtures.temporaryDirectory(self)
        try Fixtures.writeSharded(Fixtures.sampleTensors, shardCount: 2, to: directory)
        let index = #"{"weight_map": {"model.norm.weight": "model-00002-of-00002.safetensors", "model.norm.weight": "model-00001-of-00002.safetensors"}}"#
        try Fixtures.write(index, to: directory + "/model.safetensors.index.json")

        XCTAssertThrowsError(try ModelDirectory(path: directory)) { error in
            XCTAssertEqual(error as? ModelError, .invalidIndex(path: directory + "/model.safetensors.index.json",
                                                              detail: "tensor \"model.norm.weight\" is listed twice in weight_map"))
        }
    }

    func testTensorInTwoShardsIsRejected() throws {
        let directory = try Fixtures.temporaryDirectory(self)
        let tensor = Fixtures.sampleTensors[2]
        try Fixtures.write(Fixtures.safetensors([tensor]), to: directory + "/a.safetensors")
        try Fixtures.write(Fixtures.safetensors([tensor]), to: directory + "/b.safetensors")
        // Without an index the two files are ambiguous; that is its own error.
        XCTAssertThrowsError(try ModelDirectory(path: directory)) { error in
            XCTAssertEqual(error as? ModelError, .ambiguousWeights(path: directory, files: ["a.safetensors", "b.safetensors"]))
        }
    }

    func testShardNameWithPathIsRejected() throws {
        let directory = try Fixtures.temporaryDirectory(self)
        try Fixtures.write(#"{"weight_map": {"x": "../outside.safetensors"}}"#, to: directory + "/model.safetensors.index.json")
        XCTAssertThrowsError(try ModelDirectory(path: directory)) { error in
            guard case .invalidIndex(_, let detail) = error as? ModelError else { return XCTFail("\(error)") }
            XCTAssertEqual(detail, "shard name \"../outside.safetensors\" is not a file name in the model directory")
        }
    }

    func testInvalidConfigNamesTheFile() throws {
        let directory = try Fixtures.temporaryDirectory(self)
        try Fixtures.write(Fixtures.safetensors(Fixtures.sampleTensors), to: directory + "/model.safetensors")
        try Fixtures.write("{\"vocab_size\": 12,}", to: directory + "/config.json")
        XCTAssertThrowsError(try ModelDirectory(path: directory)) { error in
            XCTAssertEqual(error as? ModelError, .invalidConfig(path: directory + "/config.json", detail: "unexpected '}' at byte 18"))
        }
    }

    func testPredominantDTypeCountsElements() throws {
        let directory = try Fixtures.temporaryDirectory(self)
        try Fixtures.write(Fixtures.safetensors(Fixtures.sampleTensors), to: directory + "/model.safetensors")
        // BF16: 32 elements, F32: 16, F16: 4; the I64 tensor does not count.
        XCTAssertEqual(try ModelDirectory(path: directory).predominantFloatDType, .BF16)
    }
}
