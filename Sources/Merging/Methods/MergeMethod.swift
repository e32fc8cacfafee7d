import SafeTensors

/// A merge method: it declares itself through a `MethodDescriptor`, checks a job before any
/// weight is read, and creates the computation of each tensor.
public protocol MergeMethod: Sendable {
    var descriptor: MethodDescriptor { get }

    /// Throws `MergeError` when the job's inputs or parameters do not fit the method. Runs
    /// before any tensor data is read.
    func validate(_ job: MergeJob) throws

    /// Creates the computation of one tensor.
    func makeMerger(for tensor: TensorContext) throws -> TensorMerger
}

extension MergeMethod {
    /// The checks every method shares: input counts, and required per-model parameters.
    public func validateInputs(_ job: MergeJob) throws {
        if let problem = descriptor.inputProblem(hasBase: job.base != nil, ingredientCount: job.ingredients.count) {
            throw MergeError.invalidInputs(message: problem)
        }
        for spec in descriptor.perModelParameters where spec.isRequired {
            for ingredient in job.ingredients where ingredient.parameters[spec.name] == nil && job.parameters[spec.name] == nil {
                throw MergeError.missingParameter(method: descriptor.name, parameter: spec.name, input: ingredient.input.label)
            }
        }
    }
}

/// The per-tensor computation of a method, in up to two passes over row chunks.
///
/// The engine calls `analyze` for every chunk in element order on one thread, then
/// `finishAnalysis` once, then `combine` for chunks in any order and on any threads. So
/// `combine` must only read what analysis left behind.
public protocol TensorMerger: AnyObject, Sendable {
    /// Whether the method needs a first pass over the whole tensor (model_stock's Gram
    /// matrix) before it can write any output.
    var needsAnalysis: Bool { get }

    /// Every chunk but a tensor's last covers a multiple of this many elements (a row with
    /// `filter_wise`; 64 elements so that vector loads and summation lanes never split).
    var chunkAlignment: Int { get }

    func analyze(_ chunk: ChunkValues) throws

    func finishAnalysis() throws

    /// Writes the merged values of `chunk` into `output` (chunk.count elements), in the
    /// compute dtype's values (the engine encodes them to the output dtype).
    func combine(_ chunk: ChunkValues, into output: UnsafeMutablePointer<Float>)

    /// Per-tensor figures for reports, available after the last `combine`.
    var statistics: TensorStatistics? { get }
}

/// Figures a method records per tensor (for model_stock: the ratio and the cosines of the
/// task vectors; with `filter_wise`, summarized over rows).
public struct TensorStatistics: Sendable, Equatable {
    /// The interpolation ratio (mean over rows with `filter_wise`).
    public var t: Double
    /// The mean pairwise cosine of the task vectors (mean over rows with `filter_wise`).
    public var meanCosine: Double
    public var minimumCosine: Double
    public var maximumCosine: Double

    public init(t: Double, meanCosine: Double, minimumCosine: Double, maximumCosine: Double) {
        self.t = t
        self.meanCosine = meanCosine
        self.minimumCosine = minimumCosine
        self.maximumCosine = maximumCosine
    }
}

/// The facts about one tensor that a method needs to merge it.
public struct TensorContext: Sendable {
    public var name: String
    public var shape: [Int]
    public var semantics: MergeSemantics
    /// The type whose values the arithmetic produces: under mergekit semantics its compute
    /// dtype (every operation rounds to it), under Pedigree semantics F32.
    public var computeDType: DType
    public var hasBase: Bool
    /// Global parameters resolved for this tensor (defaults filled in).
    public var parameters: [String: ParameterValue]
    /// Per-model parameters of the ingredients that take part, resolved for this tensor.
    public var ingredientParameters: [[String: ParameterValue]]
    /// Called with a warning about this tensor (for example a singular model_stock ratio).
    public var warn: @Sendable (String) -> Void

    public var elementCount: Int { shape.reduce(1, *) }
    /// Elements per row: the last dimension; a scalar or 1-D tensor is one row.
    public var rowLength: Int { shape.count <= 1 ? max(elementCount, 1) : shape[shape.count - 1] }
    public var ingredientCount: Int { ingredientParameters.count }

    public func bool(_ name: String) -> Bool {
        if case .bool(let value)? = parameters[name] { return value }
        if case .number(let value)? = parameters[name] { return value != 0 }
        return false
    }

    /// Returns the per-model number `name` of each ingredient, else the global value, else `fallback`.
    public func numbers(_ name: String, fallback: Double?) throws -> [Double] {
        try ingredientParameters.enumerated().map { index, parameters in
            if case .number(let value)? = parameters[name] ?? self.parameters[name] { return value }
            if case .bool(let flag)? = parameters[name] ?? self.parameters[name] { return flag ? 1 : 0 }
            guard let fallback else {
                throw MergeError.invalidParameter(method: "merge", parameter: name, detail: "no value for ingredient \(index + 1) at tensor \(self.name)")
            }
            return fallback
        }
    }
}

/// The input values of one chunk of a tensor, as Float32 already cast to the job's `dtype`
/// (and, under mergekit semantics, to the compute dtype).
public struct ChunkValues {
    /// Flat element range of the tensor.
    public var elements: Range<Int>
    public var base: UnsafePointer<Float>?
    /// Ingredients in recipe order, each `elements.count` values.
    public var ingredients: [UnsafePointer<Float>]
    /// Scratch memory of `scratchCount` floats that the method may overwrite.
    public var scratch: UnsafeMutablePointer<Float>
    public var scratchCount: Int

    public var count: Int { elements.count }
}
