import Foundation
import Lineage
import Merging
import Models
import SafeTensors

/// Builds the lineage graph of recorded merges from the lineage database.
///
/// The graph contains what the queries on the given names need: each name's merge (the latest
/// row of that name) or model, every merge downstream of it, and the ancestry of all of
/// those, found with the store's recursive queries. A merge input names the exact row it
/// read, so an older row of a rebuilt merge can appear beside the latest one. The latest
/// keeps the plain name and older rows are shown as `NAME@` and 12 hex digits of their
/// identity.
public struct RecordedLineage {
    private let store: LineageStore
    private let databasePath: String

    private var mergeNames: [Int64: String] = [:]
    private var usedNames: Set<String> = []
    /// Merge rows in the order found; nodes and edges list them by id.
    private var mergeOrder: [Int64] = []
    private var modelIDs: Set<Int64> = []
    private var inputs: [Int64: [Lineage.MergeInput]] = [:]

    /// Reads the graph around `names` from `store`, whose file is `databasePath`.
    /// - Throws: `RecordedLineageError.notRecorded` for a name with no merge or model row,
    ///   and the store's errors.
    public static func graph(store: LineageStore, databasePath: String, around names: [String]) throws -> LineageGraph {
        var builder = RecordedLineage(store: store, databasePath: databasePath)
        var seeds: [Lineage.LineageNode] = []
        for name in names {
            if let merge = try store.latestMerge(named: name) {
                builder.claimName(name, forMerge: merge.id)
                seeds.append(.merge(id: merge.id))
            } else if let model = try store.model(named: name) {
                seeds.append(.model(id: model.id))
            } else {
                throw RecordedLineageError.notRecorded(name, database: databasePath)
            }
        }
        for seed in seeds {
            var merges: [Int64] = []
            if case .merge(let id) = seed { merges.append(id) }
            if case .model(let id) = seed { builder.noteModel(id) }
            merges += try store.usedBy(seed).map(\.mergeID)
            for id in merges {
                try builder.addMerge(id)
                for ancestor in try store.ancestry(ofMerge: id) {
                    switch ancestor.node {
                    case .merge(let ancestorID): try builder.addMerge(ancestorID)
                    case .model(let modelID): builder.noteModel(modelID)
                    }
                }
            }
        }
        return try builder.build()
    }

    private init(store: LineageStore, databasePath: String) {
        self.store = store
        self.databasePath = databasePath
    }

    private mutating func claimName(_ name: String, forMerge id: Int64) {
        guard mergeNames[id] == nil else { return }
        mergeNames[id] = name
        usedNames.insert(name)
    }

    private mutating func noteModel(_ id: Int64) {
        modelIDs.insert(id)
    }

    private mutating func addMerge(_ id: Int64) throws {
        guard inputs[id] == nil else { return }
        inputs[id] = try store.inputs(ofMerge: id)
        mergeOrder.append(id)
        if mergeNames[id] == nil, let record = try store.merge(id: id) {
            var name = record.name
            if usedNames.contains(name) { name += "@" + shortHash(record.identityHash) }
            if usedNames.contains(name) { name += "#\(id)" }
            claimName(name, forMerge: id)
        }
    }

    /// Reads the rows and assembles the graph, inputs before the merges that read them.
    private func build() throws -> LineageGraph {
        var modelNames: [Int64: String] = [:]
        var edgesByModel: [Int64: Lineage.MergeInput] = [:]
        for id in mergeOrder {
            for input in inputs[id]! {
                if case .model(let modelID) = input.source, edgesByModel[modelID] == nil { edgesByModel[modelID] = input }
            }
        }
        var nodes: [LineageNode] = []
        // Rows in id order, which is the order they were first recorded.
        for id in modelIDs.union(edgesByModel.keys).sorted() {
            guard let model = try store.model(id: id) else { continue }
            modelNames[id] = model.name
            nodes.append(Self.node(model, edge: edgesByModel[id]))
        }
        for id in mergeOrder.sorted() {
            guard let record = try store.merge(id: id) else { continue }
            nodes.append(try mergeNode(record))
        }
        var edges: [LineageEdge] = []
        for id in mergeOrder.sorted() {
            for input in inputs[id]! {
                let parent: String?
                switch input.source {
                case .model(let modelID): parent = modelNames[modelID]
                case .merge(let mergeID): parent = mergeNames[mergeID]
                }
                guard let parent, let child = mergeNames[id] else { continue }
                var perInput = Self.object(input.parametersJSON)
                perInput["weight"] = nil
                edges.append(LineageEdge(
                    child: child, parent: parent, role: Self.role(input.role), position: input.position,
                    weight: input.weight, parameters: perInput, adapterTarget: input.adapterTarget,
                    inputIdentity: input.inputIdentity
                ))
            }
        }
        return try LineageGraph(source: .recorded(database: databasePath), nodes: nodes, edges: edges)
    }

