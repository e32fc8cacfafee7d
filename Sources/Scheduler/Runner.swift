import Foundation
import Lineage
import Merging
import Models
import Recipes

/// Builds the pending merges of a recipe graph in topological order and records each in the
/// lineage database.
///
/// A merge is recorded as done only after its output is complete, hashed and renamed into
/// place, in the same transaction that records the artifact. Each build holds a lease on its
/// identity, so two runs on one database never build the same merge twice. A run that finds
/// a lease of a process that is gone takes it over and discards the partial output.
public final class Runner: @unchecked Sendable {
    // @unchecked: the coordinator's state lives in `run`; builds on other threads share only
    // immutable settings and open their own database connections.
    let workspace: Workspace
    let options: RunOptions
    let handler: @Sendable (RunEvent) -> Void

    public init(workspace: Workspace, options: RunOptions, handler: @escaping @Sendable (RunEvent) -> Void) {
        self.workspace = workspace
        self.options = options
        self.handler = handler
    }

    /// Builds what `targets` need (everything when empty) and returns what happened to each
    /// merge. Failures of single merges are reported in the summary, not thrown; merges that
    /// read a failed one are skipped.
    public func run(_ graph: RecipeGraph, targets: [String], commandLine: [String]) throws -> RunSummary {
        let store = workspace.store
        let recovered = try recoverStaleBuilds(store)
        let run = try store.beginRun(commandLine: commandLine)
        let planner = Planner(store: store, hasher: workspace.contentHasher(threadCount: options.threads))
        var entries = try planner.plan(graph, targets: targets)
        // The recovery set interrupted builds back to pending, which the plan alone reports
        // as not built yet.
        for index in entries.indices where recovered.contains(entries[index].merge.identity) {
            if case .pending(let reasons) = entries[index].status, reasons == [.notBuilt] {
                entries[index].status = .pending(reasons: [.interrupted])
            }
        }

        var summary = RunSummary()
        var outputs: [String: BuiltOutput] = [:]
        var blocked: [String: String] = [:]
        var remaining = entries
        var running = Set<String>()
        let completions = Completions()

        while !remaining.isEmpty || !running.isEmpty {
            var launched = false
            var index = 0
            while index < remaining.count, running.count < max(1, options.jobs) {
                let entry = remaining[index]
                let dependencies = entry.merge.dependencies
                if let failedDependency = dependencies.first(where: { blocked[$0] != nil }) {
                    remaining.remove(at: index)
                    let reason = "it reads \(failedDependency), which was not built"
                    blocked[entry.merge.recordName] = reason
                    summary.skipped.append(entry.merge.recordName)
                    handler(.skipped(merge: entry.merge.recordName, reason: reason))
                    continue
                }
                guard dependencies.allSatisfy({ outputs[$0] != nil }) else {
                    index += 1
                    continue
                }
                remaining.remove(at: index)
                let upstream = outputs
                running.insert(entry.merge.recordName)
                launched = true
                let budget = options.memoryBudget / max(1, options.jobs)
                let threads = max(1, options.threads / max(1, options.jobs))
                DispatchQueue.global().async { [self] in
                    let outcome = self.build(entry, upstream: upstream, runID: run.id, runStarted: run.startedAt,
                                             memoryBudget: budget, threads: threads)
                    completions.add(entry, outcome)
                }
            }
            if running.isEmpty && !launched {
                // Nothing runs and nothing can start: the rest reads merges outside the plan.
                for entry in remaining {
                    summary.skipped.append(entry.merge.recordName)
                    handler(.skipped(merge: entry.merge.recordName, reason: "its inputs are not built"))
                }
                break
            }
            for (entry, outcome) in completions.waitForAny() {
                let name = entry.merge.recordName
                running.remove(name)
                switch outcome {
                case .built(let output):
                    outputs[name] = output
                    summary.built.append(name)
                case .reused(let output):
                    outputs[name] = output
                    summary.reused.append(name)
                case .failed(let message):
                    blocked[name] = message
                    summary.failed.append(name)
                }
                if let output = outputs[name] {
                    linkOutput(named: name, to: output.path)
                }
                pauseIfRequested(at: "between-merges", merge: name)
            }
        }
        try store.finishRun(id: run.id, outcome: summary.succeeded ? .succeeded : .failed)
        return summary
    }

