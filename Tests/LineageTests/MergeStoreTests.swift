import Foundation
import XCTest
@testable import Lineage

final class MergeStoreTests: XCTestCase {
    private let clock = TestClock()
    private var start: Date { Date(timeIntervalSince1970: 1_767_225_600) }

    private func definition(_ name: String, identity: String) -> MergeDefinition {
        MergeDefinition(
            identityHash: identity, name: name, method: "model_stock", semantics: .pedigree,
            parametersJSON: "{\"filter_wise\":false}", recipePath: "recipes/\(name).yaml",
            recipeDocument: "merge_method: model_stock\n"
        )
    }

    private func artifact(for identity: String) -> BuiltArtifact {
        BuiltArtifact(
            path: "artifacts/\(identity.suffix(8))", contentHash: hash("c"), tensorCount: 3, parameterCount: 1_536,
            dtype: "BF16", identityHash: identity,
            files: [
                ArtifactFile(name: "model.safetensors", size: 3_200, sha256: String(repeating: "1", count: 64)),
                ArtifactFile(name: "config.json", size: 512, sha256: String(repeating: "2", count: 64)),
            ]
        )
    }

    func testUpsertModelInsertsThenUpdates() throws {
        let (store, _) = try makeStore(clock: clock)

        let inserted = try store.upsertModel(name: "org/base", kind: .source, locator: "hf:org/base", revision: "main")
        clock.advance(seconds: 60)
        let unchanged = try store.upsertModel(name: "org/base", kind: .source, locator: "hf:org/base", revision: "main")
        clock.advance(seconds: 60)
        let pinned = try store.upsertModel(
            name: "org/base", kind: .source, locator: "hf:org/base", revision: "0123abc", isPinned: true)

        XCTAssertEqual(inserted, ModelRecord(
            id: 1, name: "org/base", kind: .source, locator: "hf:org/base", revision: "main", isPinned: false,
            createdAt: start, updatedAt: start))
        XCTAssertEqual(unchanged, inserted)
        XCTAssertEqual(pinned.id, 1)
        XCTAssertEqual(pinned.revision, "0123abc")
        XCTAssertTrue(pinned.isPinned)
        XCTAssertEqual(pinned.createdAt, start)
        XCTAssertEqual(pinned.updatedAt, start.addingTimeInterval(120))
        XCTAssertEqual(try store.models(), [pinned])
        XCTAssertEqual(try store.model(id: 1), pinned)
        XCTAssertNil(try store.model(named: "org/other"))
    }

    func testInsertMergeStoresDefinitionAndInputs() throws {
        let (store, _) = try makeStore(clock: clock)
        let base = try store.upsertModel(name: "base", kind: .source, locator: "/m/base")
        let tuned = try store.upsertModel(name: "tuned", kind: .source, locator: "/m/tuned")
        let lora = try store.upsertModel(name: "lora", kind: .adapter, locator: "/m/lora")
        let inputs = [
            MergeInput(position: 0, role: .base, source: .model(id: base.id), inputIdentity: hash("a")),
            MergeInput(position: 1, role: .ingredient, source: .model(id: tuned.id), weight: 0.75,
                       parametersJSON: "{\"density\":0.5}", inputIdentity: hash("b")),
            MergeInput(position: 2, role: .adapter, source: .model(id: lora.id), adapterTarget: 1,
                       inputIdentity: "hf:org/lora@main"),
        ]

        let merge = try store.insertMerge(definition("soup", identity: hash("d")), inputs: inputs.reversed())

        XCTAssertEqual(merge, MergeRecord(
            id: 1, definition: definition("soup", identity: hash("d")), state: .pending, error: nil,
            engineVersion: nil, startedAt: nil, finishedAt: nil, outputArtifactID: nil, createdAt: start))
        XCTAssertEqual(try store.inputs(ofMerge: merge.id), inputs)
        XCTAssertEqual(try store.merge(id: merge.id), merge)
        XCTAssertEqual(try store.latestMerge(named: "soup"), merge)
        XCTAssertEqual(try store.merges(identityHash: hash("d")), [merge])
        XCTAssertNil(try store.latestDoneMerge(identityHash: hash("d")))
    }

