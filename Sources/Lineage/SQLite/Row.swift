import CSQLite

/// The current result row of a statement, valid only inside the closure it is passed to.
///
/// Readers take a zero-based column index. A non-optional reader throws when the column is
/// NULL, so a database edited by hand cannot crash Pedigree.
public struct Row {
    let statement: Statement

    /// Number of columns in the row.
    public var columnCount: Int { Int(sqlite3_column_count(statement.handle)) }

    /// True when the column is NULL.
    public func isNull(_ column: Int) -> Bool {
        sqlite3_column_type(statement.handle, Int32(column)) == SQLITE_NULL
    }

    public func int64(_ column: Int) throws -> Int64 {
        try requireValue(column, expected: "INTEGER")
        return sqlite3_column_int64(statement.handle, Int32(column))
    }

    public func int(_ column: Int) throws -> Int {
        Int(try int64(column))
    }

    public func bool(_ column: Int) throws -> Bool {
        try int64(column) != 0
    }

    public func double(_ column: Int) throws -> Double {
        try requireValue(column, expected: "REAL")
        return sqlite3_column_double(statement.handle, Int32(column))
    }

    public func text(_ column: Int) throws -> String {
        try requireValue(column, expected: "TEXT")
        guard let characters = sqlite3_column_text(statement.handle, Int32(column)) else {
            return ""
        }
        let count = Int(sqlite3_column_bytes(statement.handle, Int32(column)))
        return String(decoding: UnsafeBufferPointer(start: characters, count: count), as: UTF8.self)
    }

    public func blob(_ column: Int) throws -> [UInt8] {
        try requireValue(column, expected: "BLOB")
        let count = Int(sqlite3_column_bytes(statement.handle, Int32(column)))
        guard count > 0, let bytes = sqlite3_column_blob(statement.handle, Int32(column)) else {
            return []
        }
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    public func optionalInt64(_ column: Int) throws -> Int64? {
        isNull(column) ? nil : try int64(column)
    }

    public func optionalDouble(_ column: Int) throws -> Double? {
        isNull(column) ? nil : try double(column)
    }

    public func optionalText(_ column: Int) throws -> String? {
        isNull(column) ? nil : try text(column)
    }

    private func requireValue(_ column: Int, expected type: String) throws {
        guard column >= 0, column < columnCount else {
            throw DatabaseError(
                code: SQLITE_RANGE,
                message: "column \(column) is out of range; the row has \(columnCount) columns",
                sql: statement.sql
            )
        }
        if isNull(column) {
            let name = sqlite3_column_name(statement.handle, Int32(column)).map { String(cString: $0) } ?? "?"
            throw DatabaseError(
                code: SQLITE_MISMATCH,
                message: "column \(column) (\(name)) is NULL where \(type) was expected",
                sql: statement.sql
            )
        }
    }
}
