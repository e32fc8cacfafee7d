import Foundation

/// The build state of a merge row.
///
/// Allowed changes: pending -> running; running -> done, failed or pending (a stale build
/// is discarded); failed -> pending (a retry).
public enum MergeState: String, Sendable, CaseIterable {
    case pending, running, done, failed

    /// True when a merge in this state may change to `next`.
    public func canChange(to next: MergeState) -> Bool {
        switch (self, next) {
        case (.pending, .running), (.running, .done), (.running, .failed), (.running, .pending), (.failed, .pending):
            return true
        default:
            return false
        }
    }
}

/// The arithmetic rules a merge follows; part of its identity.
public enum MergeSemantics: String, Sendable, CaseIterable {
    /// Float32 arithmetic with Float64 sums; recipe weights are honoured.
    case pedigree
    /// mergekit 0.1.5's results bit for bit.
    case mergekit
}

/// Everything that defines a merge row except its inputs and build state.
public struct MergeDefinition: Equatable, Sendable {
    /// `sha256:` of the canonical JSON of everything that decides the output bytes.
    public var identityHash: String
    /// The merge's name in its recipe.
    public var name: String
    /// Method name as recipes spell it, for example `model_stock`.
    public var method: String
    public var semantics: MergeSemantics
    /// Canonical JSON of the method parameters, defaults filled in.
    public var parametersJSON: String
    /// The recipe file that declared the merge, if any.
    public var recipePath: String?
    /// The YAML document text that declared the merge, if any.
    public var recipeDocument: String?
    /// The canonical JSON whose SHA-256 is `identityHash`; nil for merges recorded before
    /// the database kept it.
    public var canonicalJSON: String?

    public init(
        identityHash: String, name: String, method: String, semantics: MergeSemantics,
        parametersJSON: String, recipePath: String? = nil, recipeDocument: String? = nil,
        canonicalJSON: String? = nil
    ) {
        self.identityHash = identityHash
        self.name = name
        self.method = method
        self.semantics = semantics
        self.parametersJSON = parametersJSON
        self.recipePath = recipePath
        self.recipeDocument = recipeDocument
        self.canonicalJSON = canonicalJSON
    }
}

/// A recorded merge (a row of `merges`).
public struct MergeRecord: Equatable, Sendable {
    public var id: Int64
    public var definition: MergeDefinition
    public var state: MergeState
    /// The reason the build failed, set exactly when `state` is `.failed`.
    public var error: String?
    /// Version of the engine that built (or is building) the output.
    public var engineVersion: String?
    /// Set unless `state` is `.pending`.
    public var startedAt: Date?
    /// Set when `state` is `.done` or `.failed`.
    public var finishedAt: Date?
    /// The built output; set exactly when `state` is `.done`.
    public var outputArtifactID: Int64?
    public var createdAt: Date

    public init(
        id: Int64, definition: MergeDefinition, state: MergeState, error: String?,
        engineVersion: String?, startedAt: Date?, finishedAt: Date?, outputArtifactID: Int64?,
        createdAt: Date
    ) {
        self.id = id
        self.definition = definition
        self.state = state
        self.error = error
        self.engineVersion = engineVersion
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outputArtifactID = outputArtifactID
        self.createdAt = createdAt
    }

    public var name: String { definition.name }
    public var identityHash: String { definition.identityHash }
}
