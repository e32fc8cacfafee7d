import Foundation
import Merging
import SafeTensors
import XCTest

final class ModelStockTests: XCTestCase {
    /// Writes a base and ingredients that differ from it by `deltas` in the 1-D F32 tensor
    /// "w", and returns them as inputs. Every model also has an unchanged tensor "scale".
    private func makeInputs(base: [Float], deltas: [[Float]], directory: String) throws -> (MergeInput, [MergeInput]) {
        let positions: [Float] = [0, 1, 2]
        try TestFiles.writeModel([("w", .F32, [base.count], base), ("scale", .F32, [3], positions)], to: directory + "/base")
        var ingredients: [MergeInput] = []
        for (index, delta) in deltas.enumerated() {
            let values = zip(base, delta).map { $0 + $1 }
            try TestFiles.writeModel([("w", .F32, [base.count], values), ("scale", .F32, [3], positions)], to: directory + "/ft\(index)")
            ingredients.append(try MergeInput(modelPath: directory + "/ft\(index)", label: "ft\(index)"))
        }
        return (try MergeInput(modelPath: directory + "/base", label: "base"), ingredients)
    }

    func testRatioFromMeanOfPairwiseCosines() throws {
        let directory = try TestFiles.temporaryDirectory(self)
        // Pairwise cosines 0.6, 0 and 0.48: their mean is 0.36, so t = 3 c / (1 + 2 c) = 1.08 / 1.72.
        // (The mean of the angles would give cos(mean angle) = 0.3313... and another t.)
        let base: [Float] = [1, 2, 3, 4, 5, 6, 7, 8]
        let deltas: [[Float]] = [
            [1, 0, 0, 0, 0, 0, 0, 0],
            [0.6, 0.8, 0, 0, 0, 0, 0, 0],
            [0, 0.6, 0.8, 0, 0, 0, 0, 0],
        ]
        let (baseInput, ingredients) = try makeInputs(base: base, deltas: deltas, directory: directory)
        let job = MergeJob(method: "model_stock", base: baseInput, ingredients: ingredients.map { Ingredient(input: $0) })
        let (sink, statistics) = try TestFiles.merge(job)

        let t = 1.08 / 1.72
        let stats = try XCTUnwrap(statistics["w"])
        XCTAssertEqual(stats.t, t, accuracy: 1e-7)
        XCTAssertEqual(stats.meanCosine, 0.36, accuracy: 1e-7)
        XCTAssertEqual(stats.minimumCosine, 0, accuracy: 1e-7)
        XCTAssertEqual(stats.maximumCosine, 0.6, accuracy: 1e-7)
        let output = sink.floats(of: "w")
        for index in base.indices {
            let average = (0..<3).map { Double(base[index]) + Double(deltas[$0][index]) }.reduce(0, +) / 3
            let expected = t * average + (1 - t) * Double(base[index])
            XCTAssertEqual(Double(output[index]), expected, accuracy: 1e-6, "element \(index)")
        }
    }

    func testSingularDenominatorKeepsBaseAndWarns() throws {
        let directory = try TestFiles.temporaryDirectory(self)
        let base: [Float] = [1, 2, 3, 4]
        let (baseInput, ingredients) = try makeInputs(base: base, deltas: [[1, 0, 0, 0], [-1, 0, 0, 0]], directory: directory)
        for semantics in MergeSemantics.allCases {
            let log = EventLog()
            let job = MergeJob(method: "model_stock", semantics: semantics, base: baseInput, ingredients: ingredients.map { Ingredient(input: $0) })
            let (sink, statistics) = try TestFiles.merge(job, log: log)
            XCTAssertEqual(sink.floats(of: "w"), base, "\(semantics)")
            XCTAssertEqual(statistics["w"]?.t, 0, "\(semantics)")
            XCTAssertEqual(log.warnings, [
                "model_stock: tensor w: 1 + (N - 1) cos = 0.0 is below 1e-6 in magnitude (the task vectors cancel out), so t = 0 and the base is kept",
            ], "\(semantics)")
        }
    }

    func testNaNInputNamesTensorAndInput() throws {
        let directory = try TestFiles.temporaryDirectory(self)
        let (baseInput, ingredients) = try makeInputs(base: [1, 2, 3, 4], deltas: [[1, 0, 0, 0], [0, 1, 0, .infinity]], directory: directory)
        let job = MergeJob(method: "model_stock", base: baseInput, ingredients: ingredients.map { Ingredient(input: $0) })
        XCTAssertThrowsError(try TestFiles.merge(job)) { error in
            XCTAssertEqual("\(error)", "tensor w in ft1 contains NaN or infinity; fix or replace that input")
        }
    }

    func testIntegerTensorCopiedFromBase() throws {
        let directory = try TestFiles.temporaryDirectory(self)
        let positionBytes: [UInt8] = (0..<3).flatMap { value in withUnsafeBytes(of: Int64(value).littleEndian) { Array($0) } }
        var models: [MergeInput] = []
        for (index, offset) in [Float(0), 1, 2].enumerated() {
            let path = directory + "/m\(index)"
            try TestFiles.writeModel([("w", .BF16, [2], [1 + offset, 2 * offset])], to: path)
            // Append an I64 tensor by rewriting the file with a hand-made header.
            let fileURL = URL(fileURLWithPath: path + "/model.safetensors")
            let header = #"{"position_ids":{"dtype":"I64","shape":[1,3],"data_offsets":[0,24]},"w":{"dtype":"BF16","shape":[2],"data_offsets":[24,28]}}"#
            var headerBytes = Array(header.utf8)
            while headerBytes.count % 8 != 0 { headerBytes.append(0x20) }
            let w = try Data(contentsOf: fileURL).suffix(4)
            var file = withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { Array($0) } + headerBytes + positionBytes
            file += Array(w)
            try Data(file).write(to: fileURL)
            models.append(try MergeInput(modelPath: path))
        }
        let job = MergeJob(method: "model_stock", base: models[0], ingredients: models.dropFirst().map { Ingredient(input: $0) }, outDtype: .F32)
        let (sink, _) = try TestFiles.merge(job)
        XCTAssertEqual(sink.outputs.map(\.name), ["position_ids", "w"])
        XCTAssertEqual(sink.outputs[0].dtype, .I64)
        XCTAssertEqual(sink.bytes(of: "position_ids"), positionBytes)
        XCTAssertEqual(sink.outputs[1].dtype, .F32)
    }

    func testLinearZeroWeightSumRejected() throws {
        let directory = try TestFiles.temporaryDirectory(self)
        let (_, ingredients) = try makeInputs(base: [1, 2], deltas: [[1, 0], [0, 1]], directory: directory)
        let job = MergeJob(
            method: "linear", base: nil,
            ingredients: [Ingredient(input: ingredients[0], parameters: ["weight": .number(1)]),
                          Ingredient(input: ingredients[1], parameters: ["weight": .number(-1)])])
        XCTAssertThrowsError(try MergeEngine().plan(job)) { error in
            XCTAssertEqual("\(error)", "the weights of tensor w sum to zero, so normalizing divides by zero; change the weights or set normalize: false")
        }
    }

    func testUnknownMethodListsRunnableMethods() {
        let job = MergeJob(method: "model_stok", base: nil, ingredients: [])
        XCTAssertThrowsError(try MergeEngine().plan(job)) { error in
            XCTAssertEqual("\(error)", "unknown merge method \"model_stok\"; known methods: model_stock, linear")
        }
    }
}
