/// A tensor to be written: name, dtype and shape, known before any of its bytes exist.
public struct TensorSpec: Sendable, Equatable {
    public var name: String
    public var dtype: DType
    public var shape: [Int]

    public init(name: String, dtype: DType, shape: [Int]) {
        self.name = name
        self.dtype = dtype
        self.shape = shape
    }

    /// The spec of a tensor read from a file, to write it again unchanged.
    public init(_ tensor: TensorInfo) {
        self.init(name: tensor.name, dtype: tensor.dtype, shape: tensor.shape)
    }

    /// The product of the dimensions; 1 for a scalar.
    public var elementCount: Int { shape.reduce(1, *) }

    /// Bytes of data: the element count times the dtype size. Traps on a negative dimension
    /// or on overflow (programmer errors: shapes come from validated files or the engine).
    public var byteCount: Int {
        precondition(shape.allSatisfy { $0 >= 0 }, "tensor \(name) has a negative dimension in \(shape)")
        return elementCount * dtype.size
    }
}
