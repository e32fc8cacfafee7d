import CYAML

/// Parses YAML text through libyaml's event API into `YAMLNode` trees that keep the line
/// and column of every node.
///
/// Beyond libyaml's syntax checks it resolves anchors and aliases, applies `<<` merge keys
/// (explicit keys win, as in PyYAML) and reports duplicate mapping keys, which PyYAML
/// silently resolves to the last value.
public enum YAMLParser {
    /// Parses `text` into documents and the problems found. A syntax error ends parsing, so
    /// the result then has no documents and one error at libyaml's problem position. Empty
    /// documents (a stray `---`) are dropped.
    public static func parse(_ text: String, file: String) -> (documents: [YAMLDocument], problems: [Diagnostic]) {
        var builder = TreeBuilder(file: file, lines: SourceLines(text))
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return ([], [Diagnostic(.error, at: SourceLocation(file: file, line: 1, column: 1), "libyaml could not allocate a parser")])
        }
        defer { yaml_parser_delete(&parser) }

        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    return ([], [syntaxError(parser, file: file)])
                }
                let type = event.type
                builder.handle(event)
                yaml_event_delete(&event)
                if type == YAML_STREAM_END_EVENT { break }
            }
            return (builder.documents, builder.problems)
        }
    }

    private static func syntaxError(_ parser: yaml_parser_t, file: String) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        let mark = parser.problem_mark
        var message = "invalid YAML: \(problem)"
        if let context = parser.context.map({ String(cString: $0) }) {
            let contextMark = parser.context_mark
            message += " (\(context) at line \(contextMark.line + 1), column \(contextMark.column + 1))"
        }
        message += "; fix the YAML syntax at this position"
        return Diagnostic(.error, at: SourceLocation(file: file, line: mark.line + 1, column: mark.column + 1), message)
    }
}

/// The lines of a text with their line breaks (LF, CRLF or CR), counted as libyaml counts
/// them, so a document's text can be cut out by line numbers.
struct SourceLines {
    let lines: [Substring]

    init(_ text: String) {
        var lines: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        // Characters, not scalars: Swift treats "\r\n" as one Character, as libyaml does.
        while index < text.endIndex {
            let character = text[index]
            index = text.index(after: index)
            if character == "\n" || character == "\r\n" || character == "\r" {
                lines.append(text[start..<index])
                start = index
            }
        }
        if start < text.endIndex { lines.append(text[start...]) }
        self.lines = lines
    }

    /// Lines `from` up to but not including `to`, 0-based.
    func text(from: Int, to: Int) -> String {
        let upper = min(to, lines.count)
        guard from < upper else { return "" }
        return lines[from..<upper].joined()
    }
}

/// Turns libyaml events into node trees.
private struct TreeBuilder {
    let file: String
    let lines: SourceLines
    var documents: [YAMLDocument] = []
    var problems: [Diagnostic] = []

    private enum Frame {
        case sequence([YAMLNode], SourceLocation, anchor: String?)
        /// Keys and values alternate.
        case mapping([YAMLNode], SourceLocation, anchor: String?)
    }

    private var stack: [Frame] = []
    private var anchors: [String: YAMLNode] = [:]
    private var documentRoot: YAMLNode?
    private var documentStartLine = 0
    /// Documents whose text is known only once the next document starts.
    private var pending: [(root: YAMLNode, startLine: Int, placeholders: Set<SourceLocation>)] = []
    private var placeholders: Set<SourceLocation> = []

    init(file: String, lines: SourceLines) {
        self.file = file
        self.lines = lines
    }

