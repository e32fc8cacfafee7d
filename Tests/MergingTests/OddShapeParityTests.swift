import Foundation
import Merging
import Models
import SafeTensors
import XCTest

/// mergekit parity on shapes the shared cases lack: rows shorter than a vector load, lengths
/// that are not multiples of the vector width, tensors of 32,768 elements and more (where
/// mergekit's own result depends on its thread count, so the reference ran on one thread),
/// F16 arithmetic, and five fine-tunes with `filter_wise`. The models are rebuilt here with
/// the generator of `Tests/Fixtures/odd-shapes/odd_shapes.py`; the expected tensor hashes are
/// mergekit 0.1.5's.
final class OddShapeParityTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/odd-shapes").path
    /// Shapes by sorted tensor index, cycled: three large ones, then four rounds of small ones.
    static let shapes: [[Int]] = [[1000, 70], [40000], [300, 130]]
        + Array(repeating: [[7, 9], [3, 5], [13], [200, 33], [5, 16], [2, 8], [17], [64, 3], [9, 1]], count: 4).flatMap { $0 }
    /// Config name, number of fine-tunes, filter_wise, dtype.
    static let configs: [(name: String, fineTunes: Int, filterWise: Bool, dtype: DType?)] = [
        ("flat", 3, false, nil), ("fw", 3, true, nil), ("f32", 3, false, .F32),
        ("f16", 4, false, .F16), ("fw5", 5, true, nil), ("f16fw", 4, true, .F16),
    ]

    static var tensorNames: [String] {
        var names = ["lm_head.weight", "model.embed_tokens.weight", "model.norm.weight"]
        for layer in 0..<4 {
            for part in ["input_layernorm", "mlp.down_proj", "mlp.gate_proj", "mlp.up_proj", "post_attention_layernorm",
                         "self_attn.k_proj", "self_attn.o_proj", "self_attn.q_proj", "self_attn.v_proj"] {
                names.append("model.layers.\(layer).\(part).weight")
            }
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// `count` values uniform in [-0.5, 0.5) from the SplitMix64 stream `seed`.
    static func uniform(seed: UInt64, count: Int) -> [Double] {
        var state = seed
        return (0..<count).map { _ in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 40) / Double(1 << 24) - 0.5
        }
    }

    /// Rounds Float64 values to BF16 as the generator does (to Float32, then to BF16).
    static func bfloat16(_ values: [Double]) -> [Float] {
        values.map { ScalarFloatConversion.roundToBFloat16(Float($0)) }
    }

    /// Writes the base and five fine-tunes into `directory`.
    static func writeFamily(to directory: String) throws {
        let names = tensorNames
        var base: [[Float]] = []
        for index in names.indices {
            let shape = shapes[index % shapes.count]
            base.append(bfloat16(uniform(seed: UInt64(index), count: shape.reduce(1, *)).map { 0.1 * $0 }))
        }
        try TestFiles.writeModel(names.indices.map { (names[$0], .BF16, shapes[$0 % shapes.count], base[$0]) }, to: directory + "/base")
        for model in 1...5 {
            let tensors = names.indices.map { index in
                let noise = uniform(seed: UInt64(1000 * model + index), count: base[index].count)
                let values = zip(base[index], noise).map { Double($0) + 0.003 * Double(model) * $1 }
                return (names[index], DType.BF16, shapes[index % shapes.count], bfloat16(values))
            }
            try TestFiles.writeModel(tensors, to: directory + "/ft\(model)")
        }
    }

    func testModelStockMatchesMergekit() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "/mergekit-outputs.json"))
        let expected = try data.withUnsafeBytes { try JSONParser.parse($0) }.objectValue!
        let directory = try TestFiles.temporaryDirectory(self)
        try Self.writeFamily(to: directory)
        let base = try MergeInput(modelPath: directory + "/base", label: "base")
        for config in Self.configs {
            let ingredients = try (1...config.fineTunes).map { Ingredient(input: try MergeInput(modelPath: directory + "/ft\($0)")) }
            let job = MergeJob(
                method: "model_stock", semantics: .mergekit, base: base, ingredients: ingredients,
                parameters: config.filterWise ? ["filter_wise": .bool(true)] : [:], dtype: config.dtype)
            let (sink, _) = try TestFiles.merge(job, options: MergeOptions(threadCount: 2, chunkElements: 4096))
            let tensors = try XCTUnwrap(expected[config.name]?.objectValue?["tensors"]?.objectValue, config.name)
            XCTAssertEqual(sink.outputs.map(\.name).sorted(), tensors.keys.sorted(), config.name)
            var mismatched: [String] = []
            for output in sink.outputs {
                let reference = tensors[output.name]?.objectValue
                XCTAssertEqual(output.dtype.rawValue, reference?["dtype"]?.stringValue, "\(config.name) \(output.name)")
                XCTAssertEqual(output.shape, reference?["shape"]?.arrayValue?.compactMap(\.intValue), "\(config.name) \(output.name)")
                if sink.sha256(of: output.name) != reference?["sha256"]?.stringValue { mismatched.append(output.name) }
            }
            XCTAssertEqual(mismatched, [], "tensors of \(config.name) that differ from mergekit's")
        }
    }
}
