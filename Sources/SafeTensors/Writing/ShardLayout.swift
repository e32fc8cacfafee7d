/// A split of tensors into shard files, each at most a given number of data bytes where
/// possible, with the tensors kept in the given order.
public struct ShardLayout: Sendable, Equatable {
    /// The file name of a model stored in one file.
    public static let singleFileName = "model.safetensors"
    /// The file that maps each tensor name to its shard when there are several.
    public static let indexFileName = "model.safetensors.index.json"

    /// A tensor and its byte range in its shard's data section.
    public struct Placement: Sendable, Equatable {
        public var tensor: TensorSpec
        public var dataOffsets: Range<Int>
    }

    /// One shard file.
    public struct Shard: Sendable, Equatable {
        public var fileName: String
        /// Tensors in data-offset order.
        public var tensors: [Placement]
        /// Bytes in the data section: the sum of the tensors' bytes.
        public var dataSize: Int
    }

    /// A tensor's place: the index of its shard and its position in that shard.
    public struct Location: Sendable, Equatable {
        public var shard: Int
        public var position: Int
    }

    public var shards: [Shard]
    /// The location of each tensor, indexed like the `tensors` passed to `plan`.
    public var locations: [Location]

    /// Sum of all tensors' bytes (the `total_size` of the index, as Hugging Face counts it:
    /// data only, no headers).
    public var totalSize: Int { shards.reduce(0) { $0 + $1.dataSize } }

    /// Splits `tensors` in their order. A new shard starts when the current one has a tensor
    /// and the next tensor would take it past `maximumShardBytes`, so a tensor larger than the
    /// limit gets a shard of its own. No tensors give one empty shard.
    public static func plan(tensors: [TensorSpec], maximumShardBytes: Int) -> ShardLayout {
        var groups: [[Placement]] = [[]]
        var groupSize = 0
        var locations: [Location] = []
        for tensor in tensors {
            let size = tensor.byteCount
            if !groups[groups.count - 1].isEmpty && groupSize + size > maximumShardBytes {
                groups.append([])
                groupSize = 0
            }
            locations.append(Location(shard: groups.count - 1, position: groups[groups.count - 1].count))
            groups[groups.count - 1].append(Placement(tensor: tensor, dataOffsets: groupSize..<(groupSize + size)))
            groupSize += size
        }

        let shards = groups.enumerated().map { number, placements in
            Shard(
                fileName: groups.count == 1 ? singleFileName : shardFileName(number: number + 1, of: groups.count),
                tensors: placements,
                dataSize: placements.last?.dataOffsets.upperBound ?? 0
            )
        }
        return ShardLayout(shards: shards, locations: locations)
    }

    /// Hugging Face's shard name: `model-00002-of-00003.safetensors`, numbers from 1 and
    /// padded to five digits.
    public static func shardFileName(number: Int, of count: Int) -> String {
        "model-\(padded(number))-of-\(padded(count)).safetensors"
    }

    private static func padded(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }
}
