import Foundation
import SafeTensors

/// What a node of the lineage graph is.
public enum NodeKind: String, Sendable, CaseIterable {
    /// A merge declared in a recipe or recorded in the database.
    case merge
    /// A model Pedigree did not build.
    case source
    /// A PEFT LoRA adapter.
    case adapter
}

/// One node of the lineage graph: a merge, a source model or an adapter.
public struct LineageNode: Equatable, Sendable {
    /// The name recipes use: a merge's `name:`, a path or a Hub repo id. Unique in a graph.
    public var name: String
    public var kind: NodeKind
    /// The Hub repo id (`ORG/NAME`) when the node is a Hugging Face model; nil for local ones.
    public var hubID: String?
    /// A merge's identity hash, or a source's identity (its content hash when hashed, else
    /// `hf:ORG/NAME@REVISION` or its path); nil when unknown.
    public var identityHash: String?
    /// `sha256:` content hash of the weights, for a built merge or a hashed source.
    public var contentHash: String?
    /// Set exactly for merges.
    public var merge: MergeDetails?

    public init(
        name: String, kind: NodeKind, hubID: String? = nil, identityHash: String? = nil,
        contentHash: String? = nil, merge: MergeDetails? = nil
    ) {
        self.name = name
        self.kind = kind
        self.hubID = hubID
        self.identityHash = identityHash
        self.contentHash = contentHash
        self.merge = merge
    }

    /// A source model node.
    public static func source(_ name: String, hubID: String? = nil, identity: String? = nil, content: String? = nil) -> LineageNode {
        LineageNode(name: name, kind: .source, hubID: hubID, identityHash: identity ?? content, contentHash: content)
    }

    /// An adapter node.
    public static func adapter(_ name: String, hubID: String? = nil, identity: String? = nil, content: String? = nil) -> LineageNode {
        LineageNode(name: name, kind: .adapter, hubID: hubID, identityHash: identity ?? content, contentHash: content)
    }

    /// A merge node.
    public static func merge(_ name: String, identity: String?, content: String? = nil, _ details: MergeDetails) -> LineageNode {
        LineageNode(name: name, kind: .merge, identityHash: identity, contentHash: content, merge: details)
    }

    /// The repo id in `name` when it has the Hub's `ORG/NAME` shape or is written
    /// `hf:ORG/NAME[@REVISION]`; nil for paths (leading `/`, `.` or `~`, or more than one `/`).
    public static func hubID(inName name: String) -> String? {
        var text = Substring(name)
        if text.hasPrefix("hf:") { text = text.dropFirst(3) }
        if let at = text.firstIndex(of: "@") { text = text[..<at] }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        for part in parts {
            guard let first = part.unicodeScalars.first, !part.contains(".."),
                  CharacterSet.alphanumerics.contains(first),
                  part.unicodeScalars.allSatisfy({ $0.isASCII && allowed.contains($0) })
            else { return nil }
        }
        return String(text)
    }
}

/// Whether a merge's output exists.
public enum BuildState: String, Sendable, CaseIterable {
    /// Built, with a content hash.
    case built
    /// Declared in a recipe or planned, never built successfully.
    case declared
    /// The last build failed.
    case failed
}

/// Everything reports show about one merge beyond its inputs.
public struct MergeDetails: Equatable, Sendable {
    /// The `merge_method` key (`model_stock`).
    public var method: String
    /// The method's name for people (`Model Stock`).
    public var methodDisplayName: String
    public var paper: Paper?
    /// `pedigree` or `mergekit`, the arithmetic rules the merge follows.
    public var semantics: String
    /// Compute dtype (`dtype:`), nil when unset.
    public var dtype: String?
    /// Output dtype (`out_dtype:`), nil when unset.
    public var outDType: String?
    /// The method's global parameters with defaults filled in, in canonical order.
    public var parameters: JSONObject
    public var state: BuildState
    /// Model Stock's parameter-weighted mean `t` over all tensors; nil when not built or
    /// not recorded. See `TensorStatistic.parameterWeightedMeanT(of:)`.
    public var meanT: Double?
    /// Per-tensor statistics in the order recorded; empty when none were recorded.
    public var tensorStatistics: [TensorStatistic]
    public var timings: Timings?
    /// The recipe file that declared the merge, if known.
    public var recipePath: String?
    /// The YAML document that declared the merge, comments included.
    public var recipeDocument: String?
    /// The recipe's `pedigree: notes:`, free text for reports and cards.
    public var notes: String?
    /// The recipe's `pedigree: template:` note (for example the chat template family).
    public var templateNote: String?
    /// The recipe's `pedigree: sampling:` note (for example recommended sampler settings).
    public var samplingNote: String?

    public struct Paper: Equatable, Sendable {
        public var title: String
        public var url: String

        public init(title: String, url: String) {
            self.title = title
            self.url = url
        }
    }

    /// When the last build ran.
    public struct Timings: Equatable, Sendable {
        public var started: Date
        public var finished: Date?

        public init(started: Date, finished: Date?) {
            self.started = started
            self.finished = finished
        }

        /// Seconds from start to finish; nil while running.
        public var duration: Double? { finished.map { $0.timeIntervalSince(started) } }
    }

    public init(
        method: String, methodDisplayName: String? = nil, paper: Paper? = nil, semantics: String = "pedigree",
        dtype: String? = nil, outDType: String? = nil, parameters: JSONObject = JSONObject(),
        state: BuildState = .declared, meanT: Double? = nil, tensorStatistics: [TensorStatistic] = [],
        timings: Timings? = nil, recipePath: String? = nil, recipeDocument: String? = nil,
        notes: String? = nil, templateNote: String? = nil, samplingNote: String? = nil
    ) {
        self.method = method
        self.methodDisplayName = methodDisplayName ?? method
        self.paper = paper
        self.semantics = semantics
        self.dtype = dtype
        self.outDType = outDType
        self.parameters = parameters
        self.state = state
        self.meanT = meanT
        self.tensorStatistics = tensorStatistics
        self.timings = timings
        self.recipePath = recipePath
        self.recipeDocument = recipeDocument
        self.notes = notes
        self.templateNote = templateNote
        self.samplingNote = samplingNote
    }
}
