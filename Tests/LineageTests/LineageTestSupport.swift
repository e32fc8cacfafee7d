import Foundation
import XCTest
@testable import Lineage

/// Creates a folder under the system temporary directory, removed when the test ends.
func makeTemporaryFolder(_ testCase: XCTestCase) throws -> URL {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("LineageTests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    testCase.addTeardownBlock {
        try? FileManager.default.removeItem(at: folder)
    }
    return folder
}

/// A clock the test moves by hand; starts at 2026-01-01T00:00:00Z.
final class TestClock {
    var now = Date(timeIntervalSince1970: 1_767_225_600)

    func advance(seconds: TimeInterval) {
        now = now.addingTimeInterval(seconds)
    }
}

/// Returns a valid `sha256:` hash whose 64 hex digits repeat `digit`.
func hash(_ digit: Character) -> String {
    "sha256:" + String(repeating: digit, count: 64)
}

/// The package's `migrations/` folder in the source tree.
let sourceMigrationsFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // LineageTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // package root
    .appendingPathComponent("migrations", isDirectory: true)

extension XCTestCase {
    /// Creates a store on a fresh database file in a temporary folder.
    func makeStore(clock: TestClock = TestClock()) throws -> (LineageStore, path: String) {
        let path = try makeTemporaryFolder(self).appendingPathComponent("lineage.db").path
        return (try LineageStore(path: path, clock: { clock.now }), path)
    }

    /// Asserts that `body` throws `expected`.
    func assertThrows<E: Error & Equatable>(
        _ expected: E, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void
    ) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            XCTAssertEqual(error as? E, expected, "\(error)", file: file, line: line)
        }
    }

    /// Asserts that `body` throws a `DatabaseError` whose message is `message`.
    func assertDatabaseError(
        _ message: String, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void
    ) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            XCTAssertEqual((error as? DatabaseError)?.message, message, "\(error)", file: file, line: line)
        }
    }
}

extension Database {
    /// Returns the `sql` text of every schema object, sorted by type and name.
    func schemaText() throws -> [String] {
        try query("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema ORDER BY type, name") {
            try $0.text(0)
        }
    }

    func integrityCheck() throws -> [String] {
        try query("PRAGMA integrity_check") { try $0.text(0) }
    }
}
