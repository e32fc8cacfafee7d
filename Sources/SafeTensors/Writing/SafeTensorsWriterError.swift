/// A request the safetensors writers cannot carry out. I/O failures are `SystemCallError`s.
public struct SafeTensorsWriterError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Equatable, Sendable {
        /// Two tensors have the same name.
        case duplicateTensorName(String)
        /// A tensor is named `__metadata__`, the header key the format reserves for metadata.
        case reservedTensorName(String)
        /// The bytes given for a tensor are not the size its shape and dtype need.
        case byteCountMismatch(tensor: String, expected: Int, actual: Int)
        /// `write` named a tensor index outside the tensor list.
        case tensorIndexOutOfRange(index: Int, tensorCount: Int)
        /// `write` reached outside the tensor's bytes.
        case writeOutOfBounds(tensor: String, byteOffset: Int, count: Int, tensorBytes: Int)
        /// `finish` found a tensor whose bytes were not all written.
        case incompleteTensor(tensor: String, bytesWritten: Int, expected: Int)
        /// `write` or `finish` came after `finish` or `abandon`.
        case writerClosed
    }

    /// The file or directory being written.
    public var destination: String
    public var kind: Kind

    public init(destination: String, kind: Kind) {
        self.destination = destination
        self.kind = kind
    }

    public var description: String {
        "\(destination): cannot write safetensors: \(detail)"
    }

    private var detail: String {
        switch kind {
        case .duplicateTensorName(let name):
            return "tensor name \"\(name)\" appears more than once; give each tensor a unique name"
        case .reservedTensorName(let name):
            return "tensor name \"\(name)\" is reserved for the header's metadata; rename the tensor"
        case .byteCountMismatch(let tensor, let expected, let actual):
            return "tensor \"\(tensor)\" needs \(expected) bytes for its shape and dtype, but \(actual) were given"
        case .tensorIndexOutOfRange(let index, let tensorCount):
            return "tensor index \(index) is out of range: the writer has \(tensorCount) tensors"
        case .writeOutOfBounds(let tensor, let byteOffset, let count, let tensorBytes):
            return "writing \(count) bytes at byte \(byteOffset) of tensor \"\(tensor)\" overruns its \(tensorBytes) bytes"
        case .incompleteTensor(let tensor, let bytesWritten, let expected):
            return "tensor \"\(tensor)\" got \(bytesWritten) of its \(expected) bytes; write every byte once before finish()"
        case .writerClosed:
            return "the writer was already finished or abandoned"
        }
    }
}
