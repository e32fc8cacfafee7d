extension JSONValue {
    /// Compact JSON text: no whitespace, members in their stored order unless `sortedKeys`,
    /// which orders them by the UTF-8 bytes of their keys.
    public func serialized(sortedKeys: Bool = false) -> String {
        var output = ""
        write(to: &output, sortedKeys: sortedKeys, indent: nil, level: 0)
        return output
    }

    /// JSON text indented by `indent` spaces per level, one member or element per line.
    public func prettyPrinted(indent: Int = 2, sortedKeys: Bool = false) -> String {
        var output = ""
        write(to: &output, sortedKeys: sortedKeys, indent: indent, level: 0)
        return output
    }

    private func write(to output: inout String, sortedKeys: Bool, indent: Int?, level: Int) {
        func newline(_ level: Int) {
            guard let indent else { return }
            output += "\n" + String(repeating: " ", count: indent * level)
        }
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let text): output += text
        case .string(let text): output += JSONValue.quoted(text)
        case .array(let elements):
            guard !elements.isEmpty else {
                output += "[]"
                return
            }
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                newline(level + 1)
                element.write(to: &output, sortedKeys: sortedKeys, indent: indent, level: level + 1)
            }
            newline(level)
            output += "]"
        case .object(let object):
            guard !object.members.isEmpty else {
                output += "{}"
                return
            }
            var members = object.members
            if sortedKeys {
                members.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            }
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += "," }
                newline(level + 1)
                output += JSONValue.quoted(member.key)
                output += indent == nil ? ":" : ": "
                member.value.write(to: &output, sortedKeys: sortedKeys, indent: indent, level: level + 1)
            }
            newline(level)
            output += "}"
        }
    }

    /// A JSON string literal for `text`, escaping quotes, backslashes and control characters.
    public static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }

    /// A number value for an integer.
    public static func integer(_ value: Int) -> JSONValue { .number(String(value)) }
}
