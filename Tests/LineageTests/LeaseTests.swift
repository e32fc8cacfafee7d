import Foundation
import XCTest
@testable import Lineage

final class LeaseTests: XCTestCase {
    private let clock = TestClock()
    private let first = LeaseOwner(pid: 100, host: "alpha")
    private let second = LeaseOwner(pid: 200, host: "alpha")
    private let remote = LeaseOwner(pid: 300, host: "beta")
    private let everyoneAlive: (Int32) -> Bool = { _ in true }

    private func makeMerges(_ count: Int, in store: LineageStore) throws -> [MergeRecord] {
        let base = try store.upsertModel(name: "base", kind: .source, locator: "/m/base")
        return try (0..<count).map { index in
            try store.insertMerge(
                MergeDefinition(
                    identityHash: "sha256:" + String(format: "%064x", index), name: "merge\(index)", method: "linear",
                    semantics: .pedigree, parametersJSON: "{}"),
                inputs: [MergeInput(position: 0, role: .base, source: .model(id: base.id), inputIdentity: hash("a"))]
            )
        }
    }

    func testAcquireFreeLeaseThenOthersAreHeldOff() throws {
        let (store, _) = try makeStore(clock: clock)
        let merge = try makeMerges(1, in: store)[0]

        let acquired = try store.acquireLease(mergeID: merge.id, owner: first, staleAfter: 60, isProcessAlive: everyoneAlive)
        let expected = Lease(
            identityHash: merge.identityHash, mergeID: merge.id, owner: first, acquiredAt: clock.now, heartbeatAt: clock.now)

        XCTAssertEqual(acquired, .acquired(expected))
        XCTAssertEqual(try store.acquireLease(mergeID: merge.id, owner: second, staleAfter: 60, isProcessAlive: everyoneAlive),
                       .heldBy(expected))
        XCTAssertEqual(try store.acquireLease(mergeID: merge.id, owner: first, staleAfter: 60, isProcessAlive: everyoneAlive),
                       .heldBy(expected), "a live lease is not taken again, even by its holder")
        XCTAssertEqual(try store.leases(), [expected])
    }

    func testRenewMovesHeartbeatAndReleaseFrees() throws {
        let (store, _) = try makeStore(clock: clock)
        let merge = try makeMerges(1, in: store)[0]
        let lease = try XCTUnwrap(
            try store.acquireLease(mergeID: merge.id, owner: first, staleAfter: 60, isProcessAlive: everyoneAlive).acquiredLease)

        clock.advance(seconds: 45)
        let renewed = try store.renewLease(lease)
        clock.advance(seconds: 45)

        XCTAssertEqual(renewed.heartbeatAt, clock.now.addingTimeInterval(-45))
        XCTAssertEqual(try store.acquireLease(mergeID: merge.id, owner: second, staleAfter: 60, isProcessAlive: everyoneAlive),
                       .heldBy(renewed))

        try store.releaseLease(renewed)
        XCTAssertEqual(try store.leases(), [])
        assertThrows(LineageError.leaseNotHeld(identityHash: merge.identityHash, owner: first)) {
            try store.releaseLease(renewed)
        }
    }

    func testExpiredHeartbeatIsTakenOver() throws {
        let (store, _) = try makeStore(clock: clock)
        let merge = try makeMerges(1, in: store)[0]
        let old = try XCTUnwrap(
            try store.acquireLease(mergeID: merge.id, owner: remote, staleAfter: 60, isProcessAlive: everyoneAlive).acquiredLease)

        clock.advance(seconds: 60)
        XCTAssertEqual(try store.staleLeases(staleAfter: 60, host: "alpha", isProcessAlive: everyoneAlive), [])
        XCTAssertEqual(try store.acquireLease(mergeID: merge.id, owner: first, staleAfter: 60, isProcessAlive: everyoneAlive),
                       .heldBy(old))

        clock.now = Date(timeIntervalSince1970: 1_767_225_660.001)  // 1 ms past the expiry
        XCTAssertEqual(try store.staleLeases(staleAfter: 60, host: "alpha", isProcessAlive: everyoneAlive), [old])
        let takeover = try store.acquireLease(mergeID: merge.id, owner: first, staleAfter: 60, isProcessAlive: everyoneAlive)

        let new = Lease(identityHash: merge.identityHash, mergeID: merge.id, owner: first, acquiredAt: clock.now, heartbeatAt: clock.now)
        XCTAssertEqual(takeover, .tookOver(new, previous: old))
        assertThrows(LineageError.leaseNotHeld(identityHash: merge.identityHash, owner: remote)) {
            _ = try store.renewLease(old)
        }
        XCTAssertEqual(
            LineageError.leaseNotHeld(identityHash: hash("a"), owner: remote).description,
            "process 300 on beta does not hold the lease on \(hash("a")); another process may have taken it "
                + "over after its heartbeat expired"
        )
    }

