import CSQLite
import Foundation

extension LineageStore {
    /// Records the start of a run by `owner` with `commandLine` (program name first).
    public func beginRun(commandLine: [String], owner: LeaseOwner = .current) throws -> RunRecord {
        let json = try Self.encodeCommandLine(commandLine)
        return try database.transaction {
            try database.execute(
                "INSERT INTO runs (started_at_ms, pid, host, command_line_json) VALUES (?, ?, ?, ?)",
                [nowMilliseconds, owner.pid, owner.host, json]
            )
            return try requireRun(id: database.lastInsertRowID)
        }
    }

    /// Records the end of run `runID` with `outcome`, which must not be `.running`.
    ///
    /// - Throws: `DatabaseError` when `outcome` is `.running` (a CHECK constraint fails) or
    ///   the run does not exist (`SQLITE_NOTFOUND`).
    @discardableResult
    public func finishRun(id runID: Int64, outcome: RunOutcome) throws -> RunRecord {
        try database.transaction {
            try database.execute(
                "UPDATE runs SET outcome = ?, finished_at_ms = ? WHERE id = ?",
                [outcome.rawValue, nowMilliseconds, runID]
            )
            return try requireRun(id: runID)
        }
    }

    /// Marks as interrupted every run still `.running` whose process on `host` is gone, with
    /// the current time as its end, and returns those runs as they are now. Runs of other
    /// hosts are left alone, because their process ids cannot be checked from here.
    @discardableResult
    public func markInterruptedRuns(
        host: String = LeaseOwner.current.host,
        isProcessAlive: (Int32) -> Bool = LeaseOwner.isProcessAlive
    ) throws -> [RunRecord] {
        try database.transaction {
            let abandoned = try database.query(
                "\(Self.runColumns) WHERE outcome = 'running' AND host = ? ORDER BY id", [host], Self.readRun
            ).filter { !isProcessAlive($0.owner.pid) }

            return try abandoned.map { run in
                try finishRun(id: run.id, outcome: .interrupted)
            }
        }
    }

    /// Returns the run that started last, or nil when there was none.
    public func lastRun() throws -> RunRecord? {
        try database.queryFirst("\(Self.runColumns) ORDER BY started_at_ms DESC, id DESC LIMIT 1", [], Self.readRun)
    }

    /// Returns the run with row id `id`, or nil.
    public func run(id: Int64) throws -> RunRecord? {
        try database.queryFirst("\(Self.runColumns) WHERE id = ?", [id], Self.readRun)
    }

    /// Appends an event to run `runID`'s log, about merge `mergeID` or the whole run.
    @discardableResult
    public func recordEvent(runID: Int64, mergeID: Int64? = nil, kind: EventKind, message: String) throws -> EventRecord {
        let time = nowMilliseconds
        try database.execute(
            "INSERT INTO events (run_id, merge_id, time_ms, kind, message) VALUES (?, ?, ?, ?, ?)",
            [runID, mergeID, time, kind.rawValue, message]
        )
        return EventRecord(
            id: database.lastInsertRowID, runID: runID, mergeID: mergeID,
            time: Date(unixMilliseconds: time), kind: kind, message: message
        )
    }

    /// Returns the events of run `runID` in the order they were recorded.
    public func events(runID: Int64) throws -> [EventRecord] {
        try database.query(
            "SELECT id, run_id, merge_id, time_ms, kind, message FROM events WHERE run_id = ? ORDER BY id",
            [runID]
        ) { row in
            EventRecord(
                id: try row.int64(0),
                runID: try row.int64(1),
                mergeID: try row.optionalInt64(2),
                time: try row.date(3),
                kind: try row.enumeration(4, as: EventKind.self),
                message: try row.text(5)
            )
        }
    }

    private func requireRun(id: Int64) throws -> RunRecord {
        guard let run = try run(id: id) else {
            throw DatabaseError(code: SQLITE_NOTFOUND, message: "no run with id \(id)")
        }
        return run
    }

    private static let runColumns = """
        SELECT id, started_at_ms, finished_at_ms, pid, host, command_line_json, outcome FROM runs
        """

    private static func readRun(_ row: Row) throws -> RunRecord {
        RunRecord(
            id: try row.int64(0),
            startedAt: try row.date(1),
            finishedAt: try row.optionalDate(2),
            owner: LeaseOwner(pid: Int32(truncatingIfNeeded: try row.int64(3)), host: try row.text(4)),
            commandLine: try decodeCommandLine(try row.text(5)),
            outcome: try row.enumeration(6, as: RunOutcome.self)
        )
    }

    private static func encodeCommandLine(_ arguments: [String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: try encoder.encode(arguments), as: UTF8.self)
    }

    private static func decodeCommandLine(_ json: String) throws -> [String] {
        try JSONDecoder().decode([String].self, from: Data(json.utf8))
    }
}
