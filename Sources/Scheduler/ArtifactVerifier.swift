import Foundation
import Lineage
import Models
import SafeTensors

/// Re-reads a built output and compares it with what the lineage database recorded,
/// without the file-hash cache, so any changed byte is found.
public struct ArtifactVerifier {
    /// One difference between an artifact's files and its record.
    public struct Problem: Equatable, Sendable, CustomStringConvertible {
        public var file: String
        public var detail: String

        public var description: String { "\(file): \(detail)" }
    }

    public var threadCount: Int

    public init(threadCount: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.threadCount = threadCount
    }

    /// Compares every recorded file's SHA-256 and the tensors' content hash with the files on
    /// disk, and returns the differences (none when the artifact verifies).
    public func problems(in record: ArtifactRecord) -> [Problem] {
        let root = record.artifact.path
        guard FileManager.default.fileExists(atPath: root) else {
            return [Problem(file: root, detail: "the output directory is missing")]
        }
        var problems: [Problem] = []
        for file in record.artifact.files {
            let path = (root as NSString).appendingPathComponent(file.name)
            guard FileManager.default.fileExists(atPath: path) else {
                problems.append(Problem(file: file.name, detail: "missing"))
                continue
            }
            do {
                let digest = try MappedFile(path: path).withBytes { SHA256Hasher.hex(of: $0) }
                if digest != file.sha256 {
                    problems.append(Problem(file: file.name, detail: "SHA-256 \(digest.prefix(12)), recorded \(file.sha256.prefix(12))"))
                }
            } catch {
                problems.append(Problem(file: file.name, detail: "\(error)"))
            }
        }
        do {
            let hashes = ContentHasher(threadCount: threadCount).hash(try ModelDirectory(path: root))
            if hashes.contentHash != record.artifact.contentHash {
                problems.append(Problem(file: root, detail: "content hash \(shortHash(hashes.contentHash)), recorded \(shortHash(record.artifact.contentHash))"))
            }
        } catch {
            problems.append(Problem(file: root, detail: "\(error)"))
        }
        return problems
    }
}
