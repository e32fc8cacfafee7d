import Foundation
import Lineage

/// A readable, stable text of the recorded lineage (`pedigree.lock`), meant to be committed
/// and reviewed: for the latest done build of each merge name, its identity, method, inputs
/// with their identities and content hashes, and its output's content hash.
public enum LockFile {
    public static let header = "# pedigree.lock: the recorded lineage, written by `pedigree export-lock`; do not edit.\n"

    /// Renders the lock file, with merges sorted by name and inputs by position. Model paths
    /// under `root` are written relative to it, so the file reads the same in every checkout.
    public static func text(from store: LineageStore, relativeTo root: String? = nil) throws -> String {
        func display(_ name: String) -> String {
            guard let root, name.hasPrefix("/") else { return name }
            let prefix = root.hasSuffix("/") ? root : root + "/"
            return name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : name
        }
        var latestByName: [String: MergeRecord] = [:]
        for record in try store.merges(inState: .done) {
            if let existing = latestByName[record.name], (existing.finishedAt ?? .distantPast) > (record.finishedAt ?? .distantPast) { continue }
            latestByName[record.name] = record
        }
        var lines = [header + "version: 1", "merges:"]
        for name in latestByName.keys.sorted() {
            let record = latestByName[name]!
            lines.append("  - name: \(quoted(name))")
            lines.append("    identity: \(record.identityHash)")
            lines.append("    method: \(record.definition.method)")
            lines.append("    semantics: \(record.definition.semantics.rawValue)")
            lines.append("    parameters: \(record.definition.parametersJSON)")
            if let artifactID = record.outputArtifactID, let artifact = try store.artifact(id: artifactID) {
                lines.append("    output: \(artifact.artifact.contentHash)")
            }
            lines.append("    inputs:")
            for input in try store.inputs(ofMerge: record.id) {
                lines.append("      - role: \(input.role.rawValue)")
                switch input.source {
                case .model(let id):
                    lines.append("        model: \(quoted(display(try store.model(id: id)?.name ?? "model \(id)")))")
                case .merge(let id):
                    lines.append("        merge: \(quoted(try store.merge(id: id)?.name ?? "merge \(id)"))")
                }
                if let target = input.adapterTarget { lines.append("        applies_to: \(target)") }
                if let weight = input.weight { lines.append("        weight: \(weight)") }
                lines.append("        identity: \(input.inputIdentity)")
                if let content = input.inputContentHash, content != input.inputIdentity {
                    lines.append("        content: \(content)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Quotes `text` as a YAML double-quoted scalar.
    private static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case _ where scalar.value < 0x20: output += String(format: "\\x%02x", scalar.value)
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}
