import Foundation
import Lineage
import Merging
import Models
import Recipes
import SafeTensors

extension Runner {
    /// Builds one merge (or finds it built by another process), on the calling thread, with
    /// a database connection of its own.
    ///
    /// - Parameter runStarted: when this run began, before it planned. A done record of the
    ///   merge's identity that is newer was made by another process in the meantime.
    func build(_ entry: PlanEntry, upstream: [String: BuiltOutput], runID: Int64, runStarted: Date,
               memoryBudget: Int, threads: Int) -> BuildOutcome {
        let merge = entry.merge
        let name = merge.recordName
        if case .upToDate(let record, let artifact) = entry.status {
            handler(.reused(merge: name, contentHash: artifact.artifact.contentHash, path: artifact.artifact.path))
            return .reused(BuiltOutput(path: artifact.artifact.path, contentHash: artifact.artifact.contentHash, mergeID: record.id))
        }
        var mergeID: Int64?
        do {
            let store = try LineageStore(path: workspace.databasePath)
            if !entry.missingWeights.isEmpty {
                throw SchedulerError.weightsMissing(reference: entry.missingWeights.joined(separator: ", "),
                                                    hint: "download them into the Hugging Face cache first")
            }
            guard let record = try mergeRecord(for: merge, upstream: upstream, store: store, runStarted: runStarted) else {
                // Another process built it after this run planned.
                return try reuseAfterWaiting(merge, store: store)
            }
            mergeID = record.id
            guard let lease = try acquireLease(for: record, store: store) else {
                // Another process built it while this one waited.
                return try reuseAfterWaiting(merge, store: store)
            }
            defer { try? store.releaseLease(lease) }
            // The process this one waited for may have failed on the same row.
            if try store.merge(id: record.id)?.state == .failed {
                try store.markPending(mergeID: record.id)
            }
            if let done = try store.latestDoneMerge(identityHash: merge.identity), let output = try verifiedOutput(of: done, store: store) {
                handler(.reused(merge: name, contentHash: output.contentHash, path: output.path))
                return .reused(output)
            }

            try store.recordEvent(runID: runID, mergeID: record.id, kind: .started,
                                  message: entryReasons(entry).map(\.description).joined(separator: "; "))
            handler(.started(merge: name, reasons: entryReasons(entry)))
            let started = Date()
            let output = try withHeartbeat(lease) {
                try buildOutput(of: merge, record: record, upstream: upstream, store: store, memoryBudget: memoryBudget, threads: threads)
            }
            let seconds = Date().timeIntervalSince(started)
            try store.recordEvent(runID: runID, mergeID: record.id, kind: .finished,
                                  message: "built \(output.contentHash) in \(String(format: "%.2f", seconds)) s")
            handler(.finished(merge: name, contentHash: output.contentHash, seconds: seconds, path: output.path))
            return .built(output)
        } catch {
            let message = "\(error)"
            if let mergeID, let store = try? LineageStore(path: workspace.databasePath) {
                if let record = try? store.merge(id: mergeID), record.state == .running {
                    _ = try? store.markFailed(mergeID: mergeID, error: message)
                }
                _ = try? store.recordEvent(runID: runID, mergeID: mergeID, kind: .failed, message: message)
            }
            handler(.failed(merge: name, error: message))
            return .failed(message)
        }
    }

    private func entryReasons(_ entry: PlanEntry) -> [PendingReason] {
        if case .pending(let reasons) = entry.status { return reasons }
        return []
    }

    /// Returns the row to build: an existing pending, running or failed row of this identity,
    /// or a new one with the merge's inputs. Returns nil, inserting nothing, when another
    /// process recorded the identity done after `runStarted`, so a concurrent run leaves no
    /// pending row behind for a merge that is built.
    private func mergeRecord(for merge: ResolvedMerge, upstream: [String: BuiltOutput], store: LineageStore,
                             runStarted: Date) throws -> MergeRecord? {
        try store.database.transaction {
            let existing = try store.merges(identityHash: merge.identity)
            if let reusable = existing.last(where: { $0.state != .done }) {
                if reusable.state == .failed { return try store.markPending(mergeID: reusable.id) }
                return reusable
            }
            if existing.contains(where: { ($0.finishedAt ?? .distantPast) > runStarted }) {
                return nil
            }
            let recipePath = Workspace.absolutePath(merge.location.file)
            return try store.insertMerge(merge.definition(recipePath: recipePath), inputs: try inputRows(of: merge, upstream: upstream, store: store))
        }
    }

