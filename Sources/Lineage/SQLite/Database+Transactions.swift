import CSQLite
import Foundation

/// The point at which a transaction takes SQLite's write lock.
public enum TransactionKind: String, Sendable {
    /// Takes the write lock at `BEGIN`, waiting up to the busy timeout. Use it for every
    /// transaction that writes: in WAL mode a deferred transaction that later writes fails
    /// with `SQLITE_BUSY` at once when another connection wrote in between.
    case immediate = "IMMEDIATE"
    /// Takes locks when first needed; for read-only transactions.
    case deferred = "DEFERRED"
}

extension Database {
    /// Runs `body` in a transaction and commits it, or rolls back when `body` throws.
    ///
    /// Inside an open transaction this becomes a savepoint, so store methods that use
    /// transactions compose: the outer transaction decides whether everything commits.
    public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        if isInTransaction {
            return try savepoint(body)
        }

        try execute("BEGIN \(kind.rawValue)")
        let result: T
        do {
            result = try body()
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
        do {
            try execute("COMMIT")
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
        return result
    }

    private func savepoint<T>(_ body: () throws -> T) throws -> T {
        try execute("SAVEPOINT nested")
        do {
            let result = try body()
            try execute("RELEASE nested")
            return result
        } catch {
            try? execute("ROLLBACK TO nested")
            try? execute("RELEASE nested")
            throw error
        }
    }

    /// Switches the file to write-ahead logging, which lets readers and one writer work at
    /// the same time. Returns the journal mode SQLite reports afterwards ("wal" on success).
    ///
    /// When two processes open a new file at once, the switch can fail with `SQLITE_BUSY`
    /// without waiting for the busy timeout, so it is retried for up to `timeout` seconds.
    public func enableWriteAheadLog(timeout: TimeInterval = 10) throws -> String {
        if let mode = try queryFirst("PRAGMA journal_mode", [], { try $0.text(0) }), mode.lowercased() == "wal" {
            return mode
        }
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            do {
                return try queryFirst("PRAGMA journal_mode = WAL") { try $0.text(0) } ?? ""
            } catch let error as DatabaseError where error.primaryCode == SQLITE_BUSY && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
    }

    /// Reads an integer pragma such as `user_version` or `application_id`.
    public func integerPragma(_ name: String) throws -> Int64 {
        try queryFirst("PRAGMA \(name)") { try $0.int64(0) } ?? 0
    }
}