    /// Marks runs and builds of processes that are gone as interrupted, sets their merges
    /// back to pending, and removes their leases and partial output directories. Returns the
    /// identities of the merges set back to pending.
    private func recoverStaleBuilds(_ store: LineageStore) throws -> Set<String> {
        try store.markInterruptedRuns()
        let staleLeases = try store.staleLeases(staleAfter: options.leaseTimeout)
        let stale = Set(staleLeases.map(\.identityHash))
        let live = Set(try store.leases().map(\.identityHash)).subtracting(stale)
        var recovered = Set<String>()
        for merge in try store.merges(inState: .running) where !live.contains(merge.identityHash) {
            // NOTE: when a done record of the same identity verifies (the interrupted build was
            // replacing a damaged output), this row stays pending because no run builds it
            // again, and the store has no call to discard it.
            try store.markPending(mergeID: merge.id)
            recovered.insert(merge.identityHash)
            handler(.recovered(merge: merge.name, detail: "its build was interrupted; it is pending again"))
        }
        // Released here, because a merge that turns out up to date never takes its lease over,
        // and `status` would list the dead process as building it. A lease another run took
        // over meanwhile no longer matches and stays.
        for lease in staleLeases {
            try? store.releaseLease(lease)
        }
        removePartialOutputs(except: live)
        return recovered
    }

    /// Removes staging directories (`.HEX.pedigree-partial-*`) in the artifact store whose
    /// identity no live process is building.
    private func removePartialOutputs(except live: Set<String>) {
        let fileManager = FileManager.default
        let entries = (try? fileManager.contentsOfDirectory(atPath: workspace.artifactsDirectory)) ?? []
        for entry in entries where entry.hasPrefix(".") && entry.contains(".pedigree-partial-") {
            let hex = entry.dropFirst().prefix { $0 != "." }
            guard !live.contains("sha256:" + hex) else { continue }
            try? fileManager.removeItem(atPath: (workspace.artifactsDirectory as NSString).appendingPathComponent(entry))
        }
    }

    /// Makes `out/NAME` a symbolic link to the artifact, replacing an older link.
    private func linkOutput(named name: String, to path: String) {
        guard let outDirectory = options.outDirectory else { return }
        let fileManager = FileManager.default
        let link = (outDirectory as NSString).appendingPathComponent(name)
        do {
            try fileManager.createDirectory(atPath: outDirectory, withIntermediateDirectories: true)
            let temporary = link + ".pedigree-link-\(getpid())"
            try? fileManager.removeItem(atPath: temporary)
            try fileManager.createSymbolicLink(atPath: temporary, withDestinationPath: path)
            guard rename(temporary, link) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: link])
            }
        } catch {
            handler(.warning(merge: name, message: "could not link \(link) to \(path): \(error.localizedDescription)"))
        }
    }
}

/// The location and hash of a merge's output, once built or found up to date.
struct BuiltOutput: Sendable {
    var path: String
    var contentHash: String
    var mergeID: Int64
}

enum BuildOutcome: Sendable {
    case built(BuiltOutput)
    case reused(BuiltOutput)
    case failed(String)
}

/// Build outcomes handed from worker threads to the coordinator.
private final class Completions: @unchecked Sendable {
    // @unchecked: `pending` is only touched under `lock`.
    private let lock = NSLock()
    private let signal = DispatchSemaphore(value: 0)
    private var pending: [(PlanEntry, BuildOutcome)] = []

    func add(_ entry: PlanEntry, _ outcome: BuildOutcome) {
        lock.lock()
        pending.append((entry, outcome))
        lock.unlock()
        signal.signal()
    }

    /// Waits until at least one build finished and returns every outcome not yet taken.
    func waitForAny() -> [(PlanEntry, BuildOutcome)] {
        signal.wait()
        lock.lock()
        defer { lock.unlock() }
        let taken = pending
        pending.removeAll()
        // One signal was consumed; the others stay for outcomes already taken, so drain them.
        for _ in 1..<max(taken.count, 1) { signal.wait() }
        return taken
    }
}
