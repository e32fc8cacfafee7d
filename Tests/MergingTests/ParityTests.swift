import Foundation
import Merging
import Models
import SafeTensors
import XCTest

/// Runs every mergekit 0.1.5 parity case (configs, inputs and outputs in the shared parity
/// folder; `PEDIGREE_PARITY_DIR` overrides its location) through the engine.
final class ParityTests: XCTestCase {
    struct Case {
        var name: String
        var method = "model_stock"
        var base: String? = "base"
        var models: [(path: String, weight: Double?)]
        var parameters: [String: ParameterValue] = [:]
        var dtype: DType?
        var outDtype: DType?
    }

    static let root = ProcessInfo.processInfo.environment["PEDIGREE_PARITY_DIR"] ?? TestFiles.shared + "/parity"

    static let cases: [Case] = [
        Case(name: "ms_3ft", models: [("ft1", nil), ("ft2", nil), ("ft3", nil)]),
        Case(name: "ms_5ft", models: [("ft1", nil), ("ft2", nil), ("ft3", nil), ("ft4", nil), ("ft5", nil)]),
        Case(name: "ms_3ft_filterwise", models: [("ft1", nil), ("ft2", nil), ("ft3", nil)], parameters: ["filter_wise": .bool(true)]),
        Case(name: "ms_3ft_fp32compute_bf16out", models: [("ft1", nil), ("ft2", nil), ("ft3", nil)], dtype: .F32, outDtype: .BF16),
        Case(name: "ms_fp32_inputs", base: "base_fp32", models: [("ft1_fp32", nil), ("ft2_fp32", nil), ("ft3_fp32", nil)]),
        Case(name: "linear_norm", method: "linear", base: nil, models: [("ft1", 0.5), ("ft2", 0.3), ("ft3", 0.2)]),
    ]

    override func setUpWithError() throws {
        try TestFiles.requireFixture(Self.root + "/README.md", "the mergekit parity fixtures")
    }

    private func input(_ name: String) throws -> MergeInput {
        let path = name.hasPrefix("/") ? name : Self.root + "/models/" + name
        return try MergeInput(modelPath: path, label: "./models/" + (name as NSString).lastPathComponent)
    }

    private func job(_ parity: Case, semantics: MergeSemantics) throws -> MergeJob {
        MergeJob(
            method: parity.method, semantics: semantics, base: try parity.base.map(input),
            ingredients: try parity.models.map { model in
                Ingredient(input: try input(model.path), parameters: model.weight.map { ["weight": .number($0)] } ?? [:])
            },
            parameters: parity.parameters, dtype: parity.dtype, outDtype: parity.outDtype)
    }

    private func manifest(_ directory: String) throws -> [String: (sha256: String, dtype: String, shape: [Int])] {
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/manifest.json"))
        let value = try data.withUnsafeBytes { try JSONParser.parse($0) }
        var result: [String: (String, String, [Int])] = [:]
        for tensor in value.objectValue!["tensors"]!.arrayValue! {
            let object = tensor.objectValue!
            result[object["name"]!.stringValue!] = (
                object["sha256"]!.stringValue!, object["dtype"]!.stringValue!,
                object["shape"]!.arrayValue!.map { $0.intValue! })
        }
        return result
    }

    /// Checks names, shapes and dtypes, and that every tensor's bytes hash as mergekit's did.
    private func assertBitIdentical(_ sink: MemorySink, expected directory: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = try manifest(directory)
        XCTAssertEqual(Set(sink.outputs.map(\.name)), Set(expected.keys), file: file, line: line)
        var mismatched: [String] = []
        for output in sink.outputs {
            guard let reference = expected[output.name] else { continue }
            XCTAssertEqual(output.dtype.rawValue, reference.dtype, output.name, file: file, line: line)
            XCTAssertEqual(output.shape, reference.shape, output.name, file: file, line: line)
            if sink.sha256(of: output.name) != reference.sha256 { mismatched.append(output.name) }
        }
        XCTAssertEqual(mismatched, [], "tensors that differ from mergekit's in \(directory)", file: file, line: line)
    }

    func testMergekitSemanticsBitIdentical() throws {
        for parity in Self.cases {
            let (sink, _) = try TestFiles.merge(try job(parity, semantics: .mergekit))
            try assertBitIdentical(sink, expected: Self.root + "/expected/" + parity.name)
        }
    }

