import Foundation
import XCTest
@testable import Lineage

final class RunsAndStatsTests: XCTestCase {
    private let clock = TestClock()
    private let owner = LeaseOwner(pid: 4242, host: "builder")

    private func makeMerge(in store: LineageStore) throws -> MergeRecord {
        let base = try store.upsertModel(name: "base", kind: .source, locator: "/m/base")
        return try store.insertMerge(
            MergeDefinition(identityHash: hash("d"), name: "soup", method: "model_stock", semantics: .mergekit, parametersJSON: "{}"),
            inputs: [MergeInput(position: 0, role: .base, source: .model(id: base.id), inputIdentity: hash("a"))]
        )
    }

    func testRunLifecycleAndEvents() throws {
        let (store, _) = try makeStore(clock: clock)
        let merge = try makeMerge(in: store)
        XCTAssertNil(try store.lastRun())

        let run = try store.beginRun(commandLine: ["pedigree", "run", "recipes/a b.yaml", "--out", "/tmp/x\"y"], owner: owner)
        clock.advance(seconds: 1)
        try store.recordEvent(runID: run.id, mergeID: merge.id, kind: .started, message: "building soup")
        clock.advance(seconds: 1)
        try store.recordEvent(runID: run.id, kind: .warning, message: "base listed among ingredients; dropped")
        clock.advance(seconds: 1)
        let finished = try store.finishRun(id: run.id, outcome: .succeeded)

        XCTAssertEqual(run, RunRecord(
            id: 1, startedAt: clock.now.addingTimeInterval(-3), finishedAt: nil, owner: owner,
            commandLine: ["pedigree", "run", "recipes/a b.yaml", "--out", "/tmp/x\"y"], outcome: .running))
        XCTAssertEqual(finished.outcome, .succeeded)
        XCTAssertEqual(finished.finishedAt, clock.now)
        XCTAssertEqual(try store.lastRun(), finished)
        XCTAssertEqual(
            try store.database.queryFirst("SELECT command_line_json FROM runs") { try $0.text(0) },
            #"["pedigree","run","recipes/a b.yaml","--out","/tmp/x\"y"]"#
        )
        XCTAssertEqual(try store.events(runID: run.id), [
            EventRecord(id: 1, runID: 1, mergeID: merge.id, time: clock.now.addingTimeInterval(-2), kind: .started,
                        message: "building soup"),
            EventRecord(id: 2, runID: 1, mergeID: nil, time: clock.now.addingTimeInterval(-1), kind: .warning,
                        message: "base listed among ingredients; dropped"),
        ])
    }

    func testLastRunIsLatestStarted() throws {
        let (store, _) = try makeStore(clock: clock)
        _ = try store.beginRun(commandLine: ["pedigree", "run"], owner: owner)
        clock.advance(seconds: 5)
        let second = try store.beginRun(commandLine: ["pedigree", "run", "final"], owner: owner)

        XCTAssertEqual(try store.lastRun(), second)
    }

    func testFinishRunRejectsRunningOutcome() throws {
        let (store, _) = try makeStore(clock: clock)
        let run = try store.beginRun(commandLine: ["pedigree"], owner: owner)

        assertDatabaseError("CHECK constraint failed: (outcome = 'running') = (finished_at_ms IS NULL)") {
            _ = try store.finishRun(id: run.id, outcome: .running)
        }
        assertDatabaseError("no run with id 9") {
            _ = try store.finishRun(id: 9, outcome: .failed)
        }
    }

    func testRunsOfGoneProcessesAreMarkedInterrupted() throws {
        let (store, _) = try makeStore(clock: clock)
        let gone = try store.beginRun(commandLine: ["pedigree", "run"], owner: LeaseOwner(pid: 11, host: "builder"))
        let alive = try store.beginRun(commandLine: ["pedigree", "run"], owner: LeaseOwner(pid: 12, host: "builder"))
        let remote = try store.beginRun(commandLine: ["pedigree", "run"], owner: LeaseOwner(pid: 11, host: "other"))
        let ended = try store.beginRun(commandLine: ["pedigree", "run"], owner: LeaseOwner(pid: 11, host: "builder"))
        try store.finishRun(id: ended.id, outcome: .failed)
        clock.advance(seconds: 30)

        let interrupted = try store.markInterruptedRuns(host: "builder", isProcessAlive: { $0 == 12 })

        var expected = gone
        expected.outcome = .interrupted
        expected.finishedAt = clock.now
        XCTAssertEqual(interrupted, [expected])
        XCTAssertEqual(try store.run(id: alive.id)?.outcome, .running)
        XCTAssertEqual(try store.run(id: remote.id)?.outcome, .running)
        XCTAssertEqual(try store.run(id: ended.id)?.outcome, .failed)
    }

    func testTensorStatsBulkInsertAndReplace() throws {
        let (store, _) = try makeStore(clock: clock)
        let merge = try makeMerge(in: store)
        let stats = (0..<5_000).map { index in
            TensorStat(
                tensor: "model.layers.\(index).mlp.down_proj.weight", t: Double(index) / 5_000,
                meanCosine: 0.25, minCosine: -0.5, maxCosine: 0.75,
                rowSummaryJSON: index == 0 ? "{\"rows\":2}" : nil
            )
        }

        try store.recordTensorStats(mergeID: merge.id, stats)
        try store.recordTensorStats(mergeID: merge.id, [
            TensorStat(tensor: "model.layers.7.mlp.down_proj.weight", t: 0.5, meanCosine: 0, minCosine: 0, maxCosine: 0),
        ])
        let stored = try store.tensorStats(mergeID: merge.id)

        XCTAssertEqual(stored.count, 5_000)
        XCTAssertEqual(stored.first, stats[0])
        XCTAssertEqual(stored.first { $0.tensor == "model.layers.4999.mlp.down_proj.weight" }, stats[4_999])
        XCTAssertEqual(
            stored.first { $0.tensor == "model.layers.7.mlp.down_proj.weight" },
            TensorStat(tensor: "model.layers.7.mlp.down_proj.weight", t: 0.5, meanCosine: 0, minCosine: 0, maxCosine: 0)
        )
        XCTAssertEqual(stored.map(\.tensor), stored.map(\.tensor).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    func testTensorStatsBatchIsAllOrNothing() throws {
        let (store, _) = try makeStore(clock: clock)
        let merge = try makeMerge(in: store)
        let good = TensorStat(tensor: "a", t: 0.1, meanCosine: 0.1, minCosine: 0.1, maxCosine: 0.1)
        let bad = TensorStat(tensor: "b", t: 0.1, meanCosine: 1.5, minCosine: 0.1, maxCosine: 0.1)

        assertDatabaseError("CHECK constraint failed: mean_cosine BETWEEN -1 AND 1") {
            try store.recordTensorStats(mergeID: merge.id, [good, bad])
        }
        XCTAssertEqual(try store.tensorStats(mergeID: merge.id), [])
    }
}
