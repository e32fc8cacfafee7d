import Foundation
import XCTest
@testable import Lineage

final class DatabaseTests: XCTestCase {
    private func makeDatabase() throws -> Database {
        let database = try Database(path: try makeTemporaryFolder(self).appendingPathComponent("test.db").path)
        try database.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, score REAL, data BLOB, flag INTEGER)")
        return database
    }

    func testTypedValuesRoundTrip() throws {
        let database = try makeDatabase()
        let missing: String? = nil

        try database.execute(
            "INSERT INTO items (id, name, score, data, flag) VALUES (?, ?, ?, ?, ?)",
            [Int64.max, "naïve ✓", 0.1, [UInt8]([0, 255, 7]), true]
        )
        try database.execute("INSERT INTO items (id, name) VALUES (?, ?)", [Int32(-5), missing])

        let rows = try database.query("SELECT id, name, score, data, flag FROM items ORDER BY id") { row in
            (try row.int64(0), try row.optionalText(1), try row.optionalDouble(2), row.isNull(3) ? nil : try row.blob(3),
             try row.optionalInt64(4))
        }
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(rows[0].0, -5)
        XCTAssertNil(rows[0].1)
        XCTAssertNil(rows[0].2)
        XCTAssertNil(rows[0].3)
        XCTAssertEqual(rows[1].0, Int64.max)
        XCTAssertEqual(rows[1].1, "naïve ✓")
        XCTAssertEqual(rows[1].2, 0.1)
        XCTAssertEqual(rows[1].3, [0, 255, 7])
        XCTAssertEqual(rows[1].4, 1)
    }

    func testEmptyTextAndBlobStayNonNull() throws {
        let database = try makeDatabase()

        try database.execute("INSERT INTO items (id, name, data) VALUES (1, ?, ?)", ["", [UInt8]()])

        let row = try database.queryFirst("SELECT name, data, typeof(data) FROM items") { row in
            (try row.text(0), try row.blob(1), try row.text(2))
        }
        XCTAssertEqual(row?.0, "")
        XCTAssertEqual(row?.1, [])
        XCTAssertEqual(row?.2, "blob")
    }

    func testReadingNullAsValueThrows() throws {
        let database = try makeDatabase()
        try database.execute("INSERT INTO items (id) VALUES (1)")

        assertDatabaseError("column 1 (name) is NULL where TEXT was expected") {
            _ = try database.queryFirst("SELECT id, name FROM items") { try $0.text(1) }
        }
        assertDatabaseError("column 2 is out of range; the row has 2 columns") {
            _ = try database.queryFirst("SELECT id, name FROM items") { try $0.int64(2) }
        }
    }

    func testArgumentCountMustMatch() throws {
        let database = try makeDatabase()

        assertDatabaseError("statement has 2 parameters but 1 arguments were given") {
            try database.execute("INSERT INTO items (id, name) VALUES (?, ?)", [1])
        }
    }

    func testErrorCarriesCodeMessageAndSQL() throws {
        let database = try makeDatabase()
        try database.execute("INSERT INTO items (id) VALUES (1)")

        XCTAssertThrowsError(try database.execute("INSERT INTO items (id) VALUES (1)")) { error in
            let error = error as? DatabaseError
            XCTAssertEqual(error?.code, 1555)  // SQLITE_CONSTRAINT_PRIMARYKEY
            XCTAssertEqual(error?.primaryCode, 19)  // SQLITE_CONSTRAINT
            XCTAssertEqual(error?.message, "UNIQUE constraint failed: items.id")
            XCTAssertEqual(error?.sql, "INSERT INTO items (id) VALUES (1)")
            XCTAssertEqual(
                error?.description,
                "SQLite error 1555 (constraint failed): UNIQUE constraint failed: items.id in `INSERT INTO items (id) VALUES (1)`"
            )
        }
        XCTAssertThrowsError(try database.execute("SELEC 1")) { error in
            XCTAssertEqual((error as? DatabaseError)?.message, "near \"SELEC\": syntax error")
        }
    }

    func testTransactionRollsBackOnError() throws {
        let database = try makeDatabase()
        struct Abort: Error {}

        XCTAssertThrowsError(try database.transaction {
            try database.execute("INSERT INTO items (id) VALUES (1)")
            throw Abort()
        })

        XCTAssertFalse(database.isInTransaction)
        XCTAssertEqual(try database.queryFirst("SELECT count(*) FROM items") { try $0.int(0) }, 0)
    }

    func testNestedTransactionIsSavepoint() throws {
        let database = try makeDatabase()
        struct Abort: Error {}

        try database.transaction {
            try database.execute("INSERT INTO items (id) VALUES (1)")
            XCTAssertThrowsError(try database.transaction {
                try database.execute("INSERT INTO items (id) VALUES (2)")
                throw Abort()
            })
            try database.transaction {
                try database.execute("INSERT INTO items (id) VALUES (3)")
            }
            XCTAssertTrue(database.isInTransaction)
        }

        XCTAssertEqual(try database.query("SELECT id FROM items ORDER BY id") { try $0.int(0) }, [1, 3])
    }

    func testNestedQueryWithSameSQLUsesSeparateStatement() throws {
        let database = try makeDatabase()
        try database.execute("INSERT INTO items (id) VALUES (1), (2)")
        let sql = "SELECT id FROM items WHERE id >= ? ORDER BY id"

        let pairs = try database.query(sql, [1]) { outer in
            let id = try outer.int(0)
            return (id, try database.query(sql, [id]) { try $0.int(0) })
        }

        XCTAssertEqual(pairs.map(\.0), [1, 2])
        XCTAssertEqual(pairs.map(\.1), [[1, 2], [2]])
        XCTAssertEqual(try database.query(sql, [2]) { try $0.int(0) }, [2])
    }

    func testForeignKeysOnAndWriteAheadLog() throws {
        let database = try makeDatabase()

        XCTAssertEqual(try database.integerPragma("foreign_keys"), 1)
        XCTAssertEqual(try database.enableWriteAheadLog(), "wal")
        XCTAssertEqual(try database.integerPragma("busy_timeout"), 10_000)
    }

    func testWriterLockTimesOutWithBusy() throws {
        let path = try makeTemporaryFolder(self).appendingPathComponent("busy.db").path
        let first = try Database(path: path)
        try first.execute("CREATE TABLE items (id INTEGER)")
        let second = try Database(path: path, busyTimeoutMilliseconds: 0)

        try first.execute("BEGIN IMMEDIATE")
        XCTAssertThrowsError(try second.transaction { try second.execute("INSERT INTO items VALUES (1)") }) { error in
            XCTAssertEqual((error as? DatabaseError)?.primaryCode, 5)  // SQLITE_BUSY
        }
        try first.execute("COMMIT")

        try second.transaction { try second.execute("INSERT INTO items VALUES (1)") }
        XCTAssertEqual(try first.queryFirst("SELECT count(*) FROM items") { try $0.int(0) }, 1)
    }
}
