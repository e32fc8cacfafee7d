import Foundation
import XCTest
@testable import Lineage

final class MigrationTests: XCTestCase {
    func testEmbeddedMigrationsMatchSourceFiles() throws {
        let files = try FileManager.default
            .contentsOfDirectory(atPath: sourceMigrationsFolder.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()

        XCTAssertEqual(Migration.embedded.map(\.fileName), files)
        XCTAssertEqual(Migration.embedded.map(\.version), Array(1...files.count))
        for migration in Migration.embedded {
            let source = try Data(contentsOf: sourceMigrationsFolder.appendingPathComponent(migration.fileName))
            XCTAssertEqual(migration.bytes, [UInt8](source), migration.fileName)
        }
    }

    func testFreshDatabaseHasApplicationIDAndLatestVersion() throws {
        let (store, _) = try makeStore()

        XCTAssertEqual(try store.database.integerPragma("application_id"), 0x5044_4752)
        XCTAssertEqual(try store.database.integerPragma("user_version"), Int64(LineageSchema.latestVersion))
        XCTAssertEqual(try store.database.queryFirst("PRAGMA journal_mode") { try $0.text(0) }, "wal")
        XCTAssertEqual(try store.database.integerPragma("foreign_keys"), 1)
        XCTAssertEqual(try store.database.integrityCheck(), ["ok"])
    }

    func testUpgradeFromFirstMigrationMatchesFreshSchema() throws {
        let folder = try makeTemporaryFolder(self)
        let upgradedPath = folder.appendingPathComponent("upgraded.db").path
        do {
            let database = try Database(path: upgradedPath)
            try Migrator().migrate(database, upTo: 1)
            XCTAssertEqual(try database.integerPragma("user_version"), 1)
        }

        let upgraded = try LineageStore(path: upgradedPath)
        let fresh = try LineageStore(path: folder.appendingPathComponent("fresh.db").path)

        XCTAssertEqual(try upgraded.database.schemaText(), try fresh.database.schemaText())
        XCTAssertEqual(try upgraded.database.integerPragma("user_version"), Int64(LineageSchema.latestVersion))
    }

    func testReopeningAppliesNothing() throws {
        let (store, path) = try makeStore()
        let schema = try store.database.schemaText()

        let reopened = try LineageStore(path: path)

        XCTAssertEqual(try reopened.database.schemaText(), schema)
    }

    func testNewerSchemaVersionIsRejected() throws {
        let (store, path) = try makeStore()
        try store.database.execute("PRAGMA user_version = 99")

        let latest = LineageSchema.latestVersion
        assertThrows(LineageError.schemaTooNew(path: path, version: 99, supported: latest)) {
            _ = try LineageStore(path: path)
        }
        XCTAssertEqual(
            LineageError.schemaTooNew(path: "/x/lineage.db", version: 99, supported: 1).description,
            "/x/lineage.db has lineage schema version 99, but this Pedigree supports versions up to 1; "
                + "upgrade Pedigree to open it"
        )
    }

    func testOtherApplicationDatabaseIsRejectedUnchanged() throws {
        let path = try makeTemporaryFolder(self).appendingPathComponent("other.db").path
        do {
            let other = try Database(path: path)
            try other.executeScript("PRAGMA application_id = 1234; CREATE TABLE notes (text TEXT);")
        }

        assertThrows(LineageError.notLineageDatabase(path: path, applicationID: 1234)) {
            _ = try LineageStore(path: path)
        }
        let other = try Database(path: path)
        XCTAssertEqual(try other.queryFirst("PRAGMA journal_mode") { try $0.text(0) }, "delete")
        XCTAssertEqual(try other.schemaText(), ["table notes: CREATE TABLE notes (text TEXT)"])
        XCTAssertEqual(
            LineageError.notLineageDatabase(path: "/x/other.db", applicationID: 1234).description,
            "/x/other.db is a SQLite database of another program (application_id 0x4d2, Pedigree uses "
                + "0x50444752); choose another database path"
        )
    }

    func testDatabaseWithoutApplicationIDButWithTablesIsRejected() throws {
        let path = try makeTemporaryFolder(self).appendingPathComponent("plain.db").path
        do {
            try Database(path: path).execute("CREATE TABLE notes (text TEXT)")
        }

        assertThrows(LineageError.notLineageDatabase(path: path, applicationID: 0)) {
            _ = try LineageStore(path: path)
        }
    }

    func testNonSQLiteFileIsRejected() throws {
        let path = try makeTemporaryFolder(self).appendingPathComponent("notes.txt").path
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))

