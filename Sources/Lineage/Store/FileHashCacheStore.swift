import Foundation
import Models

/// The lineage database's cache of file digests, keyed by (device, inode, size,
/// modification time): `ContentHasher` uses it so unchanged weight files are read once.
///
/// The store has its own connection, guarded by a lock, because `ContentHasher` calls it
/// from several threads. An entry matches only when size and modification time are
/// unchanged; storing a digest for a changed file replaces the file's old entry.
public final class FileHashCacheStore: FileHashCache, @unchecked Sendable {
    // @unchecked: `database` is only touched while `lock` is held.
    private let lock = NSLock()
    private let database: Database
    private let onError: @Sendable (Error) -> Void

    /// Opens the lineage database at `path` (creating and migrating it like `LineageStore`).
    ///
    /// - Parameter onError: receives the errors of the `FileHashCache` methods, which
    ///   cannot throw. A failed lookup counts as a miss, and a failed store is skipped.
    public init(path: String, onError: @escaping @Sendable (Error) -> Void = { _ in }) throws {
        self.database = try LineageStore.openDatabase(path: path)
        self.onError = onError
    }

    /// Returns the SHA-256 of the whole file recorded for `identity`, or nil.
    public func lookupSHA256(for identity: FileIdentity) throws -> String? {
        try lookup(column: "sha256", identity: identity)
    }

    /// Returns the content-hash manifest lines recorded for the safetensors file `identity`, or nil.
    public func lookupTensorDigests(for identity: FileIdentity) throws -> String? {
        try lookup(column: "tensor_digests", identity: identity)
    }

    /// Records the SHA-256 (64 lowercase hex digits) of the file at `path` with `identity`.
    public func saveSHA256(_ hex: String, for identity: FileIdentity, path: String) throws {
        try save(column: "sha256", other: "tensor_digests", value: hex, identity: identity, path: path)
    }

    /// Records the content-hash manifest lines of the safetensors file at `path`.
    public func saveTensorDigests(_ lines: String, for identity: FileIdentity, path: String) throws {
        try save(column: "tensor_digests", other: "sha256", value: lines, identity: identity, path: path)
    }

    public func cachedSHA256(for identity: FileIdentity) -> String? {
        reportingErrors { try lookupSHA256(for: identity) } ?? nil
    }

    public func storeSHA256(_ hex: String, for identity: FileIdentity, path: String) {
        reportingErrors { try saveSHA256(hex, for: identity, path: path) }
    }

    public func cachedTensorDigests(for identity: FileIdentity) -> String? {
        reportingErrors { try lookupTensorDigests(for: identity) } ?? nil
    }

    public func storeTensorDigests(_ lines: String, for identity: FileIdentity, path: String) {
        reportingErrors { try saveTensorDigests(lines, for: identity, path: path) }
    }

    private func reportingErrors<T>(_ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch {
            onError(error)
            return nil
        }
    }

    private func lookup(column: String, identity: FileIdentity) throws -> String? {
        try lock.withLock {
            try database.queryFirst(
                """
                SELECT \(column) FROM file_hashes
                WHERE device = ? AND inode = ? AND size = ? AND mtime_ns = ?
                """,
                Self.key(identity)
            ) { try $0.optionalText(0) } ?? nil
        }
    }

    /// Sets `column` of the file's entry. The entry keeps `other` only when it describes the
    /// same size and modification time, because otherwise `other` belongs to older bytes.
    private func save(column: String, other: String, value: String, identity: FileIdentity, path: String) throws {
        try lock.withLock {
            try database.execute(
                """
                INSERT INTO file_hashes (device, inode, size, mtime_ns, \(column), path)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                ON CONFLICT (device, inode) DO UPDATE SET
                    \(column) = excluded.\(column),
                    \(other) = CASE WHEN size = excluded.size AND mtime_ns = excluded.mtime_ns
                                    THEN \(other) ELSE NULL END,
                    size = excluded.size, mtime_ns = excluded.mtime_ns, path = excluded.path
                """,
                Self.key(identity) + [value, path]
            )
        }
    }

    /// Returns the key columns. Device and inode are UInt64, stored as their Int64 bit patterns.
    private static func key(_ identity: FileIdentity) -> [any SQLiteValueConvertible] {
        [Int64(bitPattern: identity.device), Int64(bitPattern: identity.inode), identity.size,
         identity.modificationTimeNanoseconds]
    }
}
