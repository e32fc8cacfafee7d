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

    /// Float32 buffers a worker uses per chunk element: the inputs, one task vector per
    /// ingredient, one product row, the output, and the encoded output bytes (at most 8 per
    /// element, so two floats).
    static func floatsPerElement(inputCount: Int) -> Int {
        2 * inputCount + 4
    }

    /// Returns the chunk length that keeps every worker's buffers within the budget.
    func chunkElements(inputCount: Int) -> Int {
        if let chunkElements { return chunkElements }
        let perElement = 4 * Self.floatsPerElement(inputCount: inputCount)
        return max(64, memoryBudget / (threadCount * perElement))
    }
}
