import Models
import SafeTensors

/// A model the engine reads: a model directory, optionally with a LoRA adapter applied on
/// the fly (`model+adapter`). The derived model is never written to disk.
public final class MergeInput: Sendable {
    public let model: ModelDirectory
    public let adapter: LoRAAdapter?
    /// The name messages use for this input: the model path, plus `+adapter` for derived inputs.
    public let label: String
    private let reader: WeightFileReader

    /// Opens `modelPath` and, when given, the adapter at `adapterPath`, checking that the
    /// adapter's matrices fit the model's tensors.
    public convenience init(modelPath: String, adapterPath: String? = nil, label: String? = nil) throws {
        let model = try ModelDirectory(path: modelPath)
        let adapter = try adapterPath.map { try LoRAAdapter(path: $0) }
        try self.init(model: model, adapter: adapter, label: label)
    }

    public init(model: ModelDirectory, adapter: LoRAAdapter? = nil, label: String? = nil) throws {
        self.model = model
        self.adapter = adapter
        self.label = label ?? (adapter.map { "\(model.path)+\($0.path)" } ?? model.path)
        reader = try WeightFileReader(files: model.weightFiles)
        try adapter?.validate(modelName: model.path) { model.location(of: $0)?.info.shape }
    }

    public var tensorNames: [String] { model.tensorNames }

    public func info(of tensorName: String) -> TensorInfo? {
        model.location(of: tensorName)?.info
    }

    /// Returns whether two inputs read the same bytes (same model path and adapter path).
    public func isSameSource(as other: MergeInput) -> Bool {
        model.path == other.model.path && adapter?.path == other.adapter?.path
    }

    /// Decodes the flat elements `elements` of tensor `tensorName` into `destination` as
    /// Float32, with the adapter's delta added when it adapts that tensor. `staging` must have
    /// room for the elements' stored bytes. Throws `SystemCallError` when reading fails.
    ///
    /// Traps if the tensor is missing, is not convertible to Float32, or `elements` is out of
    /// range: the engine plans every read from validated headers (programmer error).
    func read(_ tensorName: String, elements: Range<Int>, into destination: UnsafeMutablePointer<Float>, staging: UnsafeMutableRawPointer) throws {
        let info = try readBytes(tensorName, elements: elements, into: staging)
        let bytes = UnsafeRawBufferPointer(start: staging, count: elements.count * info.dtype.size)
        Float32Conversion.decode(bytes, as: info.dtype, into: UnsafeMutableBufferPointer(start: destination, count: elements.count))
        if let adapter, let module = adapter.module(forTensor: tensorName) {
            adapter.addDelta(of: module, elements: elements, to: destination, storedDType: info.dtype)
        }
    }

    /// Copies the stored bytes of elements `elements` of tensor `tensorName` into
    /// `destination` and returns the tensor's header entry. Ignores the adapter, so only
    /// tensors it does not adapt may be copied this way.
    @discardableResult
    func readBytes(_ tensorName: String, elements: Range<Int>, into destination: UnsafeMutableRawPointer) throws -> TensorInfo {
        guard let location = model.location(of: tensorName) else {
            preconditionFailure("\(label) has no tensor \(tensorName)")
        }
        let info = location.info
        precondition(elements.upperBound <= info.elementCount, "elements out of range for \(tensorName)")
        let start = location.file.fileRange(of: info).lowerBound
        let size = info.dtype.size
        try reader.read(location.file, range: (start + elements.lowerBound * size)..<(start + elements.upperBound * size), into: destination)
        return info
    }
}