    func testLaterMergeAsInputRejected() throws {
        let (store, _) = try makeStore(clock: clock)

        assertDatabaseError("CHECK constraint failed: input_merge_id < merge_id") {
            _ = try store.insertMerge(definition("loop", identity: hash("1")), inputs: [
                MergeInput(position: 0, role: .base, source: .merge(id: 1), inputIdentity: hash("1")),
            ])
        }
        XCTAssertEqual(try store.mergeCountsByState()[.pending], 0)
    }

    func testUpdateMergeReplacesPendingDefinition() throws {
        let (store, _) = try makeStore(clock: clock)
        let base = try store.upsertModel(name: "base", kind: .source, locator: "/m/base")
        let merge = try store.insertMerge(definition("soup", identity: hash("d")), inputs: [
            MergeInput(position: 0, role: .base, source: .model(id: base.id), inputIdentity: hash("a")),
        ])
        var changed = definition("soup", identity: hash("e"))
        changed.recipeDocument = "merge_method: linear\n"
        let newInputs = [MergeInput(position: 0, role: .ingredient, source: .model(id: base.id), weight: 2, inputIdentity: hash("a"))]

        let updated = try store.updateMerge(id: merge.id, changed, inputs: newInputs)

        XCTAssertEqual(updated.definition, changed)
        XCTAssertEqual(try store.inputs(ofMerge: merge.id), newInputs)

        try store.markRunning(mergeID: merge.id, engineVersion: "0.1.0")
        assertThrows(LineageError.invalidTransition(mergeID: 1, name: "soup", from: .running, to: .pending)) {
            _ = try store.updateMerge(id: merge.id, changed, inputs: newInputs)
        }
    }

    func testStateTransitionsRecordTimesArtifactAndHashes() throws {
        let (store, _) = try makeStore(clock: clock)
        let base = try store.upsertModel(name: "base", kind: .source, locator: "/m/base")
        let merge = try store.insertMerge(definition("soup", identity: hash("d")), inputs: [
            MergeInput(position: 0, role: .base, source: .model(id: base.id), inputIdentity: hash("a")),
        ])

        clock.advance(seconds: 1)
        let running = try store.markRunning(mergeID: merge.id, engineVersion: "0.1.0", inputContentHashes: [0: hash("a")])
        clock.advance(seconds: 2.5)
        let done = try store.markDone(mergeID: merge.id, artifact: artifact(for: hash("d")))

        XCTAssertEqual(running.state, .running)
        XCTAssertEqual(running.engineVersion, "0.1.0")
        XCTAssertEqual(running.startedAt, start.addingTimeInterval(1))
        XCTAssertEqual(try store.inputs(ofMerge: merge.id).map(\.inputContentHash), [hash("a")])
        XCTAssertEqual(done.state, .done)
        XCTAssertEqual(done.finishedAt, start.addingTimeInterval(3.5))
        XCTAssertEqual(done.outputArtifactID, 1)
        XCTAssertEqual(try store.latestDoneMerge(identityHash: hash("d")), done)

        var expected = artifact(for: hash("d"))
        expected.files.reverse()
        XCTAssertEqual(try store.artifact(id: 1), ArtifactRecord(id: 1, artifact: expected, createdAt: start.addingTimeInterval(3.5)))
        XCTAssertEqual(try store.mergeCountsByState(), [.pending: 0, .running: 0, .done: 1, .failed: 0])
    }

