import Foundation

/// One file of a built output with its SHA-256.
public struct ArtifactFile: Equatable, Sendable {
    /// Path relative to the artifact directory, with `/` separators.
    public var name: String
    /// Size in bytes.
    public var size: Int
    /// SHA-256 of the bytes, 64 lowercase hex digits.
    public var sha256: String

    public init(name: String, size: Int, sha256: String) {
        self.name = name
        self.size = size
        self.sha256 = sha256
    }
}

/// A complete, hashed output directory, ready to be recorded.
public struct BuiltArtifact: Equatable, Sendable {
    /// The directory: absolute, or relative to the database's directory.
    public var path: String
    /// `sha256:` content hash of the tensors.
    public var contentHash: String
    public var tensorCount: Int
    /// Total number of elements over all tensors.
    public var parameterCount: Int
    /// On-disk dtype of the floating-point tensors (`BF16`, `F32`, ...), or `mixed`.
    public var dtype: String
    /// Identity hash of the merge the artifact was built for.
    public var identityHash: String
    /// Every file of the directory, in any order; returned sorted by the UTF-8 bytes of the name.
    public var files: [ArtifactFile]

    public init(
        path: String, contentHash: String, tensorCount: Int, parameterCount: Int,
        dtype: String, identityHash: String, files: [ArtifactFile]
    ) {
        self.path = path
        self.contentHash = contentHash
        self.tensorCount = tensorCount
        self.parameterCount = parameterCount
        self.dtype = dtype
        self.identityHash = identityHash
        self.files = files
    }
}

/// A recorded artifact (a row of `artifacts` with its `artifact_files`).
public struct ArtifactRecord: Equatable, Sendable {
    public var id: Int64
    /// The recorded contents; `files` sorted by name.
    public var artifact: BuiltArtifact
    /// When the artifact was recorded.
    public var createdAt: Date

    public init(id: Int64, artifact: BuiltArtifact, createdAt: Date) {
        self.id = id
        self.artifact = artifact
        self.createdAt = createdAt
    }
}
