import SafeTensors

/// model_stock as mergekit 0.1.5 computes it, bit for bit. Every elementwise operation and
/// scalar step is evaluated in Float32 and rounded to the compute dtype D, which changes
/// nothing when D is F32. The rounded steps are the task vectors, each product, each step of
/// the running average, the division by N, `t * avg`, `1 - t`, `(1 - t) * w_0`, their sum,
/// and the scalar steps for `cos`, the denominator and `t`. Sums and norms accumulate in Float32 in PyTorch's CPU order and round
/// once to D. Per-model weights are ignored (the engine warns about them).
///
/// For tensors of 32,768 or more elements PyTorch splits sums across its threads, so
/// mergekit's own result then depends on its thread count; this reproduces its single-thread
/// result.
final class ModelStockMergekitMerger: TensorMerger, @unchecked Sendable {
    // @unchecked: analysis runs on one thread before any `combine`; `combine` only reads.
    private let tensor: TensorContext
    private let dtype: DType
    private let filterWise: Bool
    private let count: Int
    private let rowLength: Int
    /// Accumulators of the row being analysed; created by the first `analyze` and released by
    /// `finishAnalysis`, so planned tensors hold no accumulators.
    private var norms: [TorchOrderNorm] = []
    private var dots: [TorchOrderSum] = []
    /// Per row (with `filter_wise`) or per tensor: the rounded pairwise cosines.
    private var cosinesByRow: [[Float]] = []
    private var ratios: [Float] = []
    private var summary = ModelStockSummary()

    init(tensor: TensorContext) {
        self.tensor = tensor
        dtype = tensor.computeDType
        filterWise = tensor.bool("filter_wise")
        count = tensor.ingredientCount
        rowLength = filterWise ? tensor.rowLength : tensor.elementCount
    }

    var needsAnalysis: Bool { true }

    var chunkAlignment: Int { filterWise ? tensor.rowLength : TorchOrderSum.alignment }

    var statistics: TensorStatistics? { summary.statistics }

    private func round(_ value: Float) -> Float {
        Float32Conversion.round(value, to: dtype)
    }

    func analyze(_ chunk: ChunkValues) throws {
        if norms.isEmpty { resetAccumulators() }
        let offsets = Kernels.taskVectors(chunk, rounding: dtype)
        let products = chunk.scratch + count * chunk.count
        precondition(chunk.scratchCount >= (count + 1) * chunk.count, "scratch too small for model_stock")
        let segment = filterWise ? rowLength : chunk.count
        for start in stride(from: 0, to: chunk.count, by: segment) {
            var pair = 0
            for i in 0..<count {
                norms[i].add(offsets[i] + start, count: segment)
                for j in (i + 1)..<count {
                    Kernels.multiply(offsets[i] + start, offsets[j] + start, into: products, count: segment)
                    Float32Conversion.round(UnsafeMutableBufferPointer(start: products, count: segment), to: dtype)
                    dots[pair].add(products, count: segment)
                    pair += 1
                }
            }
            if filterWise { finishRow() }
        }
    }

    func finishAnalysis() throws {
        if !filterWise { finishRow() }
        let rows = cosinesByRow.count
        let pairCount = count * (count - 1) / 2
        for row in 0..<rows {
            let pairs = cosinesByRow[row]
            let sum = filterWise && rows > 1
                ? TorchOrderScalarSum.columnSum(pairs, column: row, columns: rows)
                : TorchOrderScalarSum.contiguousSum(pairs)
            let meanCosine = round(sum / Float(pairCount))
            let denominator = round(1 + round(Float(count - 1) * meanCosine))
            let t: Float
            if abs(denominator) < round(Float(ModelStock.singularDenominator)) {
                ModelStock.warnSingular(tensor: tensor, row: filterWise ? row : nil, denominator: Double(denominator))
                t = 0
            } else {
                t = round(round(Float(count) * meanCosine) / denominator)
            }
            ratios.append(t)
            summary.add(t: Double(t), meanCosine: Double(meanCosine), pairCosines: pairs.map(Double.init))
        }
        cosinesByRow = []
        norms = []
        dots = []
    }

    /// Turns the finished norms and dot products of one row into its pairwise cosines and
    /// resets the accumulators for the next row.
    private func finishRow() {
        let normValues = norms.map { round($0.finish()) }
        let floor = round(Float(ModelStock.minimumNormProduct))
        var cosines: [Float] = []
        var pair = 0
        for i in 0..<count {
            for j in (i + 1)..<count {
                var normProduct = round(normValues[i] * normValues[j])
                if normProduct < floor { normProduct = floor }
                let cosine = round(round(dots[pair].finish()) / normProduct)
                cosines.append(min(max(cosine, -1), 1))
                pair += 1
            }
        }
        cosinesByRow.append(cosines)
        resetAccumulators()
    }

    private func resetAccumulators() {
        let half = dtype != .F32
        norms = Array(repeating: TorchOrderNorm(count: rowLength, dtype: dtype), count: count)
        dots = Array(repeating: TorchOrderSum(count: rowLength, halfWidth: half), count: count * (count - 1) / 2)
    }

    func combine(_ chunk: ChunkValues, into output: UnsafeMutablePointer<Float>) {
        let length = chunk.count
        let averages = UnsafeMutableBufferPointer(start: output, count: length)
        let inputs = chunk.ingredients
        // Python's sum() starts from the integer 0, so -0.0 becomes +0.0 in the first step.
        let first = inputs[0]
        for index in 0..<length { output[index] = 0 + first[index] }
        Float32Conversion.round(averages, to: dtype)
        for input in inputs.dropFirst() {
            for index in 0..<length { output[index] = output[index] + input[index] }
            Float32Conversion.round(averages, to: dtype)
        }
        let n = Float(count)
        for index in 0..<length { output[index] = output[index] / n }
        Float32Conversion.round(averages, to: dtype)

        let base = chunk.base!
        let kept = chunk.scratch
        let segment = filterWise ? rowLength : length
        for start in stride(from: 0, to: length, by: segment) {
            let t = filterWise ? ratios[(chunk.elements.lowerBound + start) / rowLength] : ratios[0]
            let keep = round(1 - t)
            for index in start..<(start + segment) {
                output[index] = t * output[index]
                kept[index] = keep * base[index]
            }
        }
        Float32Conversion.round(averages, to: dtype)
        Float32Conversion.round(UnsafeMutableBufferPointer(start: kept, count: length), to: dtype)
        for index in 0..<length { output[index] = output[index] + kept[index] }
        Float32Conversion.round(averages, to: dtype)
    }
}
