/// One tensor's entry in a safetensors header.
public struct TensorInfo: Equatable, Sendable {
    public var name: String
    public var dtype: DType
    public var shape: [Int]
    /// Byte range within the data section (which starts after the header).
    public var dataOffsets: Range<Int>

    public init(name: String, dtype: DType, shape: [Int], dataOffsets: Range<Int>) {
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.dataOffsets = dataOffsets
    }

    /// The product of the dimensions; 1 for a scalar.
    public var elementCount: Int { shape.reduce(1, *) }

    public var byteCount: Int { dataOffsets.count }

    /// Rows when the tensor is viewed as a matrix over its last dimension: the product of all
    /// dimensions but the last. A scalar or 1-D tensor is one row.
    public var rowCount: Int { shape.count <= 1 ? 1 : shape.dropLast().reduce(1, *) }

    /// Elements per row: the last dimension, or 1 for a scalar.
    public var rowLength: Int { shape.last ?? 1 }
}
