import SafeTensors

/// Model Stock (Jang et al. 2024, arXiv 2403.19522): the average of the ingredients pulled
/// toward the base by a ratio `t` derived from the angle between the task vectors
/// `d_i = w_i - w_0`: `cos` is the mean over pairs of `d_i . d_j / max(|d_i| |d_j|, 1e-6)`
/// clamped to [-1, 1], `t = N cos / (1 + (N - 1) cos)`, `out = t avg + (1 - t) w_0`. A
/// denominator below 1e-6 in magnitude gives `t = 0` and a warning. With `filter_wise`,
/// each row of the tensor gets its own `t`.
public struct ModelStock: MergeMethod {
    /// Below this magnitude `1 + (N - 1) cos` is treated as zero (mergekit 0.1.5 uses the same).
    public static let singularDenominator = 1e-6
    /// The lower bound on the product of norms (mergekit 0.1.5's `clamp(min=1e-6)`).
    public static let minimumNormProduct = 1e-6

    public init() {}

    public var descriptor: MethodDescriptor { MethodCatalog.modelStock }

    public func validate(_ job: MergeJob) throws {
        try validateInputs(job)
        if job.semantics == .pedigree {
            let weights = job.ingredients.map { $0.parameters["weight"] ?? job.parameters["weight"] ?? .number(1) }
            if weights.allSatisfy({ $0 == .number(0) }) {
                throw MergeError.invalidParameter(method: "model_stock", parameter: "weight", detail: "all weights are 0, so the average is undefined")
            }
        }
    }

    public func makeMerger(for tensor: TensorContext) throws -> TensorMerger {
        switch tensor.semantics {
        case .pedigree:
            let weights = try tensor.numbers("weight", fallback: 1)
            guard weights.reduce(0, +) != 0 else { throw MergeError.zeroWeightSum(tensor: tensor.name) }
            return ModelStockMerger(tensor: tensor, weights: weights)
        case .mergekit:
            return ModelStockMergekitMerger(tensor: tensor)
        }
    }

    /// `t` from the mean cosine, or 0 with a warning when the denominator vanishes.
    static func ratio(meanCosine: Double, count: Int, tensor: TensorContext, row: Int?) -> Double {
        let denominator = 1 + Double(count - 1) * meanCosine
        guard abs(denominator) >= singularDenominator else {
            warnSingular(tensor: tensor, row: row, denominator: denominator)
            return 0
        }
        return Double(count) * meanCosine / denominator
    }

    static func warnSingular(tensor: TensorContext, row: Int?, denominator: Double) {
        let place = row.map { "row \($0) of tensor \(tensor.name)" } ?? "tensor \(tensor.name)"
        tensor.warn("model_stock: \(place): 1 + (N - 1) cos = \(denominator) is below 1e-6 in magnitude (the task vectors cancel out), so t = 0 and the base is kept")
    }
}

/// Summaries of per-row (or per-tensor) ratios and cosines, in row order.
struct ModelStockSummary {
    private var tSum = 0.0
    private var cosineSum = 0.0
    private var minimum = Double.infinity
    private var maximum = -Double.infinity
    private var rows = 0

    mutating func add(t: Double, meanCosine: Double, pairCosines: some Sequence<Double>) {
        tSum += t
        cosineSum += meanCosine
        for cosine in pairCosines {
            minimum = Swift.min(minimum, cosine)
            maximum = Swift.max(maximum, cosine)
        }
        rows += 1
    }

    var statistics: TensorStatistics? {
        guard rows > 0 else { return nil }
        return TensorStatistics(t: tSum / Double(rows), meanCosine: cosineSum / Double(rows), minimumCosine: minimum, maximumCosine: maximum)
    }
}