        assertThrows(LineageError.notSQLiteDatabase(path: path, message: "file is not a database")) {
            _ = try LineageStore(path: path)
        }
    }

    func testConcurrentOpensOfNewFileMigrateOnce() throws {
        let path = try makeTemporaryFolder(self).appendingPathComponent("shared.db").path
        let failures = FailureLog()

        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do {
                _ = try LineageStore(path: path)
            } catch {
                failures.append(error)
            }
        }

        XCTAssertEqual(failures.messages, [])
        let store = try LineageStore(path: path)
        XCTAssertEqual(try store.database.integerPragma("user_version"), Int64(LineageSchema.latestVersion))
        XCTAssertEqual(try store.database.integrityCheck(), ["ok"])
    }

    func testStoreCreatesParentFolders() throws {
        let path = try makeTemporaryFolder(self).appendingPathComponent("a/b/.pedigree/lineage.db").path

        _ = try LineageStore(path: path)

        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
    }

    func testMigrationBreakingForeignKeysRollsBack() throws {
        let database = try Database(path: try makeTemporaryFolder(self).appendingPathComponent("fk.db").path)
        let migrations = [
            Migration(version: 1, fileName: "0001_parents.sql", bytes: Array("""
                CREATE TABLE parents (id INTEGER PRIMARY KEY);
                CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parents (id));
                """.utf8)),
            Migration(version: 2, fileName: "0002_orphans.sql", bytes: Array("""
                INSERT INTO children (id, parent_id) VALUES (7, 42);
                CREATE TABLE extra (id INTEGER);
                """.utf8)),
        ]

        let violation = ForeignKeyViolation(table: "children", rowID: 7, parentTable: "parents")
        assertThrows(LineageError.migrationBrokeForeignKeys(fileName: "0002_orphans.sql", violations: [violation])) {
            try Migrator(migrations: migrations).migrate(database)
        }
        XCTAssertEqual(try database.integerPragma("user_version"), 1)
        XCTAssertEqual(try database.queryFirst("SELECT count(*) FROM children") { try $0.int(0) }, 0)
        XCTAssertEqual(try database.queryFirst("SELECT count(*) FROM sqlite_schema WHERE name = 'extra'") { try $0.int(0) }, 0)
        XCTAssertEqual(try database.integerPragma("foreign_keys"), 1)
        XCTAssertEqual(
            LineageError.migrationBrokeForeignKeys(fileName: "0002_orphans.sql", violations: [violation]).description,
            "migration 0002_orphans.sql was rolled back because it left rows that break foreign keys: "
                + "children row 7 refers to a missing parents row"
        )
    }

    func testFailingMigrationRollsBackAndNamesFile() throws {
        let database = try Database(path: try makeTemporaryFolder(self).appendingPathComponent("bad.db").path)
        let sql = "CREATE TABLE first (id INTEGER);\nCREATE TABLE broken (id INTEGER,);\n"
        let migrations = [Migration(version: 1, fileName: "0001_broken.sql", bytes: Array(sql.utf8))]

        XCTAssertThrowsError(try Migrator(migrations: migrations).migrate(database)) { error in
            guard case .migrationFailed(let fileName, let underlying)? = error as? LineageError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(fileName, "0001_broken.sql")
            XCTAssertEqual(underlying.message, "near \")\": syntax error")
        }
        XCTAssertEqual(try database.integerPragma("user_version"), 0)
        XCTAssertEqual(try database.schemaText(), [])
    }
}

/// Errors from concurrent threads, collected under a lock.
private final class FailureLog: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [String] = []

    func append(_ error: Error) {
        lock.withLock { collected.append("\(error)") }
    }

    var messages: [String] { lock.withLock { collected } }
}
