/// A validated, memory-mapped safetensors file.
///
/// Opening checks the whole header and layout; after that, tensor bytes are read straight
/// from the mapping, so opening a multi-GB file costs only the header.
public final class SafeTensorsFile: Sendable {
    /// Headers larger than this are rejected before they are read (the limit the reference
    /// implementation uses).
    public static let maximumHeaderSize = 100_000_000

    public let path: String
    public let metadata: [String: String]
    /// Tensors in data-offset order.
    public let tensors: [TensorInfo]
    /// Offset of the data section within the file: 8 plus the header length.
    public let dataStart: Int
    public let mapping: MappedFile
    private let indexByName: [String: Int]

    public var fileSize: Int { mapping.size }

    /// Maps and validates the file at `path`.
    public convenience init(path: String) throws {
        let mapping = try MappedFile(path: path)
        try self.init(mapping: mapping)
    }

    /// Validates an existing mapping.
    public init(mapping: MappedFile) throws {
        let path = mapping.path
        let size = mapping.size
        func fail(_ kind: SafeTensorsError.Kind) -> SafeTensorsError { SafeTensorsError(file: path, kind: kind) }

        guard size >= 8 else { throw fail(.fileTooSmall(size: size)) }
        let headerLength = mapping.withBytes { $0.loadUnaligned(as: UInt64.self).littleEndian }
        guard headerLength <= UInt64(Self.maximumHeaderSize) else { throw fail(.headerTooLarge(length: headerLength)) }
        guard headerLength <= UInt64(size - 8) else { throw fail(.headerExceedsFile(length: headerLength, fileSize: size)) }
        let dataStart = 8 + Int(headerLength)

        let header = try mapping.withBytes { bytes in
            let headerBytes = UnsafeRawBufferPointer(rebasing: bytes[8..<dataStart])
            return try HeaderParser.parse(headerBytes: headerBytes, dataSize: size - dataStart, file: path)
        }

        self.path = path
        self.mapping = mapping
        self.dataStart = dataStart
        self.metadata = header.metadata
        self.tensors = header.tensors
        var index: [String: Int] = [:]
        for (position, tensor) in header.tensors.enumerated() { index[tensor.name] = position }
        self.indexByName = index
    }

    public func tensor(named name: String) -> TensorInfo? {
        indexByName[name].map { tensors[$0] }
    }

    /// The raw little-endian bytes of `tensor`, which must come from this file.
    /// The buffer must not escape the closure.
    public func withBytes<Result>(of tensor: TensorInfo, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        precondition(indexByName[tensor.name] != nil, "tensor \(tensor.name) is not in \(path)")
        return try mapping.withBytes { bytes in
            let range = (dataStart + tensor.dataOffsets.lowerBound)..<(dataStart + tensor.dataOffsets.upperBound)
            return try body(UnsafeRawBufferPointer(rebasing: bytes[range]))
        }
    }

    /// File offsets of the tensor's bytes (for read-ahead hints).
    public func fileRange(of tensor: TensorInfo) -> Range<Int> {
        (dataStart + tensor.dataOffsets.lowerBound)..<(dataStart + tensor.dataOffsets.upperBound)
    }
}
