/// Writes a model's tensors as safetensors shards in a directory, with the bytes arriving in
/// any order and from any number of threads.
///
/// `init` plans the shards (`ShardLayout`) and creates each one under a temporary name with
/// its final header and size. `write` fills tensor ranges with pwrite. `finish` checks that
/// every byte was written, fsyncs the shards, renames them into place, writes
/// `model.safetensors.index.json` when there are several, and fsyncs the directory. Until
/// `finish` returns, no file has its final name. Files already carrying a final name are
/// replaced; other files in the directory are left alone.
///
/// `write` may run on many threads at once for disjoint ranges. `finish` and `abandon` must
/// not overlap any `write` (join the writing threads first).
public final class ShardedWeightsWriter: @unchecked Sendable {
    // @unchecked: the shard files and tensor table are fixed after init; the byte counts and
    // the state are guarded by `lock`.
    public let directory: String
    public let layout: ShardLayout

    private let files: [PartialFile]
    /// File offset of each shard's data section: 8 plus its header length.
    private let dataStarts: [Int]
    private let lock = Lock()
    private var bytesWritten: [Int]
    private var isOpen = true

    /// Creates the shard files for `tensors` (in this order) in `directory`, which must exist.
    /// Throws `SafeTensorsWriterError` for duplicate or reserved names and `SystemCallError`
    /// when a file cannot be created; files created before the failure are removed.
    public init(directory: String, tensors: [TensorSpec], maximumShardBytes: Int = 5_000_000_000) throws {
        try HeaderEncoding.checkNames(of: tensors, destination: directory)
        self.directory = directory
        self.layout = ShardLayout.plan(tensors: tensors, maximumShardBytes: maximumShardBytes)
        self.bytesWritten = Array(repeating: 0, count: tensors.count)

        var files: [PartialFile] = []
        var dataStarts: [Int] = []
        do {
            for shard in layout.shards {
                let prefix = HeaderEncoding.prefix(for: shard.tensors)
                let file = try PartialFile(directory: directory, fileName: shard.fileName, size: prefix.count + shard.dataSize)
                files.append(file)
                dataStarts.append(prefix.count)
                try prefix.withUnsafeBytes { bytes in try file.write(bytes, at: 0) }
            }
        } catch {
            files.forEach { $0.remove() }
            throw error
        }
        self.files = files
        self.dataStarts = dataStarts
    }

    deinit {
        if isOpen { files.forEach { $0.remove() } }
    }

    /// Writes `bytes` at `byteOffset` within the data of the tensor at `tensorIndex` (an index
    /// into the `tensors` given to `init`). Throws `SafeTensorsWriterError` for an index or
    /// range outside the tensor and `SystemCallError` (with the file's path) when the write
    /// fails, for example with ENOSPC.
    public func write(_ bytes: UnsafeRawBufferPointer, tensorIndex: Int, byteOffset: Int) throws {
        guard lock.withLock({ isOpen }) else {
            throw SafeTensorsWriterError(destination: directory, kind: .writerClosed)
        }
        guard layout.locations.indices.contains(tensorIndex) else {
            throw SafeTensorsWriterError(
                destination: directory, kind: .tensorIndexOutOfRange(index: tensorIndex, tensorCount: layout.locations.count))
        }
        let location = layout.locations[tensorIndex]
        let placement = layout.shards[location.shard].tensors[location.position]
        let tensorBytes = placement.dataOffsets.count
        guard byteOffset >= 0, bytes.count <= tensorBytes, byteOffset <= tensorBytes - bytes.count else {
            throw SafeTensorsWriterError(
                destination: directory,
                kind: .writeOutOfBounds(
                    tensor: placement.tensor.name, byteOffset: byteOffset, count: bytes.count, tensorBytes: tensorBytes))
        }
        guard !bytes.isEmpty else { return }

        let fileOffset = dataStarts[location.shard] + placement.dataOffsets.lowerBound + byteOffset
        try files[location.shard].write(bytes, at: fileOffset)
        lock.withLock { bytesWritten[tensorIndex] += bytes.count }
    }

    /// Makes the shards durable under their final names and writes the index when there are
    /// several shards. Returns the file names written, shards in order, then the index.
    /// Throws `SafeTensorsWriterError.incompleteTensor` when the bytes written to a tensor do
    /// not add up to its size (so a range written twice can hide a range never written).
    public func finish() throws -> [String] {
        try lock.withLock {
            guard isOpen else { throw SafeTensorsWriterError(destination: directory, kind: .writerClosed) }
            for (index, location) in layout.locations.enumerated() {
                let placement = layout.shards[location.shard].tensors[location.position]
                guard bytesWritten[index] == placement.dataOffsets.count else {
                    throw SafeTensorsWriterError(
                        destination: files[location.shard].temporaryPath,
                        kind: .incompleteTensor(
                            tensor: placement.tensor.name, bytesWritten: bytesWritten[index], expected: placement.dataOffsets.count))
                }
            }
            isOpen = false
        }

        do {
            for file in files { try file.commit() }
            var names = layout.shards.map(\.fileName)
            if layout.shards.count > 1 {
                try writeIndex()
                names.append(ShardLayout.indexFileName)
            }
            try PartialFile.syncDirectory(directory)
            return names
        } catch {
            files.forEach { $0.remove() }
            throw error
        }
    }

    /// Closes and deletes the temporary files. Does nothing after `finish` succeeded.
    public func abandon() {
        let wasOpen = lock.withLock {
            defer { isOpen = false }
            return isOpen
        }
        if wasOpen { files.forEach { $0.remove() } }
    }

    private func writeIndex() throws {
        let bytes = Array(ShardedWeightsWriter.indexJSON(for: layout).utf8)
        let file = try PartialFile(directory: directory, fileName: ShardLayout.indexFileName, size: bytes.count)
        do {
            try bytes.withUnsafeBytes { buffer in try file.write(buffer, at: 0) }
            try file.commit()
        } catch {
            file.remove()
            throw error
        }
    }

    /// Renders the index as Hugging Face writes it: `metadata.total_size` (tensor data bytes)
    /// and `weight_map` from each tensor name to its shard, with keys sorted, a 2-space
    /// indent and a final newline.
    static func indexJSON(for layout: ShardLayout) -> String {
        var weightMap = JSONObject()
        for shard in layout.shards {
            for placement in shard.tensors {
                weightMap.members.append(JSONObject.Member(key: placement.tensor.name, value: .string(shard.fileName)))
            }
        }
        let index = JSONValue.object(JSONObject([
            "metadata": .object(JSONObject(["total_size": .integer(layout.totalSize)])),
            "weight_map": .object(weightMap),
        ]))
        return index.prettyPrinted(indent: 2, sortedKeys: true) + "\n"
    }
}
