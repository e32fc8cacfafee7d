import Models
import SafeTensors

/// One tensor of the output model.
public struct OutputTensor: Sendable, Equatable {
    public var name: String
    public var dtype: DType
    public var shape: [Int]

    public init(name: String, dtype: DType, shape: [Int]) {
        self.name = name
        self.dtype = dtype
        self.shape = shape
    }

    public var byteCount: Int { shape.reduce(1, *) * dtype.size }
}

/// The engine's action for every output tensor, decided from headers alone, so that every
/// problem with the inputs is reported before any weight is read.
public struct TensorPlan: Sendable {
    enum Action: Sendable {
        /// Copy the layout source's bytes unchanged (integer and bool tensors, and float
        /// tensors whose type does not change).
        case copyBytes
        /// Decode the layout source's values, cast them to `inputDType`, store as the output dtype.
        case convert
        /// Merge the base (if any) and the ingredients at `participants` (indices into the job's
        /// ingredients).
        case merge(participants: [Int], merger: TensorMerger)
    }

    struct Entry: Sendable {
        var output: OutputTensor
        var action: Action
        /// The type every input value is rounded to after decoding, or nil to keep Float32.
        var inputDType: DType?
        /// Elements per chunk for this tensor.
        var chunkLength: Int
        var elementCount: Int { output.shape.reduce(1, *) }
    }

    public let job: MergeJob
    let entries: [Entry]
    /// Warnings found while planning (also sent to the event handler).
    public let warnings: [String]

    public var outputs: [OutputTensor] { entries.map(\.output) }

    /// Per-tensor merge statistics, available after the engine ran this plan.
    public func statistics() -> [String: TensorStatistics] {
        var result: [String: TensorStatistics] = [:]
        for entry in entries {
            if case .merge(_, let merger) = entry.action, let statistics = merger.statistics {
                result[entry.output.name] = statistics
            }
        }
        return result
    }

    init(job: MergeJob, entries: [Entry], warnings: [String]) {
        self.job = job
        self.entries = entries
        self.warnings = warnings
    }
}
