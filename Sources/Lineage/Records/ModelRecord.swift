import Foundation

/// The kind of model a `models` row describes.
public enum ModelKind: String, Sendable, CaseIterable {
    /// Weights Pedigree did not build.
    case source
    /// A merged model built outside this database, for example imported mergekit output.
    case merge
    /// A PEFT LoRA adapter.
    case adapter
}

/// A model known by name (a row of `models`).
public struct ModelRecord: Equatable, Sendable {
    public var id: Int64
    /// The name recipes use for the model: a path or a Hub repo id.
    public var name: String
    public var kind: ModelKind
    /// A local directory path, or `hf:ORG/NAME` for the Hub cache.
    public var locator: String
    /// Hub commit or tag; nil for a local directory.
    public var revision: String?
    /// True when the bytes are fixed (a commit hash or a local content hash).
    public var isPinned: Bool
    public var createdAt: Date
    /// When kind, locator, revision or `isPinned` last changed.
    public var updatedAt: Date

    public init(
        id: Int64, name: String, kind: ModelKind, locator: String, revision: String?,
        isPinned: Bool, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.locator = locator
        self.revision = revision
        self.isPinned = isPinned
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
