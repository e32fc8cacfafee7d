import Models
import Foundation
import Lineage
import Scheduler

/// `pedigree verify [NAME]`: re-hashes recorded outputs and compares them with the record.
enum VerifyCommand: Command {
    static let name = "verify"
    static let summary = "Re-hash built outputs (all, or NAME's) and report any file that differs from its record"
    static let positionalUsage = "[NAME]"
    static let positionalCount = 0...1
    static let options: [OptionSpec] = [
        .value("--db", "FILE", "the lineage database (default: .pedigree/lineage.db in the current directory)"),
        .value("--threads", "N", "threads for hashing (default: all cores)"),
    ]

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        let store = try openExistingStore(arguments)
        let threads = try arguments.integer("--threads", minimum: 1) ?? ProcessInfo.processInfo.activeProcessorCount
        var records = try store.merges(inState: .done)
        if let name = arguments.positionals.first {
            records = records.filter { $0.name == name }
            guard !records.isEmpty else { throw CommandFailure("no built merge named \(name) in the lineage database") }
        }
        let verifier = ArtifactVerifier(threadCount: threads)
        var failures = 0
        // A rebuild of the same identity records a new artifact at the same path, so only the
        // latest record of each output directory is checked.
        var checked = Set<String>()
        var outputs: [(record: MergeRecord, artifact: ArtifactRecord)] = []
        for record in records.reversed() {
            guard let artifactID = record.outputArtifactID, let artifact = try store.artifact(id: artifactID),
                  checked.insert(artifact.artifact.path).inserted else { continue }
            outputs.insert((record, artifact), at: 0)
        }
        for (record, artifact) in outputs {
            let problems = verifier.problems(in: artifact)
            let label = "\(record.name)  identity \(shortHash(record.identityHash))"
            if problems.isEmpty {
                console.print("ok        \(label)  content \(shortHash(artifact.artifact.contentHash))")
            } else {
                failures += 1
                let isMissing = !FileManager.default.fileExists(atPath: artifact.artifact.path)
                console.print("\(isMissing ? "MISSING " : "MODIFIED")  \(label)  \(artifact.artifact.path)")
                for problem in problems { console.print("          \(problem)") }
            }
        }
        console.print("\(checked.count) output\(checked.count == 1 ? "" : "s") checked, \(failures) modified")
        return failures == 0 ? 0 : 1
    }
}
