import Foundation

/// The engine's threads and memory. None of these change the output bytes.
public struct MergeOptions: Sendable {
    /// Worker threads; default: every core.
    public var threadCount: Int
    /// Bytes the engine's own buffers may use in total (the page cache of the mapped inputs
    /// is not counted); default 512 MiB.
    public var memoryBudget: Int
    /// Elements per chunk before alignment, overriding the size derived from the budget.
    public var chunkElements: Int?

    public static let defaultMemoryBudget = 512 << 20

    public init(threadCount: Int = ProcessInfo.processInfo.activeProcessorCount, memoryBudget: Int = defaultMemoryBudget, chunkElements: Int? = nil) {
        self.threadCount = max(1, threadCount)
        self.memoryBudget = memoryBudget
        self.chunkElements = chunkElements
    }

    /// Float32 buffers a worker uses per chunk element: the inputs, the output, one task
    /// vector per ingredient and one product row.
    static func floatsPerElement(inputCount: Int) -> Int {
        2 * inputCount + 2
    }

    /// The largest stored element (F64), which sizes a worker's staging buffer.
    static let maximumElementBytes = 8

    /// Chunks of this many elements keep a worker's buffers for a few inputs within a core's
    /// L2 cache (256 KiB per input), so each chunk is decoded and used before it leaves the
    /// cache. Larger chunks only add memory traffic.
    public static let preferredChunkElements = 1 << 16

    /// Returns the chunk length: the preferred one, smaller when every worker's buffers would
    /// not fit in the budget.
    func chunkElements(inputCount: Int) -> Int {
        if let chunkElements { return chunkElements }
        let perElement = 4 * Self.floatsPerElement(inputCount: inputCount) + Self.maximumElementBytes
        return max(64, min(Self.preferredChunkElements, memoryBudget / (threadCount * perElement)))
    }
}