    func testDeadProcessOnSameHostIsTakenOver() throws {
        let (store, _) = try makeStore(clock: clock)
        let merges = try makeMerges(2, in: store)
        let onlySecondAlive: (Int32) -> Bool = { $0 == 200 }
        _ = try store.acquireLease(mergeID: merges[0].id, owner: first, staleAfter: 600, isProcessAlive: everyoneAlive)
        _ = try store.acquireLease(mergeID: merges[1].id, owner: remote, staleAfter: 600, isProcessAlive: everyoneAlive)

        let local = try store.acquireLease(mergeID: merges[0].id, owner: second, staleAfter: 600, isProcessAlive: onlySecondAlive)
        let other = try store.acquireLease(mergeID: merges[1].id, owner: second, staleAfter: 600, isProcessAlive: onlySecondAlive)

        guard case .tookOver(let lease, let previous) = local else {
            return XCTFail("expected a takeover, got \(local)")
        }
        XCTAssertEqual(lease.owner, second)
        XCTAssertEqual(previous.owner, first)
        guard case .heldBy(let holder) = other else {
            return XCTFail("a process on another host cannot be checked, so its lease stays: \(other)")
        }
        XCTAssertEqual(holder.owner, remote)
    }

    func testProcessLivenessUsesRealProcesses() throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sh")
        child.arguments = ["-c", "exit 0"]
        try child.run()
        child.waitUntilExit()

        XCTAssertTrue(LeaseOwner.isProcessAlive(getpid()))
        XCTAssertFalse(LeaseOwner.isProcessAlive(child.processIdentifier))
        XCTAssertEqual(LeaseOwner.current.pid, getpid())
        XCTAssertEqual(LeaseOwner.current.host, try Self.output(of: "/bin/hostname"))
    }

    private static func output(of program: String) throws -> String {
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: program)
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func testTwoConnectionsRaceForEachLeaseOnceEach() throws {
        let (setup, path) = try makeStore()
        let merges = try makeMerges(50, in: setup)
        let winners = RaceResults()
        let barrier = Barrier(parties: 2)
        // Both owners are live processes on this host, so neither lease can look stale.
        let owners = [LeaseOwner(pid: getpid(), host: "race"), LeaseOwner(pid: getppid(), host: "race")]
        let mergeIDs = merges.map(\.id)

        DispatchQueue.concurrentPerform(iterations: owners.count) { index in
            do {
                let store = try LineageStore(path: path)
                for mergeID in mergeIDs {
                    // Both threads start each acquisition together, so their transactions overlap.
                    barrier.wait()
                    let result = try store.acquireLease(mergeID: mergeID, owner: owners[index], staleAfter: 3_600)
                    if result.acquiredLease != nil {
                        winners.record(mergeID)
                    }
                }
            } catch {
                winners.fail(error)
                barrier.abandon()
            }
        }

        XCTAssertEqual(winners.errors, [])
        XCTAssertEqual(winners.mergeIDs.sorted(), mergeIDs, "exactly one winner per merge")
        XCTAssertEqual(try setup.leases().count, 50)
        XCTAssertEqual(try setup.database.integrityCheck(), ["ok"])
    }
}

/// Results of the concurrent lease race, collected under a lock.
private final class RaceResults: @unchecked Sendable {
    private let lock = NSLock()
    private var winnerIDs: [Int64] = []
    private var failures: [String] = []

    func record(_ mergeID: Int64) {
        lock.withLock { winnerIDs.append(mergeID) }
    }

    func fail(_ error: Error) {
        lock.withLock { failures.append("\(error)") }
    }

    var mergeIDs: [Int64] { lock.withLock { winnerIDs } }
    var errors: [String] { lock.withLock { failures } }
}

/// A reusable barrier: `wait` returns once `parties` threads have called it.
private final class Barrier: @unchecked Sendable {
    private let condition = NSCondition()
    private let parties: Int
    private var waiting = 0
    private var generation = 0
    private var isAbandoned = false

    init(parties: Int) {
        self.parties = parties
    }

    func wait() {
        condition.lock()
        defer { condition.unlock() }
        let arrival = generation
        waiting += 1
        if waiting == parties {
            waiting = 0
            generation += 1
            condition.broadcast()
            return
        }
        while generation == arrival && !isAbandoned {
            condition.wait()
        }
    }

    /// Releases every waiter for good, so a failing thread cannot leave the other blocked.
    func abandon() {
        condition.lock()
        isAbandoned = true
        condition.broadcast()
        condition.unlock()
    }
}
