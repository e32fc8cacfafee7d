import Foundation
import XCTest
@testable import Lineage

/// Every CHECK constraint and foreign key of the schema, tried with one bad value each.
final class SchemaConstraintTests: XCTestCase {
    /// A valid row per table, assuming the fixture rows of `makeFixture`.
    private let validRows: [String: [String: SQLiteValue]] = [
        "models": ["name": .text("new-model"), "kind": .text("source"), "locator": .text("/models/new"),
                   "is_pinned": .integer(0), "created_at_ms": .integer(1), "updated_at_ms": .integer(1)],
        "artifacts": ["path": .text("out"), "content_hash": .text(hash("a")), "tensor_count": .integer(1),
                      "parameter_count": .integer(1), "dtype": .text("BF16"), "identity_hash": .text(hash("b")),
                      "created_at_ms": .integer(1)],
        "artifact_files": ["artifact_id": .integer(1), "name": .text("extra.safetensors"), "size": .integer(1),
                           "sha256": .text(String(repeating: "c", count: 64))],
        "merges": ["identity_hash": .text(hash("d")), "name": .text("new-merge"), "method": .text("linear"),
                   "semantics": .text("pedigree"), "parameters_json": .text("{}"), "state": .text("pending"),
                   "created_at_ms": .integer(1)],
        "merge_inputs": ["merge_id": .integer(2), "position": .integer(5), "role": .text("ingredient"),
                         "input_model_id": .integer(1), "input_identity": .text(hash("e"))],
        "tensor_stats": ["merge_id": .integer(1), "tensor": .text("w"), "t": .real(0.5), "mean_cosine": .real(0.1),
                         "min_cosine": .real(0), "max_cosine": .real(0.2)],
        "runs": ["started_at_ms": .integer(1), "pid": .integer(10), "host": .text("h"),
                 "command_line_json": .text("[\"pedigree\"]")],
        "events": ["run_id": .integer(1), "time_ms": .integer(1), "kind": .text("info"), "message": .text("m")],
        "leases": ["identity_hash": .text(hash("f")), "merge_id": .integer(1), "pid": .integer(10),
                   "host": .text("h"), "acquired_at_ms": .integer(1), "heartbeat_at_ms": .integer(1)],
        "file_hashes": ["device": .integer(1), "inode": .integer(1), "size": .integer(1), "mtime_ns": .integer(1),
                        "sha256": .text(String(repeating: "a", count: 64)), "path": .text("p")],
    ]

    /// Creates a store with model 1, pending merge 1 (input: model 1), pending merge 2 (input:
    /// merge 1), artifact 1 and run 1.
    private func makeFixture() throws -> LineageStore {
        let (store, _) = try makeStore()
        let model = try store.upsertModel(name: "base", kind: .source, locator: "/models/base")
        let first = try store.insertMerge(
            MergeDefinition(identityHash: hash("1"), name: "first", method: "linear", semantics: .pedigree, parametersJSON: "{}"),
            inputs: [MergeInput(position: 0, role: .base, source: .model(id: model.id), inputIdentity: hash("9"))]
        )
        _ = try store.insertMerge(
            MergeDefinition(identityHash: hash("2"), name: "second", method: "linear", semantics: .pedigree, parametersJSON: "{}"),
            inputs: [MergeInput(position: 0, role: .base, source: .merge(id: first.id), inputIdentity: hash("1"))]
        )
        _ = try store.recordArtifact(BuiltArtifact(
            path: "out/first", contentHash: hash("3"), tensorCount: 1, parameterCount: 4, dtype: "F32",
            identityHash: hash("1"), files: []))
        _ = try store.beginRun(commandLine: ["pedigree", "run"], owner: LeaseOwner(pid: 10, host: "h"))
        return store
    }

    private func insert(_ table: String, _ overrides: [String: SQLiteValue], into database: Database) throws {
        var row = validRows[table]!
        row.merge(overrides) { _, new in new }
        let columns = row.keys.sorted()
        let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
        try database.execute(sql, columns.map { row[$0]! })
    }

    func testValidRowsInsert() throws {
        let store = try makeFixture()
        for table in validRows.keys.sorted() {
            XCTAssertNoThrow(try insert(table, [:], into: store.database), table)
        }
        XCTAssertEqual(try store.database.integrityCheck(), ["ok"])
    }

