/// Text for Markdown documents (the model card).
enum MarkdownText {
    /// `text` with Markdown and HTML syntax neutralised, for table cells and prose:
    /// `\`, `` ` ``, `*`, `_`, `[`, `]`, `#` and `|` backslash-escaped, `&`, `<` and `>` as
    /// character references, and line breaks as spaces.
    static func escaped(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "#", "|": output += "\\" + String(character)
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\n", "\r": output += " "
            default: output.append(character)
            }
        }
        return output
    }

    /// `text` as a code span, or escaped plain text when it contains a backtick, a pipe or a
    /// line break, which a code span in a table cell cannot hold.
    static func code(_ text: String) -> String {
        text.contains(where: { "`|\n\r".contains($0) }) ? escaped(text) : "`" + text + "`"
    }

    /// Wraps `text` in a fenced code block whose fence is longer than any backtick run in `text`, so the
    /// text cannot close it early. Trailing line breaks of `text` are dropped.
    static func fenced(_ text: String, language: String) -> [String] {
        var longestRun = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longestRun = max(longestRun, run)
        }
        let fence = String(repeating: "`", count: max(3, longestRun + 1))
        var body = Substring(text)
        while body.hasSuffix("\n") { body = body.dropLast() }
        return [fence + language] + body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) + [fence]
    }

    /// Writes a model's name, linked to its Hub page when it has a Hub id of the `ORG/NAME` shape
    /// (so the URL needs no escaping).
    static func modelLink(_ node: LineageNode?, name: String) -> String {
        guard let hubID = node?.hubID, LineageNode.hubID(inName: hubID) == hubID else { return escaped(name) }
        return "[\(escaped(name))](https://huggingface.co/\(hubID))"
    }
}
