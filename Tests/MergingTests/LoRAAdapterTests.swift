import Foundation
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
}
