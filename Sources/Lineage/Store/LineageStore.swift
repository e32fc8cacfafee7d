import CSQLite
import Foundation

/// The lineage database: models, merges and their inputs, artifacts, statistics, runs,
/// events and build leases, in one SQLite file.
///
/// A store owns one connection and is not `Sendable`: use it from one thread at a time,
/// and open one store per thread or process. SQLite's locks (with WAL and a busy timeout)
/// let several stores share the file. Every method that writes is atomic: it runs one
/// statement, or several in one `BEGIN IMMEDIATE` transaction (a savepoint when the caller
/// already opened a transaction with `database.transaction`).
public final class LineageStore {
    /// The connection, for transactions that span several store calls.
    public let database: Database
    /// The source of timestamps written to the database.
    let clock: () -> Date

    /// Opens the lineage database at `path`, creating the file and its parent folder when
    /// missing, and brings its schema up to date.
    ///
    /// - Parameter clock: the current time; tests pass a fixed clock.
    /// - Throws: `LineageError` when the file is not a Pedigree database, was written by a
    ///   newer Pedigree, or cannot use WAL; `DatabaseError` for other SQLite failures.
    public init(path: String, clock: @escaping () -> Date = Date.init) throws {
        self.database = try Self.openDatabase(path: path)
        self.clock = clock
    }

    /// Opens and migrates the database at `path`; shared with `FileHashCacheStore`.
    static func openDatabase(path: String) throws -> Database {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

        let database = try Database(path: path)
        let migrator = Migrator()
        do {
            try migrator.validate(database)
        } catch let error as DatabaseError where error.primaryCode == SQLITE_NOTADB {
            throw LineageError.notSQLiteDatabase(path: path, message: error.message)
        }

        let journalMode = try database.enableWriteAheadLog()
        guard journalMode == "wal" else {
            throw LineageError.writeAheadLogUnavailable(path: path, journalMode: journalMode)
        }
        try migrator.migrate(database)
        return database
    }

    /// The current time in database units (Unix milliseconds).
    var nowMilliseconds: Int64 { clock().unixMilliseconds }
}

extension Date {
    /// Unix time in whole milliseconds, rounded to nearest, as the database stores times.
    var unixMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    init(unixMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(unixMilliseconds) / 1000)
    }
}

extension Row {
    /// Reads a TEXT column as a `RawRepresentable` enumeration, throwing on an unknown value.
    func enumeration<T: RawRepresentable>(_ column: Int, as type: T.Type) throws -> T where T.RawValue == String {
        let text = try text(column)
        guard let value = T(rawValue: text) else {
            throw DatabaseError(
                code: SQLITE_MISMATCH,
                message: "column \(column) contains '\(text)', which is not a valid \(T.self)",
                sql: statement.sql
            )
        }
        return value
    }

    func date(_ column: Int) throws -> Date {
        Date(unixMilliseconds: try int64(column))
    }

    func optionalDate(_ column: Int) throws -> Date? {
        try optionalInt64(column).map(Date.init(unixMilliseconds:))
    }
}
