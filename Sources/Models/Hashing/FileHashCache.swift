#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The stat fields that stand for a file's bytes without reading them. If none of them
/// changed, the bytes are taken as unchanged, the rule DVC's and git's caches use.
public struct FileIdentity: Hashable, Sendable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int
    public var modificationTimeNanoseconds: Int64

    public init(device: UInt64, inode: UInt64, size: Int, modificationTimeNanoseconds: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modificationTimeNanoseconds = modificationTimeNanoseconds
    }

    /// The identity of the file at `path` from `stat`, or nil when it cannot be read.
    public init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        size = Int(status.st_size)
        modificationTimeNanoseconds = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
    }
}

/// A persistent store of digests keyed by file identity, so that unchanged multi-GB shards are
/// never hashed twice. The lineage database implements it.
public protocol FileHashCache: AnyObject, Sendable {
    /// Returns the SHA-256 of the whole file, if recorded for this identity.
    func cachedSHA256(for identity: FileIdentity) -> String?
    func storeSHA256(_ hex: String, for identity: FileIdentity, path: String)
    /// Returns the per-tensor digest lines of a safetensors file (see `ContentHasher`), if recorded.
    func cachedTensorDigests(for identity: FileIdentity) -> String?
    func storeTensorDigests(_ lines: String, for identity: FileIdentity, path: String)
}

extension FileHashCache {
    public func cachedTensorDigests(for identity: FileIdentity) -> String? { nil }
    public func storeTensorDigests(_ lines: String, for identity: FileIdentity, path: String) {}
}