    /// Parses the JSON object in `text`; empty when the stored text is not an object, which the
    /// store's writers never produce.
    private static func object(_ text: String) -> JSONObject {
        ((try? JSONParser.parse(text))?.objectValue) ?? JSONObject()
    }

    private static func role(_ role: Lineage.InputRole) -> InputRole {
        switch role {
        case .base: return .base
        case .ingredient: return .ingredient
        case .adapter: return .adapter
        }
    }

    /// Converts a model row to a node; its hashes come from an input that read it.
    private static func node(_ model: ModelRecord, edge: Lineage.MergeInput?) -> LineageNode {
        let isHub = model.locator.hasPrefix("hf:") || model.revision != nil
        let identity = edge?.inputIdentity
        let content = edge?.inputContentHash ?? (identity?.hasPrefix("sha256:") == true ? identity : nil)
        let kind: NodeKind = model.kind == .adapter ? .adapter : .source
        return LineageNode(name: model.name, kind: kind, hubID: isHub ? model.name : nil, identityHash: identity, contentHash: content)
    }

    private func mergeNode(_ record: MergeRecord) throws -> LineageNode {
        let definition = record.definition
        let descriptor = MethodCatalog.descriptor(named: definition.method)
        let canonical = definition.canonicalJSON.map(Self.object)
        let artifact = try record.outputArtifactID.flatMap { try store.artifact(id: $0) }?.artifact
        let state: BuildState
        switch record.state {
        case .done: state = .built
        case .failed: state = .failed
        case .pending, .running: state = .declared
        }
        let notes = definition.recipeDocument.map(RecipeNotes.init(document:))
        let statistics = withElementCounts(try store.tensorStats(mergeID: record.id), artifactPath: artifact?.path)
        let details = MergeDetails(
            method: definition.method, methodDisplayName: descriptor?.displayName,
            paper: descriptor?.paper.map { .init(title: $0.title, url: $0.url) },
            semantics: definition.semantics.rawValue,
            dtype: canonical?["dtype"]?.stringValue, outDType: canonical?["out_dtype"]?.stringValue,
            parameters: Self.object(definition.parametersJSON),
            state: state, meanT: TensorStatistic.parameterWeightedMeanT(of: statistics), tensorStatistics: statistics,
            timings: record.startedAt.map { .init(started: $0, finished: record.finishedAt) },
            recipePath: definition.recipePath, recipeDocument: definition.recipeDocument,
            notes: notes?.notes, templateNote: notes?.template, samplingNote: notes?.sampling
        )
        return .merge(mergeNames[record.id]!, identity: definition.identityHash, content: artifact?.contentHash, details)
    }

    /// `statistics` with element counts read from the output's safetensors headers, when the
    /// output is still on disk; unchanged otherwise.
    private func withElementCounts(_ stats: [TensorStat], artifactPath: String?) -> [TensorStatistic] {
        var counts: [String: Int] = [:]
        if let artifactPath {
            let base = (databasePath as NSString).deletingLastPathComponent
            let path = artifactPath.hasPrefix("/") ? artifactPath : (base as NSString).appendingPathComponent(artifactPath)
            if let directory = try? ModelDirectory(path: path) {
                for name in directory.tensorNames {
                    counts[name] = directory.location(of: name)?.info.elementCount
                }
            }
        }
        return stats.map {
            TensorStatistic(tensor: $0.tensor, t: $0.t, meanCosine: $0.meanCosine, minCosine: $0.minCosine,
                            maxCosine: $0.maxCosine, elementCount: counts[$0.tensor])
        }
    }
}

/// A name the lineage database does not know.
public enum RecordedLineageError: Error, Equatable, CustomStringConvertible {
    case notRecorded(String, database: String)

    public var description: String {
        switch self {
        case .notRecorded(let name, let database):
            return "no merge or model named '\(name)' is recorded in \(database); check the name, build it with "
                + "`pedigree run`, or give --recipe FILE to show the declared graph"
        }
    }
}
