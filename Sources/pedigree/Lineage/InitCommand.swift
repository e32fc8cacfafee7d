import Foundation
import Scheduler

/// `pedigree init`: creates the lineage database.
enum InitCommand: Command {
    static let name = "init"
    static let summary = "Create the lineage database (.pedigree/lineage.db in the current directory, or --db)"
    static let positionalUsage = ""
    static let positionalCount = 0...0
    static let options: [OptionSpec] = [
        .value("--db", "FILE", "the lineage database to create (default: .pedigree/lineage.db in the current directory)"),
    ]

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        let path = arguments.value("--db")
            ?? Workspace.defaultDatabasePath(recipes: [], currentDirectory: FileManager.default.currentDirectoryPath)
        let existed = FileManager.default.fileExists(atPath: path)
        _ = try Workspace(databasePath: path)
        console.print(existed ? "lineage database already exists: \(path)" : "created lineage database \(path)")
        return 0
    }
}
