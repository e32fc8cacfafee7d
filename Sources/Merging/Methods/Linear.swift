import SafeTensors

/// Linear averaging (model soups, arXiv 2203.05482): `sum(w_i x_i) / sum(w_i)` when
/// `normalize` (default true), else `sum(w_i x_i)`. The sum accumulates in Float32 in input
/// order with fused multiply-add from zero, as mergekit 0.1.5 does. Under mergekit semantics
/// the weight sum follows PyTorch's summation order, and the result rounds once to the
/// compute dtype. A zero weight sum with `normalize` is an error.
public struct Linear: MergeMethod {
    public init() {}

    public var descriptor: MethodDescriptor { MethodCatalog.linear }

    public func validate(_ job: MergeJob) throws {
        try validateInputs(job)
    }

    public func makeMerger(for tensor: TensorContext) throws -> TensorMerger {
        let weights = try tensor.numbers("weight", fallback: nil)
        let normalize = tensor.parameters["normalize"].map { $0 == .bool(true) || $0 == .number(1) } ?? true
        var divisor: Float?
        if normalize {
            let sum: Float
            switch tensor.semantics {
            case .pedigree: sum = Float(weights.reduce(0, +))
            case .mergekit: sum = TorchOrderScalarSum.contiguousSum(weights.map { Float($0) })
            }
            guard sum != 0 else { throw MergeError.zeroWeightSum(tensor: tensor.name) }
            divisor = sum
        }
        return LinearMerger(weights: weights.map { Float($0) }, divisor: divisor, dtype: tensor.computeDType)
    }
}

final class LinearMerger: TensorMerger, Sendable {
    private let weights: [Float]
    private let divisor: Float?
    private let dtype: DType

    init(weights: [Float], divisor: Float?, dtype: DType) {
        self.weights = weights
        self.divisor = divisor
        self.dtype = dtype
    }

    var needsAnalysis: Bool { false }
    var chunkAlignment: Int { 64 }
    var statistics: TensorStatistics? { nil }

    func analyze(_ chunk: ChunkValues) throws {}
    func finishAnalysis() throws {}

    func combine(_ chunk: ChunkValues, into output: UnsafeMutablePointer<Float>) {
        Kernels.weightedSum(chunk.ingredients, weights: weights, count: chunk.count, into: output)
        if let divisor {
            for index in 0..<chunk.count { output[index] = output[index] / divisor }
        }
        Float32Conversion.round(UnsafeMutableBufferPointer(start: output, count: chunk.count), to: dtype)
    }
}