    /// Lists the `merge_inputs` rows: base and ingredients (or slice bases and sources), each
    /// followed by a row for its adapter.
    private func inputRows(of merge: ResolvedMerge, upstream: [String: BuiltOutput], store: LineageStore) throws -> [Lineage.MergeInput] {
        var rows: [Lineage.MergeInput] = []
        var inputs: [(ResolvedInput, InputRole, Double?, [String: ParameterValue])] = []
        if let base = merge.base { inputs.append((base, .base, nil, [:])) }
        for ingredient in merge.ingredients {
            inputs.append((ingredient.input, .ingredient, ingredient.parameters["weight"]?.scalarNumber, ingredient.parameters))
        }
        for slice in merge.slices ?? [] {
            if let base = slice.base { inputs.append((base, .base, nil, [:])) }
            for source in slice.sources {
                inputs.append((source.input, .ingredient, source.parameters["weight"]?.scalarNumber, source.parameters))
            }
        }
        for (input, role, weight, parameters) in inputs {
            let position = rows.count
            let source: MergeInputSource
            switch input.model {
            case .merge(let upstreamName):
                guard let output = upstream[upstreamName] else { throw SchedulerError.upstreamNotBuilt(merge: upstreamName) }
                source = .merge(id: output.mergeID)
            case .directory(let path, let hub):
                let name = hub?.repo ?? modelName(written: input.reference.model.path, resolvedPath: path, recipe: merge.location.file)
                source = .model(id: try store.upsertModel(name: name, kind: .source, locator: path,
                                                          revision: hub?.revision, isPinned: true).id)
            case .hub(let hub):
                source = .model(id: try store.upsertModel(name: hub.repo, kind: .source, locator: "hf:\(hub.repo)",
                                                          revision: hub.revision, isPinned: false).id)
            }
            let parameterMembers = parameters.map { JSONObject.Member(key: $0.key, value: $0.value.canonicalJSON) }
            rows.append(Lineage.MergeInput(
                position: position, role: role, source: source, weight: weight,
                parametersJSON: JSONValue.object(JSONObject(parameterMembers)).serialized(sortedKeys: true),
                inputIdentity: input.identity.model))
            if let adapter = input.adapter, let adapterIdentity = input.identity.adapter {
                let model: ModelRecord
                switch adapter {
                case .directory(let path, let hub):
                    let name = hub?.repo ?? modelName(written: input.reference.adapter?.path ?? path, resolvedPath: path, recipe: merge.location.file)
                    model = try store.upsertModel(name: name, kind: .adapter, locator: path, revision: hub?.revision, isPinned: true)
                case .hub(let hub):
                    model = try store.upsertModel(name: hub.repo, kind: .adapter, locator: "hf:\(hub.repo)", revision: hub.revision, isPinned: false)
                }
                rows.append(Lineage.MergeInput(position: rows.count, role: .adapter, source: .model(id: model.id),
                                               adapterTarget: position, inputIdentity: adapterIdentity))
            }
        }
        return rows
    }

