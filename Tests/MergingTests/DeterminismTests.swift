import Foundation
import Merging
import SafeTensors
import XCTest

/// Output bytes must not depend on the thread count or the chunk size.
final class DeterminismTests: XCTestCase {
    /// Deterministic values near `center` (a 64-bit linear congruential generator).
    private static func values(count: Int, seed: UInt64, center: Float, spread: Float) -> [Float] {
        var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return center + spread * (Float(state >> 40) / Float(1 << 24) - 0.5)
        }
    }

    /// Writes a base and four fine-tunes with an 80 x 512 BF16 matrix (40,960 elements, more than
    /// PyTorch's per-thread grain), a 1-D tensor and a 7 x 9 matrix with ragged lengths.
    private func makeJob(semantics: MergeSemantics, filterWise: Bool) throws -> MergeJob {
        let directory = try TestFiles.temporaryDirectory(self)
        let shapes: [(String, [Int])] = [("big", [80, 512]), ("norm", [512]), ("odd", [7, 9])]
        let base = shapes.map { name, shape in
            (name: name, dtype: DType.BF16, shape: shape, values: Self.values(count: shape.reduce(1, *), seed: 1, center: 0, spread: 0.1))
        }
        try TestFiles.writeModel(base, to: directory + "/base")
        var ingredients: [Ingredient] = []
        for model in 1...4 {
            let tensors = base.enumerated().map { index, tensor in
                let noise = Self.values(count: tensor.values.count, seed: UInt64(10 * model + index), center: 0, spread: 0.01)
                return (name: tensor.name, dtype: tensor.dtype, shape: tensor.shape, values: zip(tensor.values, noise).map { $0 + $1 })
            }
            try TestFiles.writeModel(tensors, to: directory + "/ft\(model)")
            ingredients.append(Ingredient(input: try MergeInput(modelPath: directory + "/ft\(model)"), parameters: ["weight": .number(Double(model))]))
        }
        return MergeJob(
            method: "model_stock", semantics: semantics, base: try MergeInput(modelPath: directory + "/base"),
            ingredients: ingredients, parameters: ["filter_wise": .bool(filterWise)])
    }

    private func digests(_ job: MergeJob, threads: Int, chunk: Int?) throws -> [String] {
        let (sink, _) = try TestFiles.merge(job, options: MergeOptions(threadCount: threads, chunkElements: chunk))
        return sink.outputs.map { sink.sha256(of: $0.name) }
    }

    func testThreadCountAndChunkSizeGiveSameBytes() throws {
        for semantics in MergeSemantics.allCases {
            for filterWise in [false, true] {
                let job = try makeJob(semantics: semantics, filterWise: filterWise)
                let reference = try digests(job, threads: 1, chunk: nil)
                for (threads, chunk) in [(2, nil), (7, nil), (1, 320), (2, 4096), (7, 10_000)] as [(Int, Int?)] {
                    XCTAssertEqual(try digests(job, threads: threads, chunk: chunk), reference,
                                   "\(semantics), filter_wise \(filterWise), \(threads) threads, chunk \(chunk.map(String.init) ?? "default")")
                }
            }
        }
    }

    func testWeightsMoveAverageNotRatio() throws {
        let job = try makeJob(semantics: .pedigree, filterWise: false)
        var unweighted = job
        unweighted.ingredients = job.ingredients.map { Ingredient(input: $0.input) }
        let (_, weightedStatistics) = try TestFiles.merge(job)
        let (_, plainStatistics) = try TestFiles.merge(unweighted)
        XCTAssertEqual(weightedStatistics["big"]?.t, plainStatistics["big"]?.t)
        let (weightedSink, _) = try TestFiles.merge(job)
        let (plainSink, _) = try TestFiles.merge(unweighted)
        XCTAssertNotEqual(weightedSink.sha256(of: "big"), plainSink.sha256(of: "big"))
    }
}