    func testEachCheckConstraintRejectsBadValue() throws {
        let store = try makeFixture()
        let sha256Check = """
            length(identity_hash) = 71 AND substr(identity_hash, 1, 7) = 'sha256:'
                    AND substr(identity_hash, 8) NOT GLOB '*[^0-9a-f]*'
            """
        let contentHashCheck = sha256Check.replacingOccurrences(of: "identity_hash", with: "content_hash")
        let fileSHA256Check = "length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'"
        let cases: [(table: String, values: [String: SQLiteValue], check: String)] = [
            ("models", ["name": .text("")], "name <> ''"),
            ("models", ["kind": .text("checkpoint")], "kind IN ('source', 'merge', 'adapter')"),
            ("models", ["locator": .text("")], "locator <> ''"),
            ("models", ["is_pinned": .integer(2)], "is_pinned IN (0, 1)"),

            ("artifacts", ["path": .text("")], "path <> ''"),
            ("artifacts", ["content_hash": .text("md5:" + String(repeating: "a", count: 67))], contentHashCheck),
            ("artifacts", ["content_hash": .text("sha256:" + String(repeating: "A", count: 64))], contentHashCheck),
            ("artifacts", ["tensor_count": .integer(-1)], "tensor_count >= 0"),
            ("artifacts", ["parameter_count": .integer(-1)], "parameter_count >= 0"),
            ("artifacts", ["dtype": .text("float32")], """
                dtype IN (
                        'F64', 'F32', 'F16', 'BF16', 'F8_E4M3', 'F8_E5M2',
                        'I64', 'I32', 'I16', 'I8', 'U8', 'BOOL', 'mixed')
                """),
            ("artifacts", ["identity_hash": .text("sha256:abc")], sha256Check),

            ("artifact_files", ["name": .text("")], "name <> '' AND substr(name, 1, 1) <> '/'"),
            ("artifact_files", ["name": .text("/etc/passwd")], "name <> '' AND substr(name, 1, 1) <> '/'"),
            ("artifact_files", ["size": .integer(-1)], "size >= 0"),
            ("artifact_files", ["sha256": .text(String(repeating: "g", count: 64))], fileSHA256Check),

            ("merges", ["identity_hash": .text(hash("x"))], sha256Check),
            ("merges", ["name": .text("")], "name <> ''"),
            ("merges", ["method": .text("Model-Stock")], "method <> '' AND method NOT GLOB '*[^a-z0-9_]*'"),
            ("merges", ["semantics": .text("exact")], "semantics IN ('pedigree', 'mergekit')"),
            ("merges", ["parameters_json": .text("{weight: 1}")], "json_valid(parameters_json)"),
            ("merges", ["state": .text("queued")], "state IN ('pending', 'running', 'done', 'failed')"),
            ("merges", ["error": .text("boom")], "(state = 'failed') = (error IS NOT NULL)"),
            ("merges", ["state": .text("failed")], "(state = 'failed') = (error IS NOT NULL)"),
            ("merges", ["started_at_ms": .integer(5)], "(state = 'pending') = (started_at_ms IS NULL)"),
            ("merges", ["state": .text("running")], "(state = 'pending') = (started_at_ms IS NULL)"),
            ("merges", ["finished_at_ms": .integer(5)],
             "(state IN ('done', 'failed')) = (finished_at_ms IS NOT NULL)"),
            ("merges", ["output_artifact_id": .integer(1)], "(state = 'done') = (output_artifact_id IS NOT NULL)"),
            ("merges", ["state": .text("done"), "started_at_ms": .integer(1), "finished_at_ms": .integer(2)],
             "(state = 'done') = (output_artifact_id IS NOT NULL)"),

            ("merge_inputs", ["position": .integer(-1)], "position >= 0"),
            ("merge_inputs", ["role": .text("lora")], "role IN ('base', 'ingredient', 'adapter')"),
            ("merge_inputs", ["input_model_id": .null, "input_merge_id": .integer(2)], "input_merge_id < merge_id"),
            ("merge_inputs", ["adapter_target": .integer(0)], "(role = 'adapter') = (adapter_target IS NOT NULL)"),
            ("merge_inputs", ["role": .text("adapter")], "(role = 'adapter') = (adapter_target IS NOT NULL)"),
            ("merge_inputs", ["parameters_json": .text("[")], "json_valid(parameters_json)"),
            ("merge_inputs", ["input_identity": .text("md5:00")],
             "substr(input_identity, 1, 7) = 'sha256:' OR substr(input_identity, 1, 3) = 'hf:'"),
            ("merge_inputs", ["input_content_hash": .text("sha256:0")], """
                input_content_hash IS NULL OR (
                        length(input_content_hash) = 71 AND substr(input_content_hash, 1, 7) = 'sha256:'
                        AND substr(input_content_hash, 8) NOT GLOB '*[^0-9a-f]*')
                """),
            ("merge_inputs", ["input_merge_id": .integer(1)], "(input_model_id IS NULL) <> (input_merge_id IS NULL)"),
            ("merge_inputs", ["input_model_id": .null], "(input_model_id IS NULL) <> (input_merge_id IS NULL)"),

            ("tensor_stats", ["tensor": .text("")], "tensor <> ''"),
            ("tensor_stats", ["mean_cosine": .real(1.5)], "mean_cosine BETWEEN -1 AND 1"),
            ("tensor_stats", ["min_cosine": .real(-1.01)], "min_cosine BETWEEN -1 AND 1"),
            ("tensor_stats", ["max_cosine": .real(2)], "max_cosine BETWEEN -1 AND 1"),
            ("tensor_stats", ["row_summary_json": .text("{")],
             "row_summary_json IS NULL OR json_valid(row_summary_json)"),

            ("runs", ["pid": .integer(0)], "pid > 0"),
            ("runs", ["command_line_json": .text("\"pedigree run\"")],
             "json_valid(command_line_json) AND json_type(command_line_json) = 'array'"),
            ("runs", ["outcome": .text("crashed"), "finished_at_ms": .integer(5)],
             "outcome IN ('running', 'succeeded', 'failed', 'interrupted')"),
            ("runs", ["finished_at_ms": .integer(5)], "(outcome = 'running') = (finished_at_ms IS NULL)"),
            ("runs", ["outcome": .text("succeeded")], "(outcome = 'running') = (finished_at_ms IS NULL)"),

            ("events", ["kind": .text("debug")], """
                kind IN (
                        'started', 'finished', 'reused', 'failed', 'recovered', 'warning', 'info')
                """),

            ("leases", ["identity_hash": .text("hf:org/name@main")], sha256Check),
            ("leases", ["pid": .integer(-3)], "pid > 0"),
            ("leases", ["heartbeat_at_ms": .integer(0)], "heartbeat_at_ms >= acquired_at_ms"),

            ("file_hashes", ["size": .integer(-1)], "size >= 0"),
            ("file_hashes", ["sha256": .text("abc")], "sha256 IS NULL OR (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*')"),
            ("file_hashes", ["sha256": .null], "sha256 IS NOT NULL OR tensor_digests IS NOT NULL"),
        ]

        for (table, values, check) in cases {
            XCTAssertThrowsError(try insert(table, values, into: store.database), "\(table) \(values)") { error in
                XCTAssertEqual((error as? DatabaseError)?.message, "CHECK constraint failed: \(check)", "\(table) \(values)")
                XCTAssertEqual((error as? DatabaseError)?.code, 275, "SQLITE_CONSTRAINT_CHECK")
            }
        }
    }

