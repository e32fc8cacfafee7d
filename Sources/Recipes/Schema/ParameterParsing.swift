import Merging

/// Reads `parameters:` mappings into `ParameterValue`s: scalars, gradient lists of numbers,
/// and conditional lists of `{filter, value}` entries, as mergekit accepts them.
enum ParameterParsing {
    /// Whether any known method declares a parameter called `name`.
    static func isKnownParameterName(_ name: String) -> Bool {
        knownParameterNames.contains(name)
    }

    /// Every parameter name some known method declares.
    static let knownParameterNames: [String] = {
        var names: [String] = []
        for spec in MethodCatalog.all.flatMap({ $0.globalParameters + $0.perModelParameters }) where !names.contains(spec.name) {
            names.append(spec.name)
        }
        return names
    }()
}

extension SchemaParser {
    mutating func parameters(_ node: YAMLNode) -> [ParameterDeclaration] {
        if node.isNull { return [] }
        guard let entries = node.mappingValue else {
            log.error(node.location, "parameters takes a mapping of names to values, such as {weight: 1.0}; got \(node.kindDescription)")
            return []
        }
        return entries.compactMap { entry in
            guard let name = entry.key.scalarText else { return nil }
            return ParameterDeclaration(name: name, value: parameterValue(entry.value, name: name), location: entry.key.location)
        }
    }

    /// Parses one parameter setting, or returns nil after reporting an error.
    mutating func parameterValue(_ node: YAMLNode, name: String) -> ParameterValue? {
        switch node.content {
        case .scalar(let text, _):
            if node.isNull {
                log.error(node.location, "parameter \(name) has no value; give a number, a list of numbers or a list of {filter, value}")
                return nil
            }
            if let flag = node.boolValue { return .bool(flag) }
            if let number = node.numberValue {
                guard number.isFinite else {
                    log.error(node.location, "parameter \(name) is \(text); use a finite number")
                    return nil
                }
                return .number(number)
            }
            return .string(text)
        case .mapping:
            return conditionalEntry(node, name: name).map { .conditional([$0]) }
        case .sequence(let items):
            if items.isEmpty {
                log.error(node.location, "parameter \(name) is an empty list; give at least one value")
                return nil
            }
            if items.allSatisfy({ $0.mappingValue != nil }) {
                let entries = items.compactMap { conditionalEntry($0, name: name) }
                return entries.count == items.count ? .conditional(entries) : nil
            }
            var values: [Double] = []
            for item in items {
                guard let number = item.numberValue, number.isFinite else {
                    log.error(item.location, "parameter \(name) mixes kinds in one list; a gradient lists finite numbers only, got \(item.kindDescription) \(item.flowText)")
                    return nil
                }
                values.append(number)
            }
            return .gradient(values)
        }
    }

    private mutating func conditionalEntry(_ node: YAMLNode, name: String) -> ConditionalValue? {
        checkKeys(node.mappingValue ?? [], allowed: RecipeKeys.conditional, context: "a conditional value of \(name)")
        var filter: String?
        if let filterNode = node["filter"], !filterNode.isNull {
            guard let text = filterNode.scalarText, filterNode.mappingValue == nil, filterNode.sequenceValue == nil else {
                log.error(filterNode.location, "filter takes a substring of tensor names such as self_attn; got \(filterNode.kindDescription)")
                return nil
            }
            filter = text
        }
        guard let valueNode = node["value"] else {
            log.error(node.location, "a conditional value of \(name) needs a value key; write {filter: \(filter ?? "mlp"), value: 0.5}")
            return nil
        }
        guard let value = parameterValue(valueNode, name: name) else { return nil }
        if case .conditional = value {
            log.error(valueNode.location, "parameter \(name) nests a conditional list inside a conditional value; give a number or a gradient list")
            return nil
        }
        return ConditionalValue(filter: filter, value: value)
    }
}
