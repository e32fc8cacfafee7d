import Models
import Foundation
import Lineage
import Scheduler

/// `pedigree status`: merges by state and the last run.
enum StatusCommand: Command {
    static let name = "status"
    static let summary = "Show how many recorded merges are in each state and how the last run ended"
    static let positionalUsage = ""
    static let positionalCount = 0...0
    static let options: [OptionSpec] = [
        .value("--db", "FILE", "the lineage database (default: .pedigree/lineage.db in the current directory)"),
    ]

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        let store = try openExistingStore(arguments)
        var counts = try store.mergeCountsByState()
        // A running row whose builder is gone is interrupted; the next run sets it pending.
        let liveLeases = Set(try store.leases().filter { lease in
            lease.owner.host != LeaseOwner.current.host || LeaseOwner.isProcessAlive(lease.owner.pid)
        }.map(\.identityHash))
        let interrupted = try store.merges(inState: .running).filter { !liveLeases.contains($0.identityHash) }.count
        counts[.running, default: 0] -= interrupted
        var summary = MergeState.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)" }
        if interrupted > 0 { summary.append("\(interrupted) interrupted") }
        var lines = ["merges: " + summary.joined(separator: ", ")]
        if let run = try store.lastRun() {
            let formatter = ISO8601DateFormatter()
            let finished = run.finishedAt.map { ", finished \(formatter.string(from: $0))" } ?? ""
            var outcome = run.outcome.rawValue
            if run.outcome == .running, run.owner.host == LeaseOwner.current.host, !LeaseOwner.isProcessAlive(run.owner.pid) {
                outcome = "interrupted (its process is gone; the next run recovers)"
            }
            lines.append("last run: \(outcome), started \(formatter.string(from: run.startedAt))\(finished) by process \(run.owner.pid) on \(run.owner.host)")
            lines.append("  command: \(run.commandLine.joined(separator: " "))")
        } else {
            lines.append("last run: none")
        }
        for lease in try store.leases() {
            let isGone = lease.owner.host == LeaseOwner.current.host && !LeaseOwner.isProcessAlive(lease.owner.pid)
            let state = isGone ? "interrupted: process \(lease.owner.pid) is gone" : "building by process \(lease.owner.pid) on \(lease.owner.host)"
            let name = (try store.merge(id: lease.mergeID))?.name ?? shortHash(lease.identityHash)
            lines.append("\(name): \(state)")
        }
        console.print(lines.joined(separator: "\n"))
        return 0
    }
}

/// Opens the database named by `--db` (or the default one), which must exist.
func openExistingStore(_ arguments: ParsedArguments) throws -> LineageStore {
    let path = arguments.value("--db")
        ?? Workspace.defaultDatabasePath(recipes: [], currentDirectory: FileManager.default.currentDirectoryPath)
    guard FileManager.default.fileExists(atPath: path) else {
        throw CommandFailure("no lineage database at \(path); run pedigree run RECIPE first, or give --db FILE")
    }
    return try Workspace(databasePath: path).store
}
