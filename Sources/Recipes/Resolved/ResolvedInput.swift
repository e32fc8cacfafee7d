/// A Hugging Face repo at a revision: `hf:ORG/NAME@REVISION`.
public struct HubReference: Hashable, Sendable, CustomStringConvertible {
    /// `ORG/NAME`.
    public var repo: String
    /// A branch, tag or commit; `main` when the recipe gives none.
    public var revision: String

    public init(repo: String, revision: String) {
        self.repo = repo
        self.revision = revision
    }

    public var description: String { "hf:\(repo)@\(revision)" }
}

/// Where one input of a merge comes from, after resolution. Nothing here has been read
/// beyond `config.json` and safetensors headers.
public struct ResolvedInput: Sendable, Equatable {
    public enum Model: Sendable, Equatable {
        /// A source model directory on disk. `hub` is set when it was found in the local
        /// Hugging Face cache (its revision is then the snapshot's commit).
        case directory(path: String, hub: HubReference?)
        /// A Hugging Face repo that is not on disk; it must be downloaded before a merge can
        /// read it. Its identity is its reference, flagged as unpinned.
        case hub(HubReference)
        /// The output of another merge in the recipe set, by name.
        case merge(name: String)
    }

    /// A PEFT LoRA adapter applied to the model (`model+adapter`).
    public enum Adapter: Sendable, Equatable {
        case directory(path: String, hub: HubReference?)
        case hub(HubReference)
    }

    public var model: Model
    public var adapter: Adapter?
    /// The reference as the recipe wrote it, with its position.
    public var reference: ModelReference
    /// The identity of what the input points to, filled in once upstream merges have theirs.
    public var identity: InputIdentity

    public init(model: Model, adapter: Adapter?, reference: ModelReference, identity: InputIdentity = .unknown) {
        self.model = model
        self.adapter = adapter
        self.reference = reference
        self.identity = identity
    }

    /// The merge this input reads, if it reads one.
    public var mergeName: String? {
        if case .merge(let name) = model { return name }
        return nil
    }
}

/// The identity of an input: a content hash (`sha256:...`) for a source model on disk, the
/// identity hash of a merge, or `hf:ORG/NAME@REVISION` for a repo not on disk.
public struct InputIdentity: Sendable, Equatable {
    public var model: String
    public var adapter: String?
    /// False when any part is identified by a name that can change what it points to
    /// (a repo not on disk, a folder that was not hashed) or depends on such an input.
    public var isPinned: Bool

    public init(model: String, adapter: String?, isPinned: Bool) {
        self.model = model
        self.adapter = adapter
        self.isPinned = isPinned
    }

    /// A placeholder before identities are computed.
    public static let unknown = InputIdentity(model: "", adapter: nil, isPinned: false)
}

/// Content hashes of source directories. The Models module's content hasher answers this;
/// tests use a double.
public protocol SourceIdentityProvider: Sendable {
    /// The content hash (`sha256:...`) of the model or adapter directory at `path`, or nil
    /// when it is not hashed (the input is then identified by its path and unpinned).
    func contentHash(ofDirectoryAt path: String) throws -> String?
}

/// A provider that hashes nothing, so every source on disk is identified by its absolute
/// path and flagged unpinned. For quick checks that must not read weights.
public struct UnhashedSources: SourceIdentityProvider {
    public init() {}

    public func contentHash(ofDirectoryAt path: String) throws -> String? { nil }
}