    /// Returns the name to record a source under: the recipe's `ORG/NAME` when it was found
    /// under a `--models-dir` root (it reads better and is the same in every checkout), else
    /// the resolved absolute path.
    private func modelName(written: String, resolvedPath: String, recipe: String) -> String {
        let isRelativePath = written.hasPrefix("/") || written.hasPrefix(".") || written.hasPrefix("~")
        guard !isRelativePath, written.split(separator: "/").count == 2 else { return resolvedPath }
        let recipeFolder = (Workspace.absolutePath(recipe) as NSString).deletingLastPathComponent
        for folder in [recipeFolder, FileManager.default.currentDirectoryPath] {
            if FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(written)) { return resolvedPath }
        }
        return written
    }

    /// Takes the build lease on the merge's identity, waiting while a live process holds it.
    /// Returns nil when the holder finished (the caller then reuses its output).
    private func acquireLease(for record: MergeRecord, store: LineageStore) throws -> Lease? {
        var announced = false
        while true {
            switch try store.acquireLease(mergeID: record.id, staleAfter: options.leaseTimeout) {
            case .acquired(let lease):
                return lease
            case .tookOver(let lease, let previous):
                handler(.recovered(merge: record.name, detail: "took over the build of process \(previous.owner.pid) on \(previous.owner.host), which is gone"))
                if let stale = try store.merge(id: previous.mergeID), stale.state == .running {
                    try store.markPending(mergeID: stale.id)
                }
                return lease
            case .heldBy(let holder):
                if !announced {
                    handler(.waiting(merge: record.name, owner: "process \(holder.owner.pid) on \(holder.owner.host)"))
                    announced = true
                }
                Thread.sleep(forTimeInterval: 0.5)
                if try store.latestDoneMerge(identityHash: record.identityHash) != nil { return nil }
            }
        }
    }

    private func reuseAfterWaiting(_ merge: ResolvedMerge, store: LineageStore) throws -> BuildOutcome {
        guard let done = try store.latestDoneMerge(identityHash: merge.identity),
              let output = try verifiedOutput(of: done, store: store) else {
            throw SchedulerError.busy(merge: merge.recordName, owner: "another process, whose output does not verify")
        }
        handler(.reused(merge: merge.recordName, contentHash: output.contentHash, path: output.path))
        return .reused(output)
    }

    private func verifiedOutput(of record: MergeRecord, store: LineageStore) throws -> BuiltOutput? {
        guard let artifactID = record.outputArtifactID, let artifact = try store.artifact(id: artifactID) else { return nil }
        let planner = Planner(store: store, hasher: workspace.contentHasher(threadCount: options.threads))
        guard planner.verify(artifact) == nil else { return nil }
        return BuiltOutput(path: artifact.artifact.path, contentHash: artifact.artifact.contentHash, mergeID: record.id)
    }

    /// Runs the engine into the artifact store and records the result: tensor statistics,
    /// then the artifact and the done state in one transaction.
    private func buildOutput(of merge: ResolvedMerge, record: MergeRecord, upstream: [String: BuiltOutput], store: LineageStore,
                             memoryBudget: Int, threads: Int) throws -> BuiltOutput {
        let builder = JobBuilder(builtMerges: upstream.mapValues(\.path))
        let (job, tokenizerSource) = try builder.job(for: merge)
        var inputHashes: [Int: String] = [:]
        for input in try store.inputs(ofMerge: record.id) {
            if case .merge(let id) = input.source, let output = upstream.values.first(where: { $0.mergeID == id }) {
                inputHashes[input.position] = output.contentHash
            } else if input.inputIdentity.hasPrefix("sha256:") {
                // A source's identity is its content hash.
                inputHashes[input.position] = input.inputIdentity
            }
        }
        try store.markRunning(mergeID: record.id, engineVersion: options.engineVersion, inputContentHashes: inputHashes)
        let name = merge.recordName
        pauseIfRequested(at: "before-write", merge: name)

        let handler = self.handler
        let engine = MergeEngine(options: MergeOptions(threadCount: threads, memoryBudget: memoryBudget)) { [self] event in
            switch event {
            case .progress(let progress):
                handler(.progress(merge: name, progress))
                pauseIfRequested(at: "during-write", merge: name)
            case .warning(let message):
                handler(.warning(merge: name, message: message))
            }
        }
        let plan = try engine.plan(job)
        try FileManager.default.createDirectory(atPath: workspace.artifactsDirectory, withIntermediateDirectories: true)
        let destination = workspace.artifactPath(forIdentity: merge.identity)
        let output = try engine.write(plan, to: destination, recipeText: merge.documentText, tokenizerSource: tokenizerSource,
                                      maximumShardBytes: options.maximumShardBytes)
        pauseIfRequested(at: "after-write-before-record", merge: name)
        try checkSourcesUnchanged(merge)

        let statistics = output.statistics.sorted { $0.key < $1.key }.map { tensor, stats in
            TensorStat(tensor: tensor, t: stats.t, meanCosine: stats.meanCosine, minCosine: stats.minimumCosine, maxCosine: stats.maximumCosine)
        }
        try store.recordTensorStats(mergeID: record.id, statistics)
        let artifact = try builtArtifact(at: destination, output: output, identity: merge.identity)
        try store.markDone(mergeID: record.id, artifact: artifact)
        writeModelCard(of: name, into: destination)
        return BuiltOutput(path: destination, contentHash: output.contentHash, mergeID: record.id)
    }

    /// Builds the artifact record of a written output: every file with its size and SHA-256, and
    /// the tensor figures.
    private func builtArtifact(at path: String, output: MergeOutput, identity: String) throws -> BuiltArtifact {
        let model = try ModelDirectory(path: path)
        var files: [ArtifactFile] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: path).sorted() {
            let filePath = (path as NSString).appendingPathComponent(name)
            let size = (try FileManager.default.attributesOfItem(atPath: filePath)[.size] as? NSNumber)?.intValue ?? 0
            let digest = try output.fileSHA256[name] ?? fileSHA256(filePath)
            files.append(ArtifactFile(name: name, size: size, sha256: digest))
        }
        var tensorCount = 0, parameterCount = 0
        var dtypes = Set<String>()
        for file in model.weightFiles {
            for info in file.tensors {
                tensorCount += 1
                parameterCount += info.elementCount
                if info.dtype.isFloatingPoint { dtypes.insert(info.dtype.rawValue) }
            }
        }
        return BuiltArtifact(path: path, contentHash: output.contentHash, tensorCount: tensorCount, parameterCount: parameterCount,
                             dtype: dtypes.count == 1 ? dtypes.first! : "mixed", identityHash: identity, files: files)
    }

    /// Writes `README.md` into a recorded output; a failure is a warning, because the card can
    /// be written again with `pedigree card`.
    private func writeModelCard(of name: String, into path: String) {
        guard let render = options.modelCard else { return }
        do {
            let card = try render(name, workspace.databasePath)
            try Data(card.utf8).write(to: URL(fileURLWithPath: (path as NSString).appendingPathComponent("README.md")), options: .atomic)
        } catch {
            handler(.warning(merge: name, message: "could not write the model card README.md: \(error)"))
        }
    }

    /// Hashes the merge's source models and adapters again and throws when one no longer has
    /// the content hash its identity was planned with. An unchanged file costs a `stat` and a
    /// cache lookup, and only a changed file is hashed in full.
    private func checkSourcesUnchanged(_ merge: ResolvedMerge) throws {
        let sources = workspace.sourceIdentities(threadCount: options.threads)
        for input in merge.allInputs {
            var planned: [(path: String, identity: String?)] = []
            if case .directory(let path, _) = input.model { planned.append((path, input.identity.model)) }
            if case .directory(let path, _)? = input.adapter { planned.append((path, input.identity.adapter)) }
            for (path, identity) in planned where identity?.hasPrefix("sha256:") == true {
                if try sources.contentHash(ofDirectoryAt: path) != identity {
                    throw SchedulerError.inputChangedDuringBuild(merge: merge.recordName, input: input.reference.description)
                }
            }
        }
    }

    /// Renews `lease` on another thread (with its own connection) while `body` runs.
    private func withHeartbeat<Result>(_ lease: Lease, _ body: () throws -> Result) throws -> Result {
        let heartbeat = Heartbeat(databasePath: workspace.databasePath, lease: lease, interval: max(1, options.leaseTimeout / 4))
        defer { heartbeat.stop() }
        return try body()
    }
}

