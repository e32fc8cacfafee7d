/// Parses and validates a safetensors header, in the order the format defines its rules.
enum HeaderParser {
    struct Header {
        var metadata: [String: String]
        /// Tensors sorted by their data offsets.
        var tensors: [TensorInfo]
    }

    /// Validates the JSON header bytes and the tensor layout against a data section of
    /// `dataSize` bytes.
    static func parse(headerBytes: UnsafeRawBufferPointer, dataSize: Int, file: String) throws(SafeTensorsError) -> Header {
        func fail(_ kind: SafeTensorsError.Kind) -> SafeTensorsError {
            SafeTensorsError(file: file, kind: kind)
        }

        if let offset = firstInvalidUTF8Offset(headerBytes) {
            throw fail(.headerNotUTF8(byteOffset: offset))
        }

        let json: JSONValue
        do {
            json = try JSONParser.parse(headerBytes)
        } catch {
            if case .duplicateKey(let key) = error.reason, error.depth == 1 {
                throw fail(.duplicateTensorName(tensor: key))
            }
            throw fail(.headerNotJSON(detail: error.message))
        }
        guard case .object(let root) = json else { throw fail(.headerNotObject(found: json.kindDescription)) }

        var metadata: [String: String] = [:]
        var tensors: [TensorInfo] = []
        for member in root.members {
            if member.key == "__metadata__" {
                metadata = try parseMetadata(member.value, fail: fail)
            } else {
                tensors.append(try parseTensor(name: member.key, entry: member.value, fail: fail))
            }
        }

        try checkLayout(of: &tensors, dataSize: dataSize, fail: fail)
        return Header(metadata: metadata, tensors: tensors)
    }

    private static func parseMetadata(
        _ value: JSONValue, fail: (SafeTensorsError.Kind) -> SafeTensorsError
    ) throws(SafeTensorsError) -> [String: String] {
        guard case .object(let object) = value else {
            throw fail(.invalidMetadata(key: nil, found: value.kindDescription))
        }
        var metadata: [String: String] = [:]
        for member in object.members {
            guard case .string(let text) = member.value else {
                throw fail(.invalidMetadata(key: member.key, found: member.value.kindDescription))
            }
            metadata[member.key] = text
        }
        return metadata
    }

    private static func parseTensor(
        name: String, entry: JSONValue, fail: (SafeTensorsError.Kind) -> SafeTensorsError
    ) throws(SafeTensorsError) -> TensorInfo {
        guard case .object(let object) = entry else {
            throw fail(.malformedTensorEntry(tensor: name, detail: "the entry is \(entry.kindDescription), not an object"))
        }
        for key in object.keys where !["dtype", "shape", "data_offsets"].contains(key) {
            throw fail(.malformedTensorEntry(tensor: name, detail: "unknown field \"\(key)\""))
        }
        guard let dtypeValue = object["dtype"] else {
            throw fail(.malformedTensorEntry(tensor: name, detail: "missing field \"dtype\""))
        }
        guard let dtypeName = dtypeValue.stringValue else {
            throw fail(.malformedTensorEntry(tensor: name, detail: "\"dtype\" is \(dtypeValue.kindDescription), not a string"))
        }
        guard let dtype = DType(rawValue: dtypeName) else {
            throw fail(.unknownDType(tensor: name, dtype: dtypeName))
        }

        guard let shapeValue = object["shape"] else {
            throw fail(.malformedTensorEntry(tensor: name, detail: "missing field \"shape\""))
        }
        guard let dimensions = shapeValue.arrayValue else {
            throw fail(.invalidShape(tensor: name, detail: "\"shape\" is \(shapeValue.kindDescription), not an array"))
        }
        var shape: [Int] = []
        for (axis, dimension) in dimensions.enumerated() {
            guard case .number(let literal) = dimension, let size = Int(literal), size >= 0 else {
                let shown = dimension.serialized()
                throw fail(.invalidShape(tensor: name, detail: "dimension \(axis) is \(shown), not a non-negative integer"))
            }
            shape.append(size)
        }
        var byteCount = dtype.size
        for size in shape {
            let (product, overflow) = byteCount.multipliedReportingOverflow(by: size)
            guard !overflow else { throw fail(.sizeOverflow(tensor: name, shape: shape, dtype: dtype)) }
            byteCount = product
        }

        guard let offsetsValue = object["data_offsets"] else {
            throw fail(.malformedTensorEntry(tensor: name, detail: "missing field \"data_offsets\""))
        }
        guard let pair = offsetsValue.arrayValue, pair.count == 2 else {
            throw fail(.invalidOffsets(tensor: name, detail: "\(offsetsValue.serialized()) is not a pair [begin, end]"))
        }
        guard let begin = pair[0].intValue, let end = pair[1].intValue, begin >= 0, end >= 0 else {
            throw fail(.invalidOffsets(tensor: name, detail: "\(offsetsValue.serialized()) are not non-negative 64-bit integers"))
        }
        guard begin <= end else {
            throw fail(.invalidOffsets(tensor: name, detail: "begin \(begin) is after end \(end)"))
        }
        guard end - begin == byteCount else {
            throw fail(.sizeMismatch(tensor: name, expectedBytes: byteCount, offsets: [begin, end]))
        }
        return TensorInfo(name: name, dtype: dtype, shape: shape, dataOffsets: begin..<end)
    }

    /// Sorts `tensors` by offset and checks that they tile the data section exactly.
    private static func checkLayout(
        of tensors: inout [TensorInfo], dataSize: Int, fail: (SafeTensorsError.Kind) -> SafeTensorsError
    ) throws(SafeTensorsError) {
        tensors.sort {
            ($0.dataOffsets.lowerBound, $0.dataOffsets.upperBound) < ($1.dataOffsets.lowerBound, $1.dataOffsets.upperBound)
        }
        var end = 0
        var previous: TensorInfo?
        for tensor in tensors {
            let begin = tensor.dataOffsets.lowerBound
            if let previous {
                if begin > end {
                    throw fail(.gapBetweenTensors(previous: previous.name, previousEnd: end, tensor: tensor.name, begin: begin))
                }
                if begin < end {
                    throw fail(.overlappingTensors(previous: previous.name, previousEnd: end, tensor: tensor.name, begin: begin))
                }
            } else if begin != 0 {
                throw fail(.dataNotAtStart(tensor: tensor.name, begin: begin))
            }
            end = tensor.dataOffsets.upperBound
            previous = tensor
        }
        guard end == dataSize else {
            throw fail(.dataSizeMismatch(tensorsEnd: end, dataSize: dataSize, lastTensor: previous?.name))
        }
    }

    /// The offset of the first byte that does not start or continue a valid UTF-8 sequence.
    private static func firstInvalidUTF8Offset(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var scalarStart = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                scalarStart += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return scalarStart
            }
        }
    }
}
