import Foundation
import Lineage
import Merging
import Recipes

/// Builds a recorded merge again into a temporary directory and compares the content hash
/// with the record: the reproducibility check of `pedigree rebuild --check`.
public struct Rebuilder {
    public struct Result: Sendable {
        public var recorded: String
        public var rebuilt: String
        public var isIdentical: Bool { recorded == rebuilt }
    }

    public var workspace: Workspace
    public var options: RunOptions

    public init(workspace: Workspace, options: RunOptions) {
        self.workspace = workspace
        self.options = options
    }

    /// Rebuilds `name` from `graph`, reading its upstream merges from their recorded outputs.
    public func check(_ name: String, in graph: RecipeGraph) throws -> Result {
        guard let merge = graph.merges.first(where: { $0.recordName == name }) else {
            throw SchedulerError.unknownTarget(name: name, known: graph.merges.map(\.recordName))
        }
        let store = workspace.store
        guard let record = try store.latestDoneMerge(identityHash: merge.identity),
              let artifactID = record.outputArtifactID, let artifact = try store.artifact(id: artifactID) else {
            let planner = Planner(store: store, hasher: workspace.contentHasher(threadCount: options.threads))
            let entry = try planner.plan(graph, targets: [name]).last
            var reasons: [String] = []
            if case .pending(let pending)? = entry?.status { reasons = pending.map(\.description) }
            throw SchedulerError.notRecorded(merge: name, reasons: reasons)
        }
        var upstream: [String: String] = [:]
        for dependency in merge.dependencies {
            guard let upstreamMerge = graph.merge(named: dependency),
                  let done = try store.latestDoneMerge(identityHash: upstreamMerge.identity),
                  let upstreamArtifactID = done.outputArtifactID,
                  let upstreamArtifact = try store.artifact(id: upstreamArtifactID) else {
                throw SchedulerError.notRecorded(merge: dependency)
            }
            upstream[dependency] = upstreamArtifact.artifact.path
        }

        let (job, tokenizerSource) = try JobBuilder(builtMerges: upstream).job(for: merge)
        let engine = MergeEngine(options: MergeOptions(threadCount: options.threads, memoryBudget: options.memoryBudget))
        let plan = try engine.plan(job)
        try FileManager.default.createDirectory(atPath: workspace.artifactsDirectory, withIntermediateDirectories: true)
        let temporary = (workspace.artifactsDirectory as NSString).appendingPathComponent(".rebuild-\(getpid())-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        let output = try engine.write(plan, to: temporary, recipeText: merge.documentText, tokenizerSource: tokenizerSource,
                                      maximumShardBytes: options.maximumShardBytes)
        return Result(recorded: artifact.artifact.contentHash, rebuilt: output.contentHash)
    }
}