    /// Under Pedigree semantics `t` comes from Float64 sums, so it may differ from mergekit's
    /// Float32 `t` in its last bit. Where `t avg + (1 - t) w_0` cancels, that shows at the
    /// scale of the terms rather than of the result, because each of the two rounded terms and
    /// their sum may move by half an ulp. So the tolerance is two ulps of the output dtype at the largest
    /// intermediate magnitude: the result, the base, or the running sum of the ingredients.
    func testPedigreeSemanticsWithinTwoUlps() throws {
        // Cases whose mergekit arithmetic runs in Float32; the others round to BF16 after every
        // operation, which the default semantics deliberately does not.
        for parity in Self.cases where parity.name == "ms_3ft_fp32compute_bf16out" || parity.name == "ms_fp32_inputs" || parity.name == "linear_norm" {
            let job = try job(parity, semantics: .pedigree)
            let (sink, _) = try TestFiles.merge(job)
            let expected = try MergeInput(modelPath: Self.root + "/expected/" + parity.name)
            var differing = 0
            var total = 0
            for output in sink.outputs {
                let actual = sink.floats(of: output.name)
                var reference = [Float](repeating: 0, count: actual.count)
                reference.withUnsafeMutableBufferPointer { expected.readForTest(output.name, into: $0) }
                var scales = reference.map(abs)
                var sums = [Float](repeating: 0, count: actual.count)
                var values = [Float](repeating: 0, count: actual.count)
                for input in job.ingredients.map(\.input) {
                    values.withUnsafeMutableBufferPointer { input.readForTest(output.name, into: $0) }
                    for index in sums.indices { sums[index] += abs(values[index]) }
                }
                if let base = job.base {
                    values.withUnsafeMutableBufferPointer { base.readForTest(output.name, into: $0) }
                    for index in scales.indices { scales[index] = max(scales[index], abs(values[index])) }
                }
                for index in scales.indices { scales[index] = max(scales[index], sums[index]) }
                for index in actual.indices where actual[index] != reference[index] {
                    differing += 1
                    let scale = scales[index]
                    XCTAssertLessThanOrEqual(abs(actual[index] - reference[index]), 2 * Self.ulp(scale, output.dtype), "\(parity.name) \(output.name)[\(index)]")
                }
                total += actual.count
            }
            print("parity \(parity.name), pedigree semantics: \(differing) of \(total) elements differ from mergekit")
        }
    }

    /// Returns one unit in the last place of `value` in `dtype` (F32 or BF16).
    static func ulp(_ value: Float, _ dtype: DType) -> Float {
        dtype == .BF16 ? Float(bitPattern: value.bitPattern & 0x7F80_0000) * 0x1p-7 : value.ulp
    }

    func testModelStockRejectsOneIngredientBeforeReading() throws {
        let parity = Case(name: "ms_1ft", models: [("ft1", nil)])
        XCTAssertThrowsError(try MergeEngine().plan(try job(parity, semantics: .mergekit))) { error in
            XCTAssertEqual("\(error)", "model_stock needs a base and at least 2 other models; got 1")
        }
    }

    func testVocabularyMismatchRejectedBeforeReading() throws {
        let parity = Case(name: "ms_vocab_mismatch", models: [("ft1", nil), ("ft2", nil), ("ft_vocab260", nil)])
        XCTAssertThrowsError(try MergeEngine().plan(try job(parity, semantics: .pedigree))) { error in
            XCTAssertEqual(
                "\(error)",
                "tensor lm_head.weight has different shapes: [256, 64] in ./models/base, [256, 64] in ./models/ft1, "
                    + "[256, 64] in ./models/ft2, [260, 64] in ./models/ft_vocab260. Aligning embeddings of different vocabulary "
                    + "sizes through a tokenizer setting is not supported yet, so merge models with the same vocabulary; "
                    + "other tensors must match exactly")
        }
    }

    func testChainMultiStagesReadEarlierOutputs() throws {
        let directory = try TestFiles.temporaryDirectory(self)
        let stages: [(name: String, base: String, models: [String], expected: String)] = [
            ("stageA", "base", ["ft1", "ft2", "ft3"], "/expected/chain_multi/intermediate/stageA"),
            ("stageB", directory + "/stageA", ["ft3", "ft4", "ft5"], "/expected/chain_multi/intermediate/stageB"),
            ("final", "base", [directory + "/stageA", directory + "/stageB", "instruct"], "/expected/chain_multi"),
        ]
        for stage in stages {
            let parity = Case(name: stage.name, base: stage.base, models: stage.models.map { ($0, nil) })
            let (sink, _) = try TestFiles.merge(try job(parity, semantics: .mergekit))
            try assertBitIdentical(sink, expected: Self.root + stage.expected)
            try sink.writeModel(to: directory + "/" + stage.name)
        }
    }
}

extension MergeInput {
    /// Reads a whole tensor as Float32 (tests only).
    func readForTest(_ name: String, into buffer: UnsafeMutableBufferPointer<Float>) {
        let location = model.location(of: name)!
        location.file.withBytes(of: location.info) { Float32Conversion.decode($0, as: location.info.dtype, into: buffer) }
    }
}
