import SafeTensors

extension SchemaParser {
    /// A model reference in the string grammar or the dict form; nil after reporting an error.
    mutating func modelReference(_ node: YAMLNode, key: String) -> ModelReference? {
        if let entries = node.mappingValue {
            return dictionaryReference(node, entries: entries, key: key)
        }
        guard let text = node.scalarText, !node.isNull, !text.isEmpty else {
            log.error(node.location, "\(key) takes a model: a path, ORG/NAME[@REVISION][+ADAPTER] or a merge name; got \(node.kindDescription)")
            return nil
        }
        switch ModelReference.parse(text, at: node.location) {
        case .success(let reference):
            return reference
        case .failure(let error):
            log.error(node.location, error.message)
            return nil
        }
    }

    /// `{model: PATH | {path, revision}, lora: PATH | {path, revision}}`.
    private mutating func dictionaryReference(_ node: YAMLNode, entries: [YAMLNode.Entry], key: String) -> ModelReference? {
        checkKeys(entries, allowed: RecipeKeys.referenceDictionary, context: "a model reference")
        if let override = node["override_architecture"], !override.isNull {
            log.error(override.location, "override_architecture is not supported; remove it and use a model whose config.json names the architecture")
        }
        guard let modelNode = node["model"] else {
            log.error(node.location, "a model reference mapping needs a model key; write {model: {path: ORG/NAME, revision: main}}")
            return nil
        }
        guard let model = referencePath(modelNode, key: "model") else { return nil }
        var adapter: ModelReference.Path?
        if let loraNode = node["lora"], !loraNode.isNull {
            guard let path = referencePath(loraNode, key: "lora") else { return nil }
            adapter = path
        }
        return ModelReference(model: model, adapter: adapter, location: node.location)
    }

    private mutating func referencePath(_ node: YAMLNode, key: String) -> ModelReference.Path? {
        if let entries = node.mappingValue {
            checkKeys(entries, allowed: RecipeKeys.pathDictionary, context: "a \(key) mapping")
            guard let path = node["path"]?.scalarText, !path.isEmpty else {
                log.error(node.location, "a \(key) mapping needs a path; write {path: ORG/NAME, revision: main}")
                return nil
            }
            let revision = node["revision"].flatMap { $0.isNull ? nil : $0.scalarText }
            return ModelReference.Path(path: path, revision: revision)
        }
        guard let text = node.scalarText, !node.isNull, !text.isEmpty else {
            log.error(node.location, "\(key) takes a path or ORG/NAME[@REVISION]; got \(node.kindDescription)")
            return nil
        }
        let pieces = text.split(separator: "@", omittingEmptySubsequences: false).map(String.init)
        guard pieces.count <= 2, pieces.allSatisfy({ !$0.isEmpty }) else {
            log.error(node.location, "invalid \(key) \"\(text)\"; write PATH or ORG/NAME@REVISION")
            return nil
        }
        return ModelReference.Path(path: pieces[0], revision: pieces.count == 2 ? pieces[1] : nil)
    }

    // MARK: Tokenizer

    /// The tokenizer settings from `tokenizer_source` or `tokenizer`; nil when neither is set.
    mutating func tokenizer(_ root: YAMLNode) -> TokenizerDeclaration? {
        let legacy = root["tokenizer_source"].flatMap { $0.isNull ? nil : $0 }
        let modern = root["tokenizer"].flatMap { $0.isNull ? nil : $0 }
        if let legacy, let modern {
            log.error(legacy.location, "tokenizer_source and tokenizer are both given (tokenizer at line \(modern.location.line)); keep one, for example tokenizer: {source: \(legacy.flowText)}")
            return nil
        }
        if let legacy {
            return tokenizerSource(legacy, key: "tokenizer_source").map { TokenizerDeclaration(source: $0, location: legacy.location) }
        }
        guard let modern else { return nil }
        guard let entries = modern.mappingValue else {
            log.error(modern.location, "tokenizer takes a mapping such as {source: union}; got \(modern.kindDescription)")
            return nil
        }
        checkKeys(entries, allowed: RecipeKeys.tokenizer, context: "tokenizer")
        var declaration = TokenizerDeclaration(source: .union, location: modern.location)
        if let sourceNode = modern["source"] {
            guard let source = tokenizerSource(sourceNode, key: "tokenizer.source") else { return nil }
            declaration.source = source
        }
        if let padNode = modern["pad_to_multiple_of"], !padNode.isNull {
            if let value = padNode.intValue, value > 0 {
                declaration.padToMultipleOf = value
            } else {
                log.error(padNode.location, "pad_to_multiple_of takes a whole number of at least 1; got \(padNode.flowText)")
            }
        }
        if let tokensNode = modern["tokens"], !tokensNode.isNull {
            guard let tokenEntries = tokensNode.mappingValue else {
                log.error(tokensNode.location, "tokens takes a mapping from token text to {source, force}; got \(tokensNode.kindDescription)")
                return declaration
            }
            declaration.tokens = tokenEntries.compactMap { tokenDeclaration($0) }
        }
        return declaration
    }

