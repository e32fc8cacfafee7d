import Foundation
import Lineage
import Models
import Recipes
import SafeTensors

/// One merge of a plan and whether it has to be built.
public struct PlanEntry: Sendable {
    public enum Status: Sendable {
        /// A done record exists for the current identity and its output verifies.
        case upToDate(record: MergeRecord, artifact: ArtifactRecord)
        case pending(reasons: [PendingReason])
    }

    public var merge: ResolvedMerge
    public var status: Status
    /// Hub references this merge reads that are not on disk: it cannot be built until they
    /// are downloaded.
    public var missingWeights: [String]

    public var isPending: Bool {
        if case .pending = status { return true }
        return false
    }
}

/// Decides which merges of a recipe graph are up to date and why the others are pending.
///
/// A merge is up to date when the database has a done record for its identity hash (which
/// covers its recipe and the identities of all its inputs) and the recorded output still has
/// its content hash. Otherwise the reasons compare the recipe with the last record of the
/// same name, field by field.
public struct Planner {
    public var store: LineageStore
    public var hasher: ContentHasher

    public init(store: LineageStore, hasher: ContentHasher) {
        self.store = store
        self.hasher = hasher
    }

    /// Plans the merges needed for `targets` (every merge when empty), in build order.
    public func plan(_ graph: RecipeGraph, targets: [String]) throws -> [PlanEntry] {
        let needed = try Self.mergesNeeded(for: targets, in: graph)
        return try needed.map { try entry(for: $0) }
    }

    /// `targets` and every merge they read, directly or not, in the graph's build order.
    /// Targets are record names, so the unnamed final merge is the recipe file's name, as
    /// plans print it.
    public static func mergesNeeded(for targets: [String], in graph: RecipeGraph) throws -> [ResolvedMerge] {
        guard !targets.isEmpty else { return graph.merges }
        let names = graph.merges.map(\.recordName)
        var wanted = Set<String>()
        var stack: [String] = []
        for target in targets {
            guard names.contains(target) else {
                throw SchedulerError.unknownTarget(name: target, known: names)
            }
            stack.append(target)
        }
        while let name = stack.popLast() {
            guard wanted.insert(name).inserted, let merge = graph.merges.first(where: { $0.recordName == name }) else { continue }
            stack.append(contentsOf: merge.dependencies)
        }
        return graph.merges.filter { wanted.contains($0.recordName) }
    }

    private func entry(for merge: ResolvedMerge) throws -> PlanEntry {
        let missing = merge.allInputs.flatMap { input -> [String] in
            var references: [String] = []
            if case .hub(let hub) = input.model { references.append(hub.description) }
            if case .hub(let hub)? = input.adapter { references.append(hub.description) }
            return references
        }
        var reasons: [PendingReason] = []
        if let done = try store.latestDoneMerge(identityHash: merge.identity),
           let artifactID = done.outputArtifactID, let artifact = try store.artifact(id: artifactID) {
            if let problem = verify(artifact) {
                reasons.append(problem)
            } else {
                return PlanEntry(merge: merge, status: .upToDate(record: done, artifact: artifact), missingWeights: missing)
            }
        } else {
            reasons += try reasonsSinceLastRecord(of: merge)
        }
        return PlanEntry(merge: merge, status: .pending(reasons: reasons), missingWeights: missing)
    }

    /// Checks that the artifact's directory exists and its tensors still have the recorded
    /// content hash (through the file-hash cache, so unchanged files are not read again).
    func verify(_ record: ArtifactRecord) -> PendingReason? {
        let path = record.artifact.path
        guard FileManager.default.fileExists(atPath: path) else { return .outputMissing(path: path) }
        do {
            let hashes = hasher.hash(try ModelDirectory(path: path))
            if hashes.contentHash != record.artifact.contentHash {
                return .outputModified(path: path, detail: "content hash \(shortHash(hashes.contentHash)), recorded \(shortHash(record.artifact.contentHash))")
            }
        } catch {
            return .outputModified(path: path, detail: "\(error)")
        }
        return nil
    }

    /// Describes the process holding the build lease of `identity`, or returns nil when no
    /// lease exists or its holder on this host is gone. A holder on another host counts as
    /// alive, because its process id cannot be checked from here.
    private func buildingOwner(of identity: String) throws -> String? {
        guard let lease = try store.leases().first(where: { $0.identityHash == identity }) else { return nil }
        let owner = lease.owner
        guard owner.host != LeaseOwner.current.host || LeaseOwner.isProcessAlive(owner.pid) else { return nil }
        return "process \(owner.pid) on \(owner.host)"
    }

    private func reasonsSinceLastRecord(of merge: ResolvedMerge) throws -> [PendingReason] {
        guard let previous = try store.latestMerge(named: merge.recordName) else {
            return [.new]
        }
        if previous.identityHash == merge.identity {
            switch previous.state {
            case .failed: return [.previousBuildFailed(error: previous.error ?? "unknown error")]
            case .running: return [try buildingOwner(of: merge.identity).map { .building(owner: $0) } ?? .interrupted]
            case .pending, .done: return [.notBuilt]
            }
        }
        guard let recordedJSON = previous.definition.canonicalJSON,
              let recorded = try? JSONParser.parse(recordedJSON).objectValue,
              let current = try? JSONParser.parse(merge.canonicalJSON).objectValue else {
            return [.recipeChanged(fields: ["(the previous record has no canonical form)"])]
        }
        return CanonicalDiff.reasons(recorded: recorded, current: current, inputs: merge.allInputs)
    }
}
