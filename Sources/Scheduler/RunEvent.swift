import Merging

/// A report from a run in progress. The CLI renders events as log lines or progress bars.
public enum RunEvent: Sendable {
    /// A merge starts building, with the reasons it was pending.
    case started(merge: String, reasons: [PendingReason])
    case progress(merge: String, MergeProgress)
    case warning(merge: String?, message: String)
    case finished(merge: String, contentHash: String, seconds: Double, path: String)
    /// An up-to-date output was used instead of building.
    case reused(merge: String, contentHash: String, path: String)
    case failed(merge: String, error: String)
    /// The merge was not built because an input could not be had.
    case skipped(merge: String, reason: String)
    /// Another process is building the merge; this run waits for it.
    case waiting(merge: String, owner: String)
    /// A stale build of a process that is gone was discarded.
    case recovered(merge: String, detail: String)
}

/// The outcome of `Runner.run`.
public struct RunSummary: Sendable {
    public var built: [String] = []
    public var reused: [String] = []
    public var failed: [String] = []
    public var skipped: [String] = []

    public var succeeded: Bool { failed.isEmpty && skipped.isEmpty }
}

/// Options of `pedigree run`.
public struct RunOptions: Sendable {
    /// Merges built side by side; the memory budget and threads are shared among them.
    public var jobs = 1
    public var threads: Int
    public var memoryBudget = MergeOptions.defaultMemoryBudget
    /// The folder for readable links `NAME -> artifact`; nil makes none.
    public var outDirectory: String?
    public var maximumShardBytes = 5_000_000_000
    /// Seconds after which a lease whose holder stopped renewing it may be taken over.
    public var leaseTimeout: Double = 120
    public var engineVersion: String
    /// Renders the model card (`README.md`) of a merge that was just recorded, given its name
    /// and the database path; nil writes no card. The card is derived from the database, so it
    /// is not part of the recorded artifact files and `pedigree card` can write it again.
    public var modelCard: (@Sendable (_ merge: String, _ databasePath: String) throws -> String)?

    public init(threads: Int, engineVersion: String) {
        self.threads = threads
        self.engineVersion = engineVersion
    }
}
