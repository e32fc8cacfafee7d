/// A YAML node with the position it was written at. Aliases are already replaced by the
/// node their anchor names, and `<<` merge keys are already applied.
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        /// A scalar's text. `isPlain` is false for quoted and block scalars and for scalars
        /// tagged `!!str`, which are always strings; plain scalars may be numbers, booleans
        /// or null.
        case scalar(String, isPlain: Bool)
        case sequence([YAMLNode])
        /// Entries in document order; keys are unique (the parser reports duplicates).
        case mapping([Entry])
    }

    public struct Entry: Sendable {
        public var key: YAMLNode
        public var value: YAMLNode
    }

    public var content: Content
    public var location: SourceLocation

    public init(_ content: Content, at location: SourceLocation) {
        self.content = content
        self.location = location
    }

    // MARK: Scalars, resolved as PyYAML (which mergekit uses) resolves plain scalars

    /// The text of a scalar of any style; nil for sequences and mappings.
    public var scalarText: String? {
        guard case .scalar(let text, _) = content else { return nil }
        return text
    }

    /// True for a plain `null`, `~` or empty scalar.
    public var isNull: Bool {
        guard case .scalar(let text, true) = content else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(text)
    }

    /// The value of a plain boolean scalar (`true`, `false`, and YAML 1.1's `yes`, `no`,
    /// `on`, `off` in their usual capitalizations).
    public var boolValue: Bool? {
        guard case .scalar(let text, true) = content else { return nil }
        switch text {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return false
        default: return nil
        }
    }

    /// The value of a plain numeric scalar: decimal integers and decimals with an optional
    /// exponent, with `_` separators allowed, plus `.inf` and `.nan` (which validation rejects
    /// where a finite number is needed).
    public var numberValue: Double? {
        guard case .scalar(let text, true) = content else { return nil }
        switch text.lowercased() {
        case ".inf", "+.inf": return .infinity
        case "-.inf": return -.infinity
        case ".nan": return .nan
        default: break
        }
        let cleaned = text.filter { $0 != "_" }
        guard cleaned.contains(where: \.isNumber),
              cleaned.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              let value = Double(cleaned) else { return nil }
        return value
    }

    /// The value of a plain integer scalar.
    public var intValue: Int? {
        guard case .scalar(let text, true) = content else { return nil }
        return Int(text.filter { $0 != "_" })
    }

    /// The text of a scalar that is a string in YAML's typing: any quoted or block scalar,
    /// and plain scalars that are not null, booleans or numbers.
    public var stringValue: String? {
        guard case .scalar(let text, let isPlain) = content else { return nil }
        if isPlain, isNull || boolValue != nil || numberValue != nil { return nil }
        return text
    }

    public var sequenceValue: [YAMLNode]? {
        guard case .sequence(let items) = content else { return nil }
        return items
    }

    public var mappingValue: [Entry]? {
        guard case .mapping(let entries) = content else { return nil }
        return entries
    }

    /// Returns the value under `key` in a mapping with string keys.
    public subscript(key: String) -> YAMLNode? {
        mappingValue?.first { $0.key.scalarText == key }?.value
    }

    /// A short name of the node's kind for error messages ("a number", "a list").
    public var kindDescription: String {
        switch content {
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .scalar:
            if isNull { return "null" }
            if boolValue != nil { return "a boolean" }
            if numberValue != nil { return "a number" }
            return "a string"
        }
    }

    /// The node written back as compact YAML flow text for messages: `[0, 0.5]`, `{a: 1}`.
    public var flowText: String {
        switch content {
        case .scalar(let text, let isPlain):
            return isPlain ? text : "\"\(text)\""
        case .sequence(let items):
            return "[" + items.map(\.flowText).joined(separator: ", ") + "]"
        case .mapping(let entries):
            return "{" + entries.map { "\($0.key.flowText): \($0.value.flowText)" }.joined(separator: ", ") + "}"
        }
    }
}

/// One document of a YAML stream.
public struct YAMLDocument: Sendable {
    public var root: YAMLNode
    /// The document's source text, from its first line through the line before the next
    /// document (including comments and a leading `---`).
    public var text: String
    /// Positions of the nulls the parser put in place of YAML it reported as broken (an
    /// unknown alias).
    public var placeholderLocations: Set<SourceLocation> = []
}