    func testNotNullColumnsRejectNaN() throws {
        let store = try makeFixture()

        assertDatabaseError("NOT NULL constraint failed: tensor_stats.t") {
            try insert("tensor_stats", ["t": .real(.nan)], into: store.database)
        }
    }

    func testForeignKeysAreEnforced() throws {
        let store = try makeFixture()
        let cases: [(table: String, values: [String: SQLiteValue])] = [
            ("artifact_files", ["artifact_id": .integer(99)]),
            ("merges", ["state": .text("done"), "started_at_ms": .integer(1), "finished_at_ms": .integer(2),
                        "output_artifact_id": .integer(99)]),
            ("merge_inputs", ["merge_id": .integer(99)]),
            ("merge_inputs", ["input_model_id": .integer(99)]),
            ("merge_inputs", ["role": .text("adapter"), "adapter_target": .integer(3)]),
            ("tensor_stats", ["merge_id": .integer(99)]),
            ("events", ["run_id": .integer(99)]),
            ("events", ["merge_id": .integer(99)]),
            ("leases", ["merge_id": .integer(99)]),
        ]

        for (table, values) in cases {
            XCTAssertThrowsError(try insert(table, values, into: store.database), "\(table) \(values)") { error in
                XCTAssertEqual((error as? DatabaseError)?.message, "FOREIGN KEY constraint failed", "\(table) \(values)")
                XCTAssertEqual((error as? DatabaseError)?.code, 787, "SQLITE_CONSTRAINT_FOREIGNKEY")
            }
        }
        assertDatabaseError("FOREIGN KEY constraint failed") {
            try store.database.execute("DELETE FROM models WHERE id = 1")
        }
        XCTAssertEqual(try store.database.integrityCheck(), ["ok"])
    }

    func testDeletingMergeCascadesToItsRows() throws {
        let store = try makeFixture()
        try store.recordTensorStats(mergeID: 2, [TensorStat(tensor: "w", t: 0.5, meanCosine: 0.1, minCosine: 0, maxCosine: 0.2)])

        try store.database.execute("DELETE FROM merges WHERE id = 2")

        XCTAssertEqual(try store.database.queryFirst("SELECT count(*) FROM merge_inputs WHERE merge_id = 2") { try $0.int(0) }, 0)
        XCTAssertEqual(try store.database.queryFirst("SELECT count(*) FROM tensor_stats") { try $0.int(0) }, 0)
    }
}
