import Foundation

/// The local Hugging Face hub cache, read-only: `models--ORG--NAME/snapshots/COMMIT/` with
/// branch and tag names mapped to commits by the files in `refs/`. Nothing is downloaded.
public struct HubCache: Sendable {
    /// The cache folder (the one holding `models--*` folders).
    public var root: String

    public init(root: String) {
        self.root = root
    }

    /// The cache the Hugging Face libraries use: `HF_HUB_CACHE`, else `HF_HOME/hub`, else
    /// `~/.cache/huggingface/hub`.
    public init(environment: [String: String]) {
        if let cache = environment["HF_HUB_CACHE"], !cache.isEmpty {
            root = cache
        } else if let home = environment["HF_HOME"], !home.isEmpty {
            root = (home as NSString).appendingPathComponent("hub")
        } else {
            let userHome = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            root = (userHome as NSString).appendingPathComponent(".cache/huggingface/hub")
        }
    }

    /// A snapshot found in the cache.
    public struct Snapshot: Sendable, Equatable {
        public var path: String
        /// The commit the snapshot folder is named after.
        public var commit: String
    }

    /// The snapshot of `repo` (`ORG/NAME`) at `revision` (a branch, a tag or a commit;
    /// `main` when nil), or nil when the cache does not have it.
    public func snapshot(repo: String, revision: String?) -> Snapshot? {
        let repoFolder = (root as NSString).appendingPathComponent("models--" + repo.replacingOccurrences(of: "/", with: "--"))
        let revision = revision ?? "main"
        var commit = revision
        let refFile = ((repoFolder as NSString).appendingPathComponent("refs") as NSString).appendingPathComponent(revision)
        if let text = try? String(contentsOfFile: refFile, encoding: .utf8) {
            commit = text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard !commit.isEmpty, !commit.contains("/") else { return nil }
        let path = ((repoFolder as NSString).appendingPathComponent("snapshots") as NSString).appendingPathComponent(commit)
        guard FileSystem.isDirectory(path) else { return nil }
        return Snapshot(path: path, commit: commit)
    }
}

/// The few file-system questions resolution asks.
enum FileSystem {
    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// `path` made absolute against `directory` and standardized (`.` and `..` removed).
    static func absolute(_ path: String, relativeTo directory: String) -> String {
        let joined = path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
        return (joined as NSString).standardizingPath
    }
}