extension Runner {
    /// The value of `PEDIGREE_TEST_PAUSE_AT`: `POINT` or `POINT:MERGE`.
    private static let requestedPause = ProcessInfo.processInfo.environment["PEDIGREE_TEST_PAUSE_AT"]

    /// Test hook for the crash-safety tests: when `PEDIGREE_TEST_PAUSE_AT` names `point`
    /// (for any merge, or for `merge` only), reports a warning and sleeps 5 minutes so the
    /// test can SIGKILL the process at a known step. The points are `before-write` (the row
    /// is running), `during-write` (after each chunk the engine writes), `after-write-before-record`
    /// (the output is renamed into place but not recorded) and `between-merges`.
    func pauseIfRequested(at point: String, merge: String) {
        guard let requested = Self.requestedPause, requested == point || requested == "\(point):\(merge)" else { return }
        handler(.warning(merge: merge, message: "paused at \(point) for PEDIGREE_TEST_PAUSE_AT"))
        Thread.sleep(forTimeInterval: 300)
    }
}

/// Computes the SHA-256 of a whole file through a memory mapping.
func fileSHA256(_ path: String) throws -> String {
    try MappedFile(path: path).withBytes { SHA256Hasher.hex(of: $0) }
}

extension ParameterValue {
    /// The value when it is one number for every tensor; nil for gradients and conditionals.
    var scalarNumber: Double? {
        if case .number(let value) = self { return value }
        return nil
    }
}
