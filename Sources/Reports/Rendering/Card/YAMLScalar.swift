/// YAML scalars for model-card front matter.
enum YAMLScalar {
    /// Words YAML 1.1 parsers (PyYAML among them) read as booleans or null when unquoted.
    static let reservedWords: Set<String> = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
    ]

    /// `text` as a plain scalar when that reads back as the same string, else double-quoted.
    /// Plain is used only for Hub-style ids and identifiers: letters, digits, `-`, `_`, `.`
    /// and at most one `/`, starting with a letter or digit, and not a number or a reserved
    /// word.
    static func render(_ text: String) -> String {
        isSafePlain(text) ? text : quoted(text)
    }

    static func isSafePlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic || ("0"..."9").contains(first) else {
            return false
        }
        let allowed = text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_./".unicodeScalars.contains(scalar))
        }
        let slashes = text.filter { $0 == "/" }.count
        let looksNumeric = Double(text) != nil || text.allSatisfy { $0.isNumber || $0 == "." || $0 == "_" || $0 == "-" }
        return allowed && slashes <= 1 && !looksNumeric && !reservedWords.contains(text.lowercased())
    }

    /// A double-quoted scalar: `"` and `\` escaped, and every character YAML does not allow
    /// unescaped (C0 and C1 controls, DEL, line and paragraph separators, byte order mark)
    /// written as `\uXXXX`.
    static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF
                || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}
