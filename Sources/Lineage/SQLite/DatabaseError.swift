import CSQLite

/// A failed SQLite call: the result code, SQLite's message, and the statement it ran.
public struct DatabaseError: Error, Equatable, CustomStringConvertible {
    /// The extended result code, for example 275 (`SQLITE_CONSTRAINT_CHECK`).
    public let code: Int32
    /// SQLite's error message for the failure.
    public let message: String
    /// The SQL text that failed, or nil when the failure was not tied to a statement.
    public let sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The primary result code (the low byte of `code`), for example 19 (`SQLITE_CONSTRAINT`).
    public var primaryCode: Int32 { code & 0xFF }

    public var description: String {
        let codeName = String(cString: sqlite3_errstr(code))
        var text = "SQLite error \(code) (\(codeName)): \(message)"
        if let sql {
            text += " in `\(sql)`"
        }
        return text
    }

    /// Returns the error SQLite last recorded on `connection`.
    static func last(on connection: OpaquePointer, sql: String?) -> DatabaseError {
        DatabaseError(
            code: sqlite3_extended_errcode(connection),
            message: String(cString: sqlite3_errmsg(connection)),
            sql: sql
        )
    }
}