/// model_stock under Pedigree semantics: Float64 dot products in eight lanes by element
/// position (summed in order at the end), Float32 output arithmetic, and the weighted average
/// `sum(w_i x_i) / sum(w_i)` with `t` from the unweighted cosines.
final class ModelStockMerger: TensorMerger, @unchecked Sendable {
    // @unchecked: analysis runs on one thread before any `combine`; `combine` only reads.
    private let tensor: TensorContext
    private let weights: [Float]
    private let weightSum: Float
    private let filterWise: Bool
    private let count: Int
    private let pairCount: Int
    /// Gram accumulators (i <= j, row-major upper triangle) of the flattened tensor.
    private var gram: [SIMD8<Double>]
    /// One ratio per row with `filter_wise`, else one.
    private var ratios: [Float] = []
    private var summary = ModelStockSummary()

    init(tensor: TensorContext, weights: [Double]) {
        self.tensor = tensor
        self.weights = weights.map { Float($0) }
        weightSum = Float(weights.reduce(0, +))
        filterWise = tensor.bool("filter_wise")
        count = tensor.ingredientCount
        pairCount = count * (count + 1) / 2
        gram = [SIMD8<Double>](repeating: .zero, count: pairCount)
    }

    var needsAnalysis: Bool { true }

    var chunkAlignment: Int { filterWise ? tensor.rowLength : TorchOrderSum.alignment }

    var statistics: TensorStatistics? { summary.statistics }

    func analyze(_ chunk: ChunkValues) throws {
        let offsets = Kernels.taskVectors(chunk, rounding: nil)
        if !filterWise {
            Kernels.accumulateGram(offsets, count: count, length: chunk.count, firstPosition: chunk.elements.lowerBound, into: &gram)
            return
        }
        let rowLength = tensor.rowLength
        var rowGram = [SIMD8<Double>](repeating: .zero, count: pairCount)
        for rowStart in stride(from: 0, to: chunk.count, by: rowLength) {
            for index in rowGram.indices { rowGram[index] = .zero }
            Kernels.accumulateGram(offsets.map { $0 + rowStart }, count: count, length: rowLength, firstPosition: 0, into: &rowGram)
            let row = (chunk.elements.lowerBound + rowStart) / rowLength
            ratios.append(Float(finishRow(rowGram, row: row)))
        }
    }

    func finishAnalysis() throws {
        if !filterWise { ratios = [Float(finishRow(gram, row: nil))] }
    }

    /// Computes the ratio of one Gram matrix and records its statistics.
    private func finishRow(_ lanes: [SIMD8<Double>], row: Int?) -> Double {
        let sums = lanes.map { $0.sum() }
        func entry(_ i: Int, _ j: Int) -> Double { sums[i * count - i * (i - 1) / 2 + (j - i)] }
        var cosines: [Double] = []
        for i in 0..<count {
            for j in (i + 1)..<count {
                let normProduct = (entry(i, i).squareRoot() * entry(j, j).squareRoot())
                let cosine = entry(i, j) / max(normProduct, ModelStock.minimumNormProduct)
                cosines.append(min(max(cosine, -1), 1))
            }
        }
        let meanCosine = cosines.reduce(0, +) / Double(cosines.count)
        let t = ModelStock.ratio(meanCosine: meanCosine, count: count, tensor: tensor, row: row)
        summary.add(t: t, meanCosine: meanCosine, pairCosines: cosines)
        return t
    }

    func combine(_ chunk: ChunkValues, into output: UnsafeMutablePointer<Float>) {
        Kernels.weightedSum(chunk.ingredients, weights: weights, count: chunk.count, into: output)
        let base = chunk.base!
        let rowLength = filterWise ? tensor.rowLength : chunk.count
        let weightSum = self.weightSum
        for rowStart in stride(from: 0, to: chunk.count, by: rowLength) {
            let t = filterWise ? ratios[(chunk.elements.lowerBound + rowStart) / rowLength] : ratios[0]
            let keep = 1 - t
            for index in rowStart..<(rowStart + rowLength) {
                let average = output[index] / weightSum
                output[index] = t * average + keep * base[index]
            }
        }
    }
}
