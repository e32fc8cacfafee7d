import Foundation
import Scheduler

/// `pedigree export-lock [FILE]`: writes the readable lock file.
enum ExportLockCommand: Command {
    static let name = "export-lock"
    static let summary = "Write the recorded lineage as a readable lock file (to FILE, or standard output)"
    static let positionalUsage = "[FILE]"
    static let positionalCount = 0...1
    static let options: [OptionSpec] = [
        .value("--db", "FILE", "the lineage database (default: .pedigree/lineage.db in the current directory)"),
    ]

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        let store = try openExistingStore(arguments)
        let folder = arguments.positionals.first.map { (Workspace.absolutePath($0) as NSString).deletingLastPathComponent }
        let text = try LockFile.text(from: store, relativeTo: folder ?? FileManager.default.currentDirectoryPath)
        guard let path = arguments.positionals.first else {
            console.printRaw(text)
            return 0
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        console.log("wrote \(path)")
        return 0
    }
}
