import Foundation
import Recipes

/// The arguments of one verb after parsing against its option list.
struct ParsedArguments {
    var positionals: [String] = []
    private(set) var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []

    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// Returns the last value given for `name`, if any.
    func value(_ name: String) -> String? { values[name]?.last }

    /// Returns every value given for a repeatable option, in order.
    func allValues(_ name: String) -> [String] { values[name] ?? [] }

    /// Parses the value of `name` as a whole number of at least `minimum`.
    func integer(_ name: String, minimum: Int = 0) throws -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text), number >= minimum else {
            throw UsageError("\(name) takes a whole number of at least \(minimum); got \"\(text)\"")
        }
        return number
    }

    /// Parses the value of `name` as a byte size such as `512MiB`, `2G` or `1000000`.
    func byteSize(_ name: String) throws -> Int? {
        guard let text = value(name) else { return nil }
        guard let bytes = ByteSize.parse(text) else {
            throw UsageError("\(name) takes a size such as 512MiB, 2GB or 1000000 (bytes); got \"\(text)\"")
        }
        return bytes
    }

    /// Parses `arguments` for a verb with `options`. `--` ends option parsing.
    static func parse(_ arguments: [String], options: [OptionSpec]) throws -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let spec = options.first(where: { $0.name == name }) else {
                var message = "unknown option \(name)"
                if let suggestion = Spelling.nearest(to: name, among: options.map(\.name)) {
                    message += "; did you mean \(suggestion)?"
                }
                throw UsageError(message)
            }
            if spec.valueName == nil {
                guard inlineValue == nil else { throw UsageError("\(name) takes no value") }
                parsed.flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else { throw UsageError("\(name) needs a value (\(spec.valueName!))") }
                value = arguments[index]
                index += 1
            }
            if !spec.isRepeatable, parsed.values[name] != nil {
                throw UsageError("\(name) is given more than once")
            }
            parsed.values[name, default: []].append(value)
        }
        return parsed
    }
}

/// Byte sizes on the command line: a number with an optional unit (B, K/KB, M/MB, G/GB, T/TB
/// are powers of 1000; KiB, MiB, GiB, TiB are powers of 1024).
enum ByteSize {
    static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        let unit = trimmed.dropFirst(digits.count).lowercased()
        guard let number = Double(digits), number >= 0 else { return nil }
        let multipliers: [String: Double] = [
            "": 1, "b": 1,
            "k": 1e3, "kb": 1e3, "m": 1e6, "mb": 1e6, "g": 1e9, "gb": 1e9, "t": 1e12, "tb": 1e12,
            "kib": 1024, "mib": 1_048_576, "gib": 1_073_741_824, "tib": 1_099_511_627_776,
        ]
        guard let multiplier = multipliers[unit] else { return nil }
        let bytes = number * multiplier
        guard bytes < 9e18 else { return nil }
        return Int(bytes.rounded())
    }

    /// `1536` -> `1.5 KiB`.
    static func format(_ bytes: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }
}
