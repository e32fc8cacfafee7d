/// The deterministic header Pedigree writes: `__metadata__` `{"format":"pt"}` first, then
/// each tensor in data-offset order as `"NAME":{"dtype":..,"shape":[..],"data_offsets":[b,e]}`,
/// compact JSON padded with spaces to a multiple of 8 bytes so the data section is aligned.
enum HeaderEncoding {
    /// The metadata every written file carries (`format: pt`, as PyTorch-saved files do).
    static let metadata = JSONObject(["format": .string("pt")])

    /// Encodes the bytes before a file's data section: the 8-byte little-endian header
    /// length, then the padded header.
    static func prefix(for tensors: [ShardLayout.Placement]) -> [UInt8] {
        var root = JSONObject(["__metadata__": .object(metadata)])
        for placement in tensors {
            let entry = JSONObject([
                "dtype": .string(placement.tensor.dtype.rawValue),
                "shape": .array(placement.tensor.shape.map(JSONValue.integer)),
                "data_offsets": .array([
                    .integer(placement.dataOffsets.lowerBound), .integer(placement.dataOffsets.upperBound),
                ]),
            ])
            root.members.append(JSONObject.Member(key: placement.tensor.name, value: .object(entry)))
        }

        var header = Array(JSONValue.object(root).serialized().utf8)
        let padding = (8 - header.count % 8) % 8
        header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: padding))

        var bytes = withUnsafeBytes(of: UInt64(header.count).littleEndian) { Array($0) }
        bytes.append(contentsOf: header)
        return bytes
    }

    /// Throws unless the names can share one header: no name twice (compared as Swift strings,
    /// the way readers look names up) and none equal to `__metadata__`.
    static func checkNames(of tensors: [TensorSpec], destination: String) throws(SafeTensorsWriterError) {
        var seen = Set<String>()
        for tensor in tensors {
            if tensor.name == "__metadata__" {
                throw SafeTensorsWriterError(destination: destination, kind: .reservedTensorName(tensor.name))
            }
            guard seen.insert(tensor.name).inserted else {
                throw SafeTensorsWriterError(destination: destination, kind: .duplicateTensorName(tensor.name))
            }
        }
    }
}
