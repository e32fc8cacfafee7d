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
        var checked = Set<Int64>()
        for record in records {
            guard let artifactID = record.outputArtifactID, checked.insert(artifactID).inserted,
                  let artifact = try store.artifact(id: artifactID) else { continue }
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