    /// `union` and `base` are keywords here, never merge names.
    private mutating func tokenizerSource(_ node: YAMLNode, key: String) -> TokenizerDeclaration.Source? {
        switch node.stringValue {
        case "union": return .union
        case "base": return .base
        default: return modelReference(node, key: key).map { .model($0) }
        }
    }

    private mutating func tokenDeclaration(_ entry: YAMLNode.Entry) -> TokenDeclaration? {
        let token = entry.key.scalarText ?? ""
        let node = entry.value
        guard let entries = node.mappingValue else {
            log.error(node.location, "token \"\(token)\" takes a mapping {source, force}; got \(node.kindDescription)")
            return nil
        }
        checkKeys(entries, allowed: RecipeKeys.token, context: "a tokens entry")
        var declaration = TokenDeclaration(token: token, source: nil, force: false, location: entry.key.location)
        if let forceNode = node["force"] {
            if let force = forceNode.boolValue {
                declaration.force = force
            } else {
                log.error(forceNode.location, "force takes true or false; got \(forceNode.flowText)")
            }
        }
        guard let sourceNode = node["source"], !sourceNode.isNull else { return declaration }
        if sourceNode.mappingValue != nil, let kind = sourceNode["kind"]?.stringValue {
            switch kind {
            case "zero":
                declaration.source = .zero
            case "model_token":
                guard let modelNode = sourceNode["model"], let model = modelReference(modelNode, key: "model") else {
                    log.error(sourceNode.location, "a model_token source needs a model; add model: ORG/NAME")
                    return nil
                }
                declaration.source = .modelToken(model, tokenID: sourceNode["token_id"]?.intValue, token: sourceNode["token"]?.stringValue)
            default:
                log.error(sourceNode.location, "unknown token source kind \"\(kind)\"; use zero or model_token")
                return nil
            }
        } else {
            guard let model = modelReference(sourceNode, key: "source") else { return nil }
            declaration.source = .model(model)
        }
        return declaration
    }

    // MARK: Pedigree's own options

    mutating func pedigreeOptions(_ node: YAMLNode) -> PedigreeOptions {
        var options = PedigreeOptions()
        guard let entries = node.mappingValue else {
            log.error(node.location, "pedigree takes a mapping such as {compat: mergekit}; got \(node.kindDescription)")
            return options
        }
        checkKeys(entries, allowed: RecipeKeys.pedigree, context: "pedigree")
        if let compatNode = node["compat"] {
            if let text = compatNode.stringValue, let semantics = Semantics(rawValue: text) {
                options.compat = semantics
            } else {
                log.error(compatNode.location, "invalid compat \(compatNode.flowText); use mergekit (reproduce mergekit 0.1.5) or pedigree")
            }
        }
        options.notes = textOption(node["notes"], key: "notes")
        options.template = textOption(node["template"], key: "template")
        if let samplingNode = node["sampling"] {
            if samplingNode.mappingValue != nil, case .object(let object) = samplingNode.jsonValue {
                options.sampling = object
            } else {
                log.error(samplingNode.location, "sampling takes a mapping of sampler settings such as {temperature: 1}; got \(samplingNode.kindDescription)")
            }
        }
        return options
    }

    private mutating func textOption(_ node: YAMLNode?, key: String) -> String? {
        guard let node, !node.isNull else { return nil }
        guard let text = node.stringValue else {
            log.error(node.location, "\(key) takes text; got \(node.kindDescription) \(node.flowText)")
            return nil
        }
        return text
    }
}

extension YAMLNode {
    /// The node as JSON, with plain scalars typed as YAML types them and numbers in their
    /// canonical form.
    var jsonValue: JSONValue {
        switch content {
        case .sequence(let items):
            return .array(items.map(\.jsonValue))
        case .mapping(let entries):
            return .object(JSONObject(entries.map { JSONObject.Member(key: $0.key.scalarText ?? "", value: $0.value.jsonValue) }))
        case .scalar(let text, _):
            if isNull { return .null }
            if let flag = boolValue { return .bool(flag) }
            if let number = numberValue, number.isFinite { return .number(CanonicalNumber.text(number)) }
            return .string(text)
        }
    }
}
