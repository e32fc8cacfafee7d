import Foundation
import Models
import SafeTensors

/// `pedigree hash PATH`: the content hash, and with `--files` each weights file's SHA-256.
enum HashCommand: Command {
    static let name = "hash"
    static let summary = "Print a model's content hash (and with --files the SHA-256 of each weights file)"
    static let positionalUsage = "PATH"
    static let positionalCount = 1...1
    static let options: [OptionSpec] = [
        .flag("--files", "also print the SHA-256 of each weights file (equal to the Hugging Face LFS object id)"),
        .flag("--json", "print JSON instead of text"),
        .value("--threads", "N", "threads used for hashing (default: all cores)"),
    ]

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        let path = arguments.positionals[0]
        let threads = try arguments.integer("--threads", minimum: 1) ?? ProcessInfo.processInfo.activeProcessorCount
        let includeFiles = arguments.flag("--files")
        let model = try ModelDirectory(path: path)
        let hashes = ContentHasher(threadCount: threads).hash(model, includeFiles: includeFiles)
        let fileNames = model.weightFiles.map(\.fileName)

        if arguments.flag("--json") {
            var object = JSONObject([
                "format_version": .integer(1),
                "path": .string(path),
                "content_hash": .string(hashes.contentHash),
            ])
            if includeFiles {
                object["files"] = .array(fileNames.map { name in
                    .object(JSONObject(["name": .string(name), "sha256": .string(hashes.fileSHA256[name] ?? "")]))
                })
            }
            console.print(JSONValue.object(object).prettyPrinted())
            return 0
        }
        console.print("\(hashes.contentHash)  \(path)")
        if includeFiles {
            for name in fileNames {
                console.print("\(hashes.fileSHA256[name] ?? "")  \(name)")
            }
        }
        return 0
    }
}
