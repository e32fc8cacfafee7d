import Foundation
import Lineage
import Models
import Recipes

/// The lineage database and the artifact store beside it.
///
/// Outputs are stored under `artifacts/` next to the database, one directory per identity
/// hash, so a merge's output location is known before it is built.
public final class Workspace: @unchecked Sendable {
    // @unchecked: `store` is used from the thread that owns the workspace; the hash cache
    // has its own lock and connection.
    public let databasePath: String
    public let store: LineageStore
    public let hashCache: FileHashCacheStore
    public let artifactsDirectory: String

    /// Returns the default database path: `.pedigree/lineage.db` beside the first recipe, or
    /// in the current directory when there is no recipe.
    public static func defaultDatabasePath(recipes: [String], currentDirectory: String) -> String {
        let folder: String
        if let first = recipes.first {
            let absolute = first.hasPrefix("/") ? first : (currentDirectory as NSString).appendingPathComponent(first)
            folder = (absolute as NSString).deletingLastPathComponent
        } else {
            folder = currentDirectory
        }
        return (folder as NSString).appendingPathComponent(".pedigree/lineage.db")
    }

    /// Opens (creating and migrating if needed) the database at `databasePath`.
    /// A relative path is taken from the current directory and stored absolute, so records
    /// stay valid wherever later commands run.
    public init(databasePath: String) throws {
        let absolute = Workspace.absolutePath(databasePath)
        let directory = (absolute as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.databasePath = absolute
        self.store = try LineageStore(path: absolute)
        self.hashCache = try FileHashCacheStore(path: absolute)
        self.artifactsDirectory = (directory as NSString).appendingPathComponent("artifacts")
    }

    /// `path` made absolute against the current directory, with `.` and `..` resolved.
    public static func absolutePath(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return (joined as NSString).standardizingPath
    }

    /// The folder `run` links outputs in by default: `out/` beside the `.pedigree` folder that
    /// contains the database, or beside the database file when it is elsewhere.
    public var defaultOutDirectory: String {
        let folder = (databasePath as NSString).deletingLastPathComponent
        if (folder as NSString).lastPathComponent == ".pedigree" {
            return ((folder as NSString).deletingLastPathComponent as NSString).appendingPathComponent("out")
        }
        return (folder as NSString).appendingPathComponent("out")
    }

    /// Returns the folder that stores the output of the merge with `identity` (`sha256:HEX`).
    public func artifactPath(forIdentity identity: String) -> String {
        (artifactsDirectory as NSString).appendingPathComponent(String(identity.dropFirst("sha256:".count)))
    }

    /// Hashes model contents through the database's file-hash cache.
    public func contentHasher(threadCount: Int = ProcessInfo.processInfo.activeProcessorCount) -> ContentHasher {
        ContentHasher(threadCount: threadCount, cache: hashCache)
    }

    /// Content hashes of source models and adapters for recipe identities.
    public func sourceIdentities(threadCount: Int = ProcessInfo.processInfo.activeProcessorCount) -> any SourceIdentityProvider {
        ContentHashSources(hasher: contentHasher(threadCount: threadCount))
    }
}
