import Foundation
import SafeTensors

/// Runs the chunks of a plan on worker threads. Analysis of a tensor (its first pass) is one
/// work item that walks the chunks in order. When it finishes, the tensor's output chunks go
/// to the front of the queue, so finished analyses turn into output soon.
final class WorkScheduler: @unchecked Sendable {
    // @unchecked: every mutable field is guarded by `condition`.
    enum Item {
        case analyze(entry: Int)
        case write(entry: Int, chunk: Int)
    }

    private let plan: TensorPlan
    private let sink: any TensorSink
    private let threadCount: Int
    private let emit: @Sendable (MergeEvent) -> Void
    private let condition = NSCondition()
    private var queue: [Item] = []
    private var queueHead = 0
    private var running = 0
    private var failure: Error?
    private var chunksLeft: [Int]
    private var tensorsDone = 0
    private var bytesWritten = 0
    private let byteCount: Int

    init(plan: TensorPlan, sink: any TensorSink, threadCount: Int, emit: @escaping @Sendable (MergeEvent) -> Void) {
        self.plan = plan
        self.sink = sink
        self.threadCount = threadCount
        self.emit = emit
        chunksLeft = plan.entries.map { Self.chunkCount($0) }
        byteCount = plan.entries.reduce(0) { $0 + $1.output.byteCount }
        for (index, entry) in plan.entries.enumerated() {
            if case .merge(_, let merger) = entry.action, merger.needsAnalysis {
                queue.append(.analyze(entry: index))
            } else {
                queue.append(contentsOf: (0..<chunksLeft[index]).map { .write(entry: index, chunk: $0) })
            }
        }
    }

    static func chunkCount(_ entry: TensorPlan.Entry) -> Int {
        max(1, (entry.elementCount + entry.chunkLength - 1) / entry.chunkLength)
    }

    func run() throws {
        let chunkLength = plan.entries.map(\.chunkLength).max() ?? 0
        let workers = min(threadCount, max(1, queue.count))
        let done = DispatchGroup()
        for _ in 0..<workers {
            done.enter()
            let thread = Thread { [self] in
                let processor = ChunkProcessor(plan: plan, sink: sink, chunkLength: chunkLength)
                work(processor)
                done.leave()
            }
            thread.stackSize = 1 << 22
            thread.start()
        }
        done.wait()
        if let failure { throw failure }
    }

    private func work(_ processor: ChunkProcessor) {
        while let item = next() {
            do {
                switch item {
                case .analyze(let entry):
                    try processor.analyze(entry: entry, chunkCount: chunksLeft(entry))
                    finishAnalysis(entry)
                case .write(let entry, let chunk):
                    let bytes = try processor.write(entry: entry, chunk: chunk)
                    finishChunk(entry, bytes: bytes)
                }
            } catch {
                fail(error)
            }
        }
    }

    private func chunksLeft(_ entry: Int) -> Int {
        condition.lock()
        defer { condition.unlock() }
        return chunksLeft[entry]
    }

    /// Takes the next item, waiting while others run and may add items. Returns nil when all
    /// is done or a worker failed.
    private func next() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while failure == nil {
            if queueHead < queue.count {
                let item = queue[queueHead]
                queueHead += 1
                running += 1
                return item
            }
            if running == 0 { return nil }
            condition.wait()
        }
        return nil
    }

    private func finishAnalysis(_ entry: Int) {
        condition.lock()
        let writes = (0..<chunksLeft[entry]).map { Item.write(entry: entry, chunk: $0) }
        queue.replaceSubrange(queueHead..<queueHead, with: writes)
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    private func finishChunk(_ entry: Int, bytes: Int) {
        condition.lock()
        chunksLeft[entry] -= 1
        bytesWritten += bytes
        if chunksLeft[entry] == 0 { tensorsDone += 1 }
        running -= 1
        let progress = MergeProgress(tensorsDone: tensorsDone, tensorCount: plan.entries.count, bytesWritten: bytesWritten, byteCount: byteCount)
        condition.broadcast()
        condition.unlock()
        emit(.progress(progress))
    }

    private func fail(_ error: Error) {
        condition.lock()
        if failure == nil { failure = error }
        running -= 1
        condition.broadcast()
        condition.unlock()
    }
}
