/// Brings a database to the latest schema version by applying migrations in order.
///
/// Each migration runs in its own `BEGIN IMMEDIATE` transaction with foreign-key
/// enforcement off, so a future migration can rebuild a table. `PRAGMA foreign_key_check`
/// runs before the commit, and any violation rolls the migration back.
/// `PRAGMA user_version` records the last applied migration.
struct Migrator {
    /// The migrations in version order, versions 1...N.
    let migrations: [Migration]

    init(migrations: [Migration] = Migration.embedded) {
        self.migrations = migrations
    }

    /// Checks that the file at `database` is a Pedigree lineage database (or a new, empty
    /// file) that this build can open. It changes nothing in the file.
    ///
    /// - Throws: `LineageError.notLineageDatabase` for a SQLite file made by another program,
    ///   `LineageError.schemaTooNew` when a newer Pedigree wrote it.
    func validate(_ database: Database) throws {
        // One read transaction, so that another process migrating the new file at the same
        // time cannot be seen half-way (tables present but application_id still 0).
        let (applicationID, version, objectCount) = try database.transaction(.deferred) {
            (try database.integerPragma("application_id"), try database.integerPragma("user_version"),
             try database.queryFirst("SELECT count(*) FROM sqlite_schema") { try $0.int64(0) } ?? 0)
        }

        if applicationID != LineageSchema.applicationID {
            let isEmptyFile = applicationID == 0 && version == 0 && objectCount == 0
            guard isEmptyFile else {
                throw LineageError.notLineageDatabase(path: database.path, applicationID: applicationID)
            }
        }
        if version > migrations.count {
            throw LineageError.schemaTooNew(path: database.path, version: Int(version), supported: migrations.count)
        }
    }

    /// Applies every migration after the database's `user_version`, up to `targetVersion`
    /// (all of them by default). Safe when several processes migrate the same file at
    /// once: the version is read again under the write lock before each migration.
    ///
    /// - Throws: `LineageError.migrationFailed` or `.migrationBrokeForeignKeys`, naming the
    ///   migration. The failed migration leaves the database as it was before it.
    /// - Precondition: `targetVersion` is at most the number of migrations; a larger value
    ///   is a programmer error and traps.
    func migrate(_ database: Database, upTo targetVersion: Int? = nil) throws {
        let target = targetVersion ?? migrations.count
        precondition(target <= migrations.count, "no migration \(target); the latest is \(migrations.count)")

        // foreign_keys cannot change inside a transaction, so it is switched around it.
        try database.execute("PRAGMA foreign_keys = OFF")
        defer { try? database.execute("PRAGMA foreign_keys = ON") }

        while true {
            let isComplete = try database.transaction(.immediate) {
                let version = Int(try database.integerPragma("user_version"))
                if version > migrations.count {
                    throw LineageError.schemaTooNew(path: database.path, version: version, supported: migrations.count)
                }
                guard version < target else {
                    return true
                }
                try apply(migrations[version], to: database)
                return false
            }
            if isComplete {
                return
            }
        }
    }

    private func apply(_ migration: Migration, to database: Database) throws {
        do {
            try database.executeScript(migration.sql)
        } catch let error as DatabaseError {
            throw LineageError.migrationFailed(fileName: migration.fileName, error: error)
        }

        let violations = try database.query("PRAGMA foreign_key_check") { row in
            ForeignKeyViolation(
                table: try row.text(0),
                rowID: try row.optionalInt64(1),
                parentTable: try row.text(2)
            )
        }
        guard violations.isEmpty else {
            throw LineageError.migrationBrokeForeignKeys(fileName: migration.fileName, violations: violations)
        }
        try database.execute("PRAGMA user_version = \(migration.version)")
    }
}

/// A row that `PRAGMA foreign_key_check` reported: it refers to a missing parent row.
public struct ForeignKeyViolation: Equatable, Sendable, CustomStringConvertible {
    /// The table holding the row.
    public let table: String
    /// The row's rowid, or nil for a WITHOUT ROWID table.
    public let rowID: Int64?
    /// The table the row's foreign key points to.
    public let parentTable: String

    public var description: String {
        let row = rowID.map { "row \($0)" } ?? "a row"
        return "\(table) \(row) refers to a missing \(parentTable) row"
    }
}
