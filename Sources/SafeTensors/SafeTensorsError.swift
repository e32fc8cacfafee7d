/// A safetensors file that breaks a rule of the format. Each case names the rule; the
/// message names the file, the tensor where one is involved, and the numbers.
public struct SafeTensorsError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Equatable, Sendable {
        /// Shorter than the 8-byte header length prefix.
        case fileTooSmall(size: Int)
        /// The header length exceeds `SafeTensorsFile.maximumHeaderSize`.
        case headerTooLarge(length: UInt64)
        /// The header length points past the end of the file.
        case headerExceedsFile(length: UInt64, fileSize: Int)
        /// The header bytes are not valid UTF-8.
        case headerNotUTF8(byteOffset: Int)
        /// The header is not valid JSON.
        case headerNotJSON(detail: String)
        /// The header is JSON, but not an object.
        case headerNotObject(found: String)
        /// `__metadata__` is not an object of strings.
        case invalidMetadata(key: String?, found: String)
        /// A tensor entry is not an object with `dtype`, `shape` and `data_offsets`.
        case malformedTensorEntry(tensor: String, detail: String)
        /// The dtype is not one of the format's names.
        case unknownDType(tensor: String, dtype: String)
        /// A shape dimension is not a non-negative integer.
        case invalidShape(tensor: String, detail: String)
        /// The element count times the dtype size does not fit in a 64-bit integer.
        case sizeOverflow(tensor: String, shape: [Int], dtype: DType)
        /// `data_offsets` is not a pair of integers `[begin, end]` with `begin <= end`.
        case invalidOffsets(tensor: String, detail: String)
        /// The byte span of `data_offsets` differs from the element count times the dtype size.
        case sizeMismatch(tensor: String, expectedBytes: Int, offsets: [Int])
        /// Two entries share a name.
        case duplicateTensorName(tensor: String)
        /// The first tensor's data does not start at offset 0 of the data section.
        case dataNotAtStart(tensor: String, begin: Int)
        /// Bytes between two tensors belong to neither.
        case gapBetweenTensors(previous: String, previousEnd: Int, tensor: String, begin: Int)
        /// Two tensors claim the same bytes.
        case overlappingTensors(previous: String, previousEnd: Int, tensor: String, begin: Int)
        /// The tensors do not cover the data section exactly to the end of the file.
        case dataSizeMismatch(tensorsEnd: Int, dataSize: Int, lastTensor: String?)
    }

    public var file: String
    public var kind: Kind

    public init(file: String, kind: Kind) {
        self.file = file
        self.kind = kind
    }

    /// The tensor the error is about, if any.
    public var tensor: String? {
        switch kind {
        case .malformedTensorEntry(let tensor, _), .unknownDType(let tensor, _), .invalidShape(let tensor, _),
             .sizeOverflow(let tensor, _, _), .invalidOffsets(let tensor, _), .sizeMismatch(let tensor, _, _),
             .duplicateTensorName(let tensor), .dataNotAtStart(let tensor, _),
             .gapBetweenTensors(_, _, let tensor, _), .overlappingTensors(_, _, let tensor, _):
            return tensor
        case .dataSizeMismatch(_, _, let lastTensor):
            return lastTensor
        default:
            return nil
        }
    }

    public var description: String {
        "\(file): invalid safetensors file: \(detail)"
    }

    private var detail: String {
        switch kind {
        case .fileTooSmall(let size):
            return "the file has \(size) bytes, fewer than the 8-byte header length prefix"
        case .headerTooLarge(let length):
            return "the header length is \(length) bytes, over the limit of \(SafeTensorsFile.maximumHeaderSize) bytes"
        case .headerExceedsFile(let length, let fileSize):
            return "the header length is \(length) bytes, but the file has only \(fileSize) bytes"
        case .headerNotUTF8(let offset):
            return "the header is not valid UTF-8 (at byte \(offset) of the header)"
        case .headerNotJSON(let detail):
            return "the header is not valid JSON: \(detail)"
        case .headerNotObject(let found):
            return "the header is \(found), not a JSON object"
        case .invalidMetadata(let key, let found):
            if let key { return "__metadata__ value for \"\(key)\" is \(found), not a string" }
            return "__metadata__ is \(found), not an object of strings"
        case .malformedTensorEntry(let tensor, let detail):
            return "tensor \"\(tensor)\": \(detail)"
        case .unknownDType(let tensor, let dtype):
            let known = DType.allCases.map(\.rawValue).joined(separator: ", ")
            return "tensor \"\(tensor)\" has unknown dtype \"\(dtype)\" (known: \(known))"
        case .invalidShape(let tensor, let detail):
            return "tensor \"\(tensor)\" has an invalid shape: \(detail)"
        case .sizeOverflow(let tensor, let shape, let dtype):
            return "tensor \"\(tensor)\" with shape \(shape) and dtype \(dtype.rawValue) has a byte size that overflows 64 bits"
        case .invalidOffsets(let tensor, let detail):
            return "tensor \"\(tensor)\" has invalid data_offsets: \(detail)"
        case .sizeMismatch(let tensor, let expected, let offsets):
            let span = offsets.count == 2 ? offsets[1] - offsets[0] : 0
            return "tensor \"\(tensor)\" needs \(expected) bytes for its shape and dtype, but data_offsets \(offsets) span \(span) bytes"
        case .duplicateTensorName(let tensor):
            return "tensor name \"\(tensor)\" appears more than once"
        case .dataNotAtStart(let tensor, let begin):
            return "the first tensor's data (\"\(tensor)\") starts at offset \(begin), not 0"
        case .gapBetweenTensors(let previous, let previousEnd, let tensor, let begin):
            return "\(begin - previousEnd) unused bytes between tensor \"\(previous)\" (ends at \(previousEnd)) and tensor \"\(tensor)\" (begins at \(begin))"
        case .overlappingTensors(let previous, let previousEnd, let tensor, let begin):
            return "tensor \"\(tensor)\" begins at \(begin), inside tensor \"\(previous)\" (ends at \(previousEnd))"
        case .dataSizeMismatch(let tensorsEnd, let dataSize, let lastTensor):
            let last = lastTensor.map { " (the last is \"\($0)\")" } ?? ""
            if tensorsEnd < dataSize {
                return "the tensors end at data offset \(tensorsEnd)\(last), but the data section has \(dataSize) bytes: \(dataSize - tensorsEnd) trailing bytes"
            }
            return "the tensors need \(tensorsEnd) bytes of data\(last), but the data section has only \(dataSize) bytes (truncated file?)"
        }
    }
}
