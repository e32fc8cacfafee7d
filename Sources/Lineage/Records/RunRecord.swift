import Foundation

/// The way a run ended.
public enum RunOutcome: String, Sendable, CaseIterable {
    /// The run has not ended (or its process died and no later run noticed yet).
    case running
    case succeeded
    case failed
    /// The process was stopped, or died and a later run found it gone.
    case interrupted
}

/// One invocation of a pedigree command that builds (a row of `runs`).
public struct RunRecord: Equatable, Sendable {
    public var id: Int64
    public var startedAt: Date
    /// Set once `outcome` is no longer `.running`.
    public var finishedAt: Date?
    public var owner: LeaseOwner
    /// The command line, program name first.
    public var commandLine: [String]
    public var outcome: RunOutcome

    public init(
        id: Int64, startedAt: Date, finishedAt: Date?, owner: LeaseOwner, commandLine: [String],
        outcome: RunOutcome
    ) {
        self.id = id
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.owner = owner
        self.commandLine = commandLine
        self.outcome = outcome
    }
}

/// The kind of thing an event reports.
public enum EventKind: String, Sendable, CaseIterable {
    case started
    case finished
    /// An existing artifact verified and was used instead of building.
    case reused
    case failed
    /// A stale build (its process gone) was discarded.
    case recovered
    case warning
    case info
}

/// One entry of a run's log (a row of `events`).
public struct EventRecord: Equatable, Sendable {
    public var id: Int64
    public var runID: Int64
    /// The merge the event is about; nil for run-wide events.
    public var mergeID: Int64?
    public var time: Date
    public var kind: EventKind
    public var message: String

    public init(id: Int64, runID: Int64, mergeID: Int64?, time: Date, kind: EventKind, message: String) {
        self.id = id
        self.runID = runID
        self.mergeID = mergeID
        self.time = time
        self.kind = kind
        self.message = message
    }
}