    func testFailureAndRetry() throws {
        let (store, _) = try makeStore(clock: clock)
        let base = try store.upsertModel(name: "base", kind: .source, locator: "/m/base")
        let merge = try store.insertMerge(definition("soup", identity: hash("d")), inputs: [
            MergeInput(position: 0, role: .base, source: .model(id: base.id), inputIdentity: hash("a")),
        ])
        try store.markRunning(mergeID: merge.id, engineVersion: "0.1.0", inputContentHashes: [0: hash("a")])
        clock.advance(seconds: 4)

        let failed = try store.markFailed(mergeID: merge.id, error: "NaN in output tensor model.norm.weight")
        let retried = try store.markPending(mergeID: merge.id)

        XCTAssertEqual(failed.state, .failed)
        XCTAssertEqual(failed.error, "NaN in output tensor model.norm.weight")
        XCTAssertEqual(failed.finishedAt, start.addingTimeInterval(4))
        XCTAssertEqual(retried, MergeRecord(
            id: merge.id, definition: merge.definition, state: .pending, error: nil, engineVersion: nil,
            startedAt: nil, finishedAt: nil, outputArtifactID: nil, createdAt: start))
        XCTAssertEqual(try store.inputs(ofMerge: merge.id).map(\.inputContentHash), [nil])
    }

    func testInvalidTransitionsAreRejected() throws {
        let (store, _) = try makeStore(clock: clock)
        let base = try store.upsertModel(name: "base", kind: .source, locator: "/m/base")
        let merge = try store.insertMerge(definition("soup", identity: hash("d")), inputs: [
            MergeInput(position: 0, role: .base, source: .model(id: base.id), inputIdentity: hash("a")),
        ])

        assertThrows(LineageError.invalidTransition(mergeID: 1, name: "soup", from: .pending, to: .done)) {
            _ = try store.markDone(mergeID: merge.id, artifact: self.artifact(for: hash("d")))
        }
        assertThrows(LineageError.invalidTransition(mergeID: 1, name: "soup", from: .pending, to: .failed)) {
            _ = try store.markFailed(mergeID: merge.id, error: "x")
        }
        assertThrows(LineageError.invalidTransition(mergeID: 1, name: "soup", from: .pending, to: .pending)) {
            _ = try store.markPending(mergeID: merge.id)
        }
        assertThrows(LineageError.mergeNotFound(id: 42)) {
            _ = try store.markRunning(mergeID: 42, engineVersion: "0.1.0")
        }
        try store.markRunning(mergeID: merge.id, engineVersion: "0.1.0")
        assertThrows(LineageError.artifactIdentityMismatch(mergeID: 1, mergeIdentity: hash("d"), artifactIdentity: hash("e"))) {
            _ = try store.markDone(mergeID: merge.id, artifact: self.artifact(for: hash("e")))
        }
        XCTAssertNil(try store.artifact(id: 1), "a rejected completion records no artifact")
        XCTAssertEqual(
            LineageError.invalidTransition(mergeID: 1, name: "soup", from: .pending, to: .done).description,
            "merge 'soup' (id 1) is pending and cannot become done"
        )
    }

    func testMergeStateChangeTable() {
        let allowed = MergeState.allCases.flatMap { from in
            MergeState.allCases.filter { from.canChange(to: $0) }.map { "\(from.rawValue)->\($0.rawValue)" }
        }
        XCTAssertEqual(allowed, ["pending->running", "running->pending", "running->done", "running->failed", "failed->pending"])
    }

    func testLatestMergeByNameAndDoneByIdentity() throws {
        let (store, _) = try makeStore(clock: clock)
        let base = try store.upsertModel(name: "base", kind: .source, locator: "/m/base")
        let input = [MergeInput(position: 0, role: .base, source: .model(id: base.id), inputIdentity: hash("a"))]
        var done: [MergeRecord] = []
        for _ in 0..<2 {
            let merge = try store.insertMerge(definition("soup", identity: hash("d")), inputs: input)
            try store.markRunning(mergeID: merge.id, engineVersion: "0.1.0")
            clock.advance(seconds: 10)
            done.append(try store.markDone(mergeID: merge.id, artifact: artifact(for: hash("d"))))
        }
        let newer = try store.insertMerge(definition("soup", identity: hash("e")), inputs: input)

        XCTAssertEqual(try store.latestMerge(named: "soup"), newer)
        XCTAssertEqual(try store.latestDoneMerge(identityHash: hash("d")), done[1])
        XCTAssertEqual(try store.merges(identityHash: hash("d")).map(\.id), [1, 2])
        XCTAssertNil(try store.latestDoneMerge(identityHash: hash("e")))
    }
}
