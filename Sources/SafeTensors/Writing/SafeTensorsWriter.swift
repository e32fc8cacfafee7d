/// Writes one safetensors file from tensors already in memory: for tests and small files.
/// Large models go through `ShardedWeightsWriter`, which never needs a whole model in memory.
public enum SafeTensorsWriter {
    /// Writes `tensors` in this order to `path` with Pedigree's deterministic header, through
    /// a temporary file that is fsynced and renamed into place. Throws
    /// `SafeTensorsWriterError` for duplicate or reserved names and byte counts that do not
    /// match a tensor's shape and dtype, and `SystemCallError` for I/O failures.
    public static func write(tensors: [(TensorSpec, [UInt8])], to path: String) throws {
        let specs = tensors.map(\.0)
        try HeaderEncoding.checkNames(of: specs, destination: path)
        for (spec, bytes) in tensors where bytes.count != spec.byteCount {
            throw SafeTensorsWriterError(
                destination: path, kind: .byteCountMismatch(tensor: spec.name, expected: spec.byteCount, actual: bytes.count))
        }

        let layout = ShardLayout.plan(tensors: specs, maximumShardBytes: Int.max)
        let prefix = HeaderEncoding.prefix(for: layout.shards[0].tensors)
        let (directory, fileName) = split(path)
        let file = try PartialFile(directory: directory, fileName: fileName, size: prefix.count + layout.totalSize)
        do {
            try prefix.withUnsafeBytes { bytes in try file.write(bytes, at: 0) }
            for (placement, (_, bytes)) in zip(layout.shards[0].tensors, tensors) {
                try bytes.withUnsafeBytes { buffer in
                    try file.write(buffer, at: prefix.count + placement.dataOffsets.lowerBound)
                }
            }
            try file.commit()
        } catch {
            file.remove()
            throw error
        }
        try PartialFile.syncDirectory(directory)
    }

    /// Splits `path` into its directory (`.` for a bare name) and file name.
    private static func split(_ path: String) -> (directory: String, fileName: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }
}
