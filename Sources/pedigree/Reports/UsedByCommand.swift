import Foundation
import Reports

/// `pedigree used-by MODEL`: every merge downstream of a model or merge.
enum UsedByCommand: Command {
    static let name = "used-by"
    static let summary = "List every merge that uses a model, directly or through other merges, with depth"
    static let positionalUsage = "MODEL"
    static let positionalCount = 1...1
    static let options = GraphArguments.options + [GraphArguments.json]

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        let name = recordedName(of: arguments.positionals[0])
        let usedBy = try GraphArguments.load(arguments, around: [name], console: console).usedBy(name)
        console.printRaw(arguments.flag("--json") ? JSONReportRenderer().render(usedBy) : UsedByRenderer().render(usedBy))
        return 0
    }

    /// Source models are recorded by absolute path with symbolic links resolved, so a path
    /// given on the command line is turned into that form; other names pass unchanged.
    static func recordedName(of argument: String) -> String {
        guard FileManager.default.fileExists(atPath: argument) else { return argument }
        let absolute = argument.hasPrefix("/") ? argument : FileManager.default.currentDirectoryPath + "/" + argument
        return URL(fileURLWithPath: absolute).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
