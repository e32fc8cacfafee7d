import Foundation
import Merging
import Models
import XCTest

final class LoRAAdapterTests: XCTestCase {
    /// Writes an adapter directory with `config` and rank-1 matrices for module "layer.proj".
    private func makeAdapter(config: String, tensorNames: [String] = ["base_model.model.layer.proj.lora_A.weight", "base_model.model.layer.proj.lora_B.weight"]) throws -> String {
        let directory = try TestFiles.temporaryDirectory(self)
        try Data(config.utf8).write(to: URL(fileURLWithPath: directory + "/adapter_config.json"))
        let shapes = [[1, 3], [2, 1]]
        try TestFiles.writeModel(zip(tensorNames, shapes).map { ($0, .F32, $1, [Float](repeating: 1, count: $1.reduce(1, *))) }, to: directory)
        try FileManager.default.moveItem(atPath: directory + "/model.safetensors", toPath: directory + "/adapter_model.safetensors")
        return directory
    }

    func testReadsPlainLoRA() throws {
        let path = try makeAdapter(config: #"{"peft_type": "LORA", "r": 1, "lora_alpha": 4, "use_rslora": false, "target_modules": ["proj"]}"#)
        let adapter = try LoRAAdapter(path: path)
        XCTAssertEqual(adapter.scale, 4)
        XCTAssertEqual(adapter.targetModules, ["proj"])
        XCTAssertEqual(adapter.modules.keys.sorted(), ["layer.proj.weight"])
        XCTAssertNoThrow(try adapter.validate(modelName: "base") { _ in [2, 3] })
        XCTAssertThrowsError(try adapter.validate(modelName: "base") { _ in [3, 2] }) { error in
            XCTAssertEqual("\(error)", "\(path): tensor layer.proj.weight: the base weight has shape [3, 2] but lora_A [1, 3] and lora_B [2, 1] give [2, 3]")
        }
    }

    func testRSLoRAScaleUsesSquareRootOfRank() throws {
        let path = try makeAdapter(config: #"{"r": 1, "lora_alpha": 4, "use_rslora": true}"#)
        XCTAssertEqual(try LoRAAdapter(path: path).scale, 4)
    }

    func testUnsupportedFeaturesRejected() throws {
        let cases: [(String, String)] = [
            (#"{"r": 1, "lora_alpha": 1, "use_dora": true}"#, "DoRA (use_dora: true)"),
            (#"{"r": 1, "lora_alpha": 1, "modules_to_save": ["classifier"]}"#, "modules_to_save (fully trained modules stored beside the LoRA matrices)"),
            (#"{"r": 1, "lora_alpha": 1, "rank_pattern": {"proj": 4}}"#, "rank_pattern (per-module ranks or alphas)"),
        ]
        for (config, feature) in cases {
            let path = try makeAdapter(config: config)
            XCTAssertThrowsError(try LoRAAdapter(path: path)) { error in
                XCTAssertEqual("\(error)", "\(path)/adapter_config.json: \(feature) is not supported yet; merge the adapter with PEFT (merge_and_unload) and use the merged model")
            }
        }
    }

    func testEmbeddingLoRARejected() throws {
        let path = try makeAdapter(
            config: #"{"r": 1, "lora_alpha": 1}"#,
            tensorNames: ["base_model.model.embed.lora_embedding_A", "base_model.model.embed.lora_embedding_B"])
        XCTAssertThrowsError(try LoRAAdapter(path: path)) { error in
            XCTAssertEqual("\(error)", "\(path)/adapter_model.safetensors: embedding LoRA (base_model.model.embed.lora_embedding_A) is not supported yet; merge the adapter with PEFT (merge_and_unload) and use the merged model")
        }
    }

    /// Applies a rank-1 adapter (A = [1, 2, 3], B = [1, -1], scale 2) through a one-input
    /// linear merge, which returns the derived model's weight.
    private func derivedWeight(fanInFanOut: Bool) throws -> [Float] {
        let directory = try TestFiles.temporaryDirectory(self)
        let shape = fanInFanOut ? [3, 2] : [2, 3]
        try TestFiles.writeModel([("layer.proj.weight", .F32, shape, [10, 20, 30, 40, 50, 60])], to: directory + "/base")
        let adapter = directory + "/adapter"
        try FileManager.default.createDirectory(atPath: adapter, withIntermediateDirectories: true)
        try Data(#"{"r": 1, "lora_alpha": 2, "fan_in_fan_out": \#(fanInFanOut)}"#.utf8).write(to: URL(fileURLWithPath: adapter + "/adapter_config.json"))
        try TestFiles.writeModel([
            ("base_model.model.layer.proj.lora_A.weight", .F32, [1, 3], [1, 2, 3]),
            ("base_model.model.layer.proj.lora_B.weight", .F32, [2, 1], [1, -1]),
        ], to: adapter)
        try FileManager.default.moveItem(atPath: adapter + "/model.safetensors", toPath: adapter + "/adapter_model.safetensors")
        let input = try MergeInput(modelPath: directory + "/base", adapterPath: adapter)
        let job = MergeJob(method: "linear", base: nil, ingredients: [Ingredient(input: input, parameters: ["weight": .number(1)])])
        let (sink, _) = try TestFiles.merge(job)
        return sink.floats(of: "layer.proj.weight")
    }

    func testDeltaAddedToWeight() throws {
        // W [out 2, in 3] + 2 * B A = W + 2 * [[1, 2, 3], [-1, -2, -3]].
        XCTAssertEqual(try derivedWeight(fanInFanOut: false), [12, 24, 36, 38, 46, 54])
    }

    func testFanInFanOutTransposesDelta() throws {
        // W [in 3, out 2] + 2 * (B A)^T = W + 2 * [[1, -1], [2, -2], [3, -3]].
        XCTAssertEqual(try derivedWeight(fanInFanOut: true), [12, 18, 34, 36, 56, 54])
    }
}
