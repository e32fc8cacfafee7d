import CSQLite

/// The `SQLITE_TRANSIENT` destructor: SQLite copies bound text and blobs before the call
/// returns. The C macro is a cast of -1 that Swift does not import.
private let transientDestructor = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement. `Database` owns and caches these; a statement is finalized when
/// the last reference to it goes away.
final class Statement {
    let handle: OpaquePointer
    let sql: String
    private let connection: OpaquePointer
    /// True while a caller is stepping the statement, so a nested use of the same SQL text
    /// prepares a fresh statement instead of resetting this one.
    var isInUse = false

    init(sql: String, connection: OpaquePointer) throws {
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard code == SQLITE_OK, let handle else {
            throw DatabaseError.last(on: connection, sql: sql)
        }
        self.handle = handle
        self.sql = sql
        self.connection = connection
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `arguments` to the parameters `?1...?N`; the count must match exactly.
    func bind(_ arguments: [any SQLiteValueConvertible]) throws {
        let parameterCount = Int(sqlite3_bind_parameter_count(handle))
        guard arguments.count == parameterCount else {
            throw DatabaseError(
                code: SQLITE_RANGE,
                message: "statement has \(parameterCount) parameters but \(arguments.count) arguments were given",
                sql: sql
            )
        }
        for (offset, argument) in arguments.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch argument.sqliteValue {
            case .null:
                code = sqlite3_bind_null(handle, index)
            case .integer(let value):
                code = sqlite3_bind_int64(handle, index, value)
            case .real(let value):
                code = sqlite3_bind_double(handle, index, value)
            case .text(let value):
                code = sqlite3_bind_text(handle, index, value, -1, transientDestructor)
            case .blob(let bytes) where bytes.isEmpty:
                code = sqlite3_bind_zeroblob(handle, index, 0)
            case .blob(let bytes):
                code = bytes.withUnsafeBytes { buffer in
                    sqlite3_bind_blob64(handle, index, buffer.baseAddress, sqlite3_uint64(buffer.count), transientDestructor)
                }
            }
            guard code == SQLITE_OK else {
                throw DatabaseError.last(on: connection, sql: sql)
            }
        }
    }

    /// Advances to the next row. Returns true when a row is available, false when done.
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW:
            return true
        case SQLITE_DONE:
            return false
        default:
            throw DatabaseError.last(on: connection, sql: sql)
        }
    }

    /// Resets the statement and clears its bindings so it can be reused.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }
}