    mutating func handle(_ event: yaml_event_t) {
        let location = SourceLocation(file: file, line: event.start_mark.line + 1, column: event.start_mark.column + 1)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documentStartLine = event.start_mark.line
            finishPendingDocuments(endLine: documentStartLine)
            anchors = [:]
            placeholders = []
            documentRoot = nil
        case YAML_DOCUMENT_END_EVENT:
            if let root = documentRoot, !root.isNull {
                pending.append((root, documentStartLine, placeholders))
            }
        case YAML_STREAM_END_EVENT:
            finishPendingDocuments(endLine: lines.lines.count)
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = string(scalar.value, length: scalar.length)
            let tag = scalar.tag.map { String(cString: $0) }
            let isPlain = scalar.style == YAML_PLAIN_SCALAR_STYLE && tag != "tag:yaml.org,2002:str"
            add(YAMLNode(.scalar(text, isPlain: isPlain), at: location), anchor: scalar.anchor)
        case YAML_ALIAS_EVENT:
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            if var node = anchors[name] {
                node.location = location
                add(node, anchor: nil)
            } else {
                problems.append(Diagnostic(.error, at: location, "unknown alias *\(name); define &\(name) before using it in the same document"))
                placeholders.insert(location)
                add(YAMLNode(.scalar("", isPlain: true), at: location), anchor: nil)
            }
        case YAML_SEQUENCE_START_EVENT:
            stack.append(.sequence([], location, anchor: event.data.sequence_start.anchor.map { String(cString: $0) }))
        case YAML_MAPPING_START_EVENT:
            stack.append(.mapping([], location, anchor: event.data.mapping_start.anchor.map { String(cString: $0) }))
        case YAML_SEQUENCE_END_EVENT:
            guard case .sequence(let items, let start, let anchor) = stack.removeLast() else { return }
            add(YAMLNode(.sequence(items), at: start), anchorName: anchor)
        case YAML_MAPPING_END_EVENT:
            guard case .mapping(let flat, let start, let anchor) = stack.removeLast() else { return }
            add(YAMLNode(.mapping(mergedEntries(flat)), at: start), anchorName: anchor)
        default:
            break
        }
    }

    private mutating func finishPendingDocuments(endLine: Int) {
        for (index, document) in pending.enumerated() {
            let end = index + 1 < pending.count ? pending[index + 1].startLine : endLine
            documents.append(YAMLDocument(root: document.root, text: lines.text(from: document.startLine, to: end),
                                          placeholderLocations: document.placeholders))
        }
        pending = []
    }

    private mutating func add(_ node: YAMLNode, anchor: UnsafeMutablePointer<yaml_char_t>?) {
        add(node, anchorName: anchor.map { String(cString: $0) })
    }

    private mutating func add(_ node: YAMLNode, anchorName: String?) {
        if let anchorName { anchors[anchorName] = node }
        guard let top = stack.popLast() else {
            documentRoot = node
            return
        }
        switch top {
        case .sequence(var items, let location, let anchor):
            items.append(node)
            stack.append(.sequence(items, location, anchor: anchor))
        case .mapping(var flat, let location, let anchor):
            flat.append(node)
            stack.append(.mapping(flat, location, anchor: anchor))
        }
    }

    /// Pairs alternating keys and values, reports duplicate keys and applies `<<` merges.
    private mutating func mergedEntries(_ flat: [YAMLNode]) -> [YAMLNode.Entry] {
        var explicit: [YAMLNode.Entry] = []
        var merged: [YAMLNode.Entry] = []
        var seen: [String: SourceLocation] = [:]
        for pairStart in stride(from: 0, to: flat.count - 1, by: 2) {
            let key = flat[pairStart], value = flat[pairStart + 1]
            if case .scalar("<<", true) = key.content {
                merged.append(contentsOf: mergeSources(value))
                continue
            }
            if let text = key.scalarText {
                if let first = seen[text] {
                    problems.append(Diagnostic(.error, at: key.location,
                        "duplicate key \"\(text)\" (first at line \(first.line), column \(first.column)); keep one of them"))
                    continue
                }
                seen[text] = key.location
            }
            explicit.append(YAMLNode.Entry(key: key, value: value))
        }
        for entry in merged {
            guard let text = entry.key.scalarText, seen[text] == nil else { continue }
            seen[text] = entry.key.location
            explicit.append(entry)
        }
        return explicit
    }

    private mutating func mergeSources(_ value: YAMLNode) -> [YAMLNode.Entry] {
        switch value.content {
        case .mapping(let entries):
            return entries
        case .sequence(let items):
            // Earlier mappings in the list win, as in PyYAML.
            var result: [YAMLNode.Entry] = []
            for item in items {
                guard let entries = item.mappingValue else {
                    problems.append(Diagnostic(.error, at: item.location, "a << merge list takes mappings; got \(item.kindDescription)"))
                    continue
                }
                result.append(contentsOf: entries.filter { entry in !result.contains { $0.key.scalarText == entry.key.scalarText } })
            }
            return result
        case .scalar:
            problems.append(Diagnostic(.error, at: value.location, "a << merge key takes a mapping or a list of mappings; got \(value.kindDescription)"))
            return []
        }
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String {
        guard let pointer else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }
}
