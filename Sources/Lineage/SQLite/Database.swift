import CSQLite

/// A connection to one SQLite database file, with foreign keys on and a busy timeout.
///
/// A connection must stay on one thread at a time: the class is not `Sendable`, so Swift's
/// concurrency checking keeps it in one isolation domain. Use one connection per thread or
/// process; SQLite's file locks coordinate them, and the busy timeout makes a connection
/// wait for another's write lock instead of failing at once.
public final class Database {
    /// The `sqlite3` connection handle, closed in `deinit`.
    let connection: OpaquePointer
    /// The path the connection was opened with.
    public let path: String
    /// Prepared statements by SQL text. Callers pass a fixed set of SQL strings, so the
    /// cache stays small.
    private var statements: [String: Statement] = [:]

    /// Opens (creating if needed) the database file at `path`.
    ///
    /// - Parameter busyTimeoutMilliseconds: how long a statement waits for another
    ///   connection's lock before failing with `SQLITE_BUSY`.
    /// - Throws: `DatabaseError` when the file cannot be opened.
    public init(path: String, busyTimeoutMilliseconds: Int32 = 10_000) throws {
        var connection: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(connection)
            throw DatabaseError(code: code, message: "cannot open \(path): \(message)")
        }
        self.connection = connection
        self.path = path
        sqlite3_extended_result_codes(connection, 1)
        sqlite3_busy_timeout(connection, busyTimeoutMilliseconds)
        try execute("PRAGMA foreign_keys = ON")
    }

    deinit {
        statements.removeAll()
        // close_v2 defers the close until any statement still referenced elsewhere is
        // finalized, so the order of deinitialization does not matter.
        sqlite3_close_v2(connection)
    }

    /// Runs `sql` to completion with `arguments` bound to `?1...?N`, ignoring result rows.
    public func execute(_ sql: String, _ arguments: [any SQLiteValueConvertible] = []) throws {
        try withStatement(sql, arguments) { statement in
            while try statement.step() {}
        }
    }

    /// Runs every statement in `script`, which takes no arguments (for migrations and
    /// pragmas). Result rows are ignored.
    public func executeScript(_ script: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(connection, script, nil, nil, &message)
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(connection))
            sqlite3_free(message)
            throw DatabaseError(code: sqlite3_extended_errcode(connection), message: text, sql: script)
        }
    }

    /// Runs `sql` and maps every result row with `read`.
    public func query<T>(
        _ sql: String, _ arguments: [any SQLiteValueConvertible] = [], _ read: (Row) throws -> T
    ) throws -> [T] {
        try withStatement(sql, arguments) { statement in
            var results: [T] = []
            while try statement.step() {
                results.append(try read(Row(statement: statement)))
            }
            return results
        }
    }

    /// Runs `sql` and maps its first result row with `read`; nil when there is no row.
    public func queryFirst<T>(
        _ sql: String, _ arguments: [any SQLiteValueConvertible] = [], _ read: (Row) throws -> T
    ) throws -> T? {
        try withStatement(sql, arguments) { statement in
            try statement.step() ? try read(Row(statement: statement)) : nil
        }
    }

    /// Number of rows the last INSERT, UPDATE or DELETE changed.
    public var changes: Int { Int(sqlite3_changes64(connection)) }

    /// Row id of the last successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(connection) }

    /// True while a transaction is open on this connection.
    public var isInTransaction: Bool { sqlite3_get_autocommit(connection) == 0 }

    /// Runs `body` with the cached prepared statement for `sql`, bound to `arguments`, and
    /// resets it afterwards. A statement already being stepped by an enclosing call is not
    /// reused: a nested call with the same SQL gets a fresh, uncached statement.
    private func withStatement<T>(
        _ sql: String, _ arguments: [any SQLiteValueConvertible], _ body: (Statement) throws -> T
    ) throws -> T {
        let statement: Statement
        if let cached = statements[sql], !cached.isInUse {
            statement = cached
        } else if statements[sql] == nil {
            statement = try Statement(sql: sql, connection: connection)
            statements[sql] = statement
        } else {
            statement = try Statement(sql: sql, connection: connection)
        }

        statement.isInUse = true
        defer {
            statement.reset()
            statement.isInUse = false
        }
        try statement.bind(arguments)
        return try body(statement)
    }
}
