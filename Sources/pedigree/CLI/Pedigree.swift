import Foundation
import Recipes

/// The version printed by `pedigree --version` and recorded as the engine version.
let pedigreeVersion = "0.1.0"

/// Dispatches `pedigree VERB ...` to its command.
enum Pedigree {
    static func main(_ arguments: [String], console: Console) -> Int32 {
        guard let verb = arguments.first else {
            console.log(overview)
            return 64
        }
        switch verb {
        case "--help", "-h", "help":
            if arguments.count > 1, let command = command(named: arguments[1]) {
                console.print(command.helpText)
            } else {
                console.print(overview)
            }
            return 0
        case "--version", "-V":
            console.print("pedigree \(pedigreeVersion)")
            return 0
        default:
            break
        }
        guard let command = command(named: verb) else {
            var message = verb.hasPrefix("-") ? "unknown option \(verb)" : "unknown command \(verb)"
            let candidates = verb.hasPrefix("-") ? ["--help", "--version"] : allCommands.map { $0.name }
            if let suggestion = Spelling.nearest(to: verb, among: candidates) {
                message += "; did you mean \(suggestion)?"
            }
            console.error(message)
            console.log("run 'pedigree --help' for the list of commands")
            return 64
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            console.print(command.helpText)
            return 0
        }
        do {
            let parsed = try ParsedArguments.parse(rest, options: command.options)
            guard command.positionalCount.contains(parsed.positionals.count) else {
                throw UsageError(positionalCountMessage(command, got: parsed.positionals.count))
            }
            return try command.run(parsed, console)
        } catch let error as UsageError {
            console.error(error.message)
            console.log("usage: \(command.usageLine)")
            return 64
        } catch {
            console.error("\(error)")
            return 1
        }
    }

    static func command(named name: String) -> (any Command.Type)? {
        allCommands.first { $0.name == name }
    }

    private static func positionalCountMessage(_ command: any Command.Type, got count: Int) -> String {
        let range = command.positionalCount
        let expected: String
        if range.lowerBound == range.upperBound {
            expected = "\(range.lowerBound) argument\(range.lowerBound == 1 ? "" : "s")"
        } else if range.upperBound == Int.max {
            expected = "at least \(range.lowerBound) argument\(range.lowerBound == 1 ? "" : "s")"
        } else {
            expected = "\(range.lowerBound) to \(range.upperBound) arguments"
        }
        return "\(command.name) takes \(expected) (\(command.positionalUsage)); got \(count)"
    }

    static var overview: String {
        var lines = [
            "pedigree \(pedigreeVersion): build LLM weight merges as a recorded, reproducible lineage",
            "",
            "usage: pedigree COMMAND [ARGUMENTS] [OPTIONS]",
            "",
            "commands:",
        ]
        let width = (allCommands.map { $0.name.count }.max() ?? 0) + 4
        for command in allCommands {
            lines.append("  " + command.name.padding(toLength: width, withPad: " ", startingAt: 0) + command.summary)
        }
        lines.append("")
        lines.append("Run 'pedigree COMMAND --help' for a command's arguments and options.")
        return lines.joined(separator: "\n")
    }
}
