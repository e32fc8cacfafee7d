import Foundation
import SafeTensors

/// Computes merges: plans a `MergeJob` from headers, then streams every tensor in chunks from
/// the memory-mapped inputs over worker threads into a `TensorSink`.
///
/// Output bytes depend only on the job: sums that span chunks run on one thread in element
/// order, and everything else is elementwise, so thread count and chunk size change nothing.
/// The engine never prints; warnings and progress go to `handler`.
public final class MergeEngine: Sendable {
    public let options: MergeOptions
    private let handler: (@Sendable (MergeEvent) -> Void)?
    private let eventLock = NSLock()

    public init(options: MergeOptions = MergeOptions(), handler: (@Sendable (MergeEvent) -> Void)? = nil) {
        self.options = options
        self.handler = handler
    }

    /// Checks the job and decides every output tensor without reading any tensor data.
    public func plan(_ job: MergeJob) throws -> TensorPlan {
        let method = try MethodRegistry.require(job.method)
        let inputCount = job.ingredients.count + 1
        return try TensorPlan.build(
            job: job, method: method, chunkElements: options.chunkElements(inputCount: inputCount),
            warn: { [weak self] message in self?.emit(.warning(message)) })
    }

    /// Computes every tensor of `plan` and writes it to `sink`; returns the per-tensor
    /// statistics of the methods that record them. Throws the first error any worker met.
    @discardableResult
    public func run(_ plan: TensorPlan, into sink: any TensorSink) throws -> [String: TensorStatistics] {
        let scheduler = WorkScheduler(plan: plan, sink: sink, threadCount: options.threadCount) { [weak self] event in
            self?.emit(event)
        }
        try scheduler.run()
        return plan.statistics()
    }

    /// Sends one event to the handler; events never overlap.
    func emit(_ event: MergeEvent) {
        guard let handler else { return }
        eventLock.lock()
        defer { eventLock.unlock() }
        handler(event)
    }
}
