import Foundation

/// One verb of the `pedigree` command line.
protocol Command: Sendable {
    /// The verb, as typed: `inspect`.
    static var name: String { get }
    /// One line for `pedigree --help`.
    static var summary: String { get }
    /// Positional arguments as shown in usage: `PATH`, `RECIPE... [TARGET...]`.
    static var positionalUsage: String { get }
    static var options: [OptionSpec] { get }
    /// Bounds on the number of positional arguments.
    static var positionalCount: ClosedRange<Int> { get }

    /// Runs the verb and returns the exit code. Throws `UsageError` for bad arguments
    /// (exit 64) and any other error for failures (exit 1).
    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32
}

/// An option a verb accepts.
struct OptionSpec {
    /// With its dashes: `--json`.
    var name: String
    /// Placeholder for the value (`N`, `FILE`), or nil for a flag.
    var valueName: String?
    var summary: String
    var isRepeatable = false

    static func flag(_ name: String, _ summary: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, summary: summary)
    }

    static func value(_ name: String, _ valueName: String, _ summary: String, repeatable: Bool = false) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, summary: summary, isRepeatable: repeatable)
    }
}

/// A problem with the command line itself; `pedigree` exits 64 after printing it and the usage.
struct UsageError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }

    init(_ message: String) {
        self.message = message
    }
}

/// A failure with a message for the user; `pedigree` exits 1 after printing it.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }

    init(_ message: String) {
        self.message = message
    }
}

extension Command {
    static var positionalCount: ClosedRange<Int> { 0...Int.max }

    static var usageLine: String {
        var parts = ["pedigree", name]
        if !positionalUsage.isEmpty { parts.append(positionalUsage) }
        for option in options {
            parts.append("[\(option.name)\(option.valueName.map { " " + $0 } ?? "")]")
        }
        return parts.joined(separator: " ")
    }

    static var helpText: String {
        var lines = ["usage: \(usageLine)", "", summary]
        if !options.isEmpty {
            lines.append("")
            lines.append("options:")
            let labels = options.map { "  \($0.name)\($0.valueName.map { " " + $0 } ?? "")" }
            let width = (labels.map(\.count).max() ?? 0) + 2
            for (label, option) in zip(labels, options) {
                lines.append(label.padding(toLength: width, withPad: " ", startingAt: 0) + option.summary)
            }
        }
        return lines.joined(separator: "\n")
    }
}
