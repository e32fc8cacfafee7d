import SafeTensors

/// Reads one YAML document into a `MergeDeclaration`, reporting every problem it finds
/// rather than stopping at the first.
struct SchemaParser {
    var log: DiagnosticLog

    init(strict: Bool) {
        log = DiagnosticLog(strict: strict)
    }

    /// Parses `document` into a declaration, or returns nil when it is not a mapping.
    mutating func parse(_ document: YAMLDocument) -> MergeDeclaration? {
        let root = document.root
        guard let entries = root.mappingValue else {
            log.error(root.location, "a merge document must be a mapping of keys such as merge_method and models; got \(root.kindDescription)")
            return nil
        }
        log.suppressedLocations = document.placeholderLocations
        defer { log.suppressedLocations = [] }
        var declaration = MergeDeclaration(location: root.location, documentText: document.text)
        checkKeys(entries, allowed: RecipeKeys.document, context: "a merge document", misplacedParameters: true)

        if let node = root["name"] {
            declaration.name = mergeName(node)
        }
        if let node = root["merge_method"] {
            if let text = node.stringValue {
                declaration.method = Located(text, at: node.location)
            } else {
                log.error(node.location, "merge_method takes a method name such as model_stock; got \(node.kindDescription) \(node.flowText)")
            }
        } else {
            log.error(root.location, "missing merge_method; add one, for example merge_method: model_stock")
        }
        declaration.base = root["base_model"].flatMap { modelReference($0, key: "base_model") }
        parseInputs(root, into: &declaration)
        declaration.parameters = root["parameters"].map { parameters($0) } ?? []
        declaration.dtype = root["dtype"].flatMap { dtype($0, key: "dtype") }
        declaration.outDType = root["out_dtype"].flatMap { dtype($0, key: "out_dtype") }
        declaration.tokenizer = tokenizer(root)
        if let node = root["chat_template"], !node.isNull {
            if let text = node.stringValue {
                declaration.chatTemplate = text
                // NOTE: writing a chat template into the output's tokenizer is not implemented.
                log.warning(node.location, "chat_template is not supported by Pedigree's engine yet, so pedigree run will fail on this merge; remove it and set the template in the output's tokenizer_config.json")
            } else {
                log.error(node.location, "chat_template takes a template name (auto, chatml, llama3, mistral, alpaca, exaone) or Jinja text; got \(node.kindDescription) \(node.flowText)")
            }
        }
        if let node = root["pedigree"] {
            declaration.options = pedigreeOptions(node)
        }
        return declaration
    }

    // MARK: Names and inputs

    private mutating func mergeName(_ node: YAMLNode) -> Located<String>? {
        guard let text = node.scalarText, !node.isNull, node.mappingValue == nil else {
            log.error(node.location, "name takes a merge name such as MN-Sappho-a-12B; got \(node.kindDescription)")
            return nil
        }
        if let bad = text.first(where: { "/+@".contains($0) || $0.isWhitespace }) {
            log.error(node.location, "invalid merge name \"\(text)\": it contains \"\(bad)\", which model references reserve; use letters, digits, '-', '_' and '.'")
            return nil
        }
        return Located(text, at: node.location)
    }

    private mutating func parseInputs(_ root: YAMLNode, into declaration: inout MergeDeclaration) {
        let models = root["models"], slices = root["slices"]
        if root["modules"] != nil {
            log.error(root["modules"]!.location, "modules (multi-module models) is not supported; declare the merge with models or slices")
        }
        switch (models, slices) {
        case (nil, nil):
            if root["modules"] == nil {
                log.error(root.location, "a merge needs exactly one of models or slices; none is given")
            }
        case (let models?, let slices?):
            log.error(slices.location, "a merge needs exactly one of models or slices; both are given (models at line \(models.location.line)); keep one")
        case (let models?, nil):
            let entries = list(models, key: "models")
            declaration.models = entries.compactMap { inputDeclaration($0) }
            declaration.inputsAreComplete = models.sequenceValue != nil && declaration.models!.count == entries.count
        case (nil, let slices?):
            let entries = list(slices, key: "slices")
            declaration.slices = entries.compactMap { sliceDeclaration($0) }
            declaration.inputsAreComplete = slices.sequenceValue != nil && declaration.slices!.count == entries.count
                && declaration.slices!.allSatisfy(\.sourcesAreComplete)
        }
    }

    private mutating func inputDeclaration(_ node: YAMLNode) -> InputDeclaration? {
        guard let entries = node.mappingValue else {
            log.error(node.location, "each entry of models is a mapping with a model key; write \"- model: \(node.scalarText ?? "ORG/NAME")\"")
            return nil
        }
        checkKeys(entries, allowed: RecipeKeys.input, context: "a models entry")
        guard let modelNode = node["model"] else {
            log.error(node.location, "a models entry needs a model key; add model: ORG/NAME")
            return nil
        }
        guard let model = modelReference(modelNode, key: "model") else { return nil }
        return InputDeclaration(model: model, parameters: node["parameters"].map { parameters($0) } ?? [], location: node.location)
    }

    private mutating func sliceDeclaration(_ node: YAMLNode) -> SliceDeclaration? {
        guard let entries = node.mappingValue else {
            log.error(node.location, "each entry of slices is a mapping with a sources key; got \(node.kindDescription)")
            return nil
        }
        checkKeys(entries, allowed: RecipeKeys.slice, context: "a slice")
        guard let sourcesNode = node["sources"] else {
            log.error(node.location, "a slice needs a sources list; add sources: [{model: ORG/NAME, layer_range: [0, 40]}]")
            return nil
        }
        let sourceEntries = list(sourcesNode, key: "sources")
        let sources = sourceEntries.compactMap { sourceDeclaration($0) }
        var residualWeight: Double?
        if let weightNode = node["residual_weight"] {
            residualWeight = finiteNumber(weightNode, key: "residual_weight")
        }
        return SliceDeclaration(
            sources: sources,
            base: node["base_model"].flatMap { modelReference($0, key: "base_model") },
            parameters: node["parameters"].map { parameters($0) } ?? [],
            residualWeight: residualWeight,
            location: node.location,
            sourcesAreComplete: sourcesNode.sequenceValue != nil && sources.count == sourceEntries.count
        )
    }

    private mutating func sourceDeclaration(_ node: YAMLNode) -> SourceDeclaration? {
        guard let entries = node.mappingValue else {
            log.error(node.location, "each slice source is a mapping with model and layer_range; got \(node.kindDescription)")
            return nil
        }
        checkKeys(entries, allowed: RecipeKeys.source, context: "a slice source")
        guard let modelNode = node["model"] else {
            log.error(node.location, "a slice source needs a model key; add model: ORG/NAME")
            return nil
        }
        guard let model = modelReference(modelNode, key: "model") else { return nil }
        var layerRange: Located<Range<Int>>?
        if let rangeNode = node["layer_range"] {
            layerRange = self.layerRange(rangeNode)
        }
        return SourceDeclaration(model: model, layerRange: layerRange, parameters: node["parameters"].map { parameters($0) } ?? [],
                                 location: node.location)
    }

    private mutating func layerRange(_ node: YAMLNode) -> Located<Range<Int>>? {
        guard let items = node.sequenceValue, items.count == 2, let start = items[0].intValue, let end = items[1].intValue else {
            log.error(node.location, "layer_range takes two whole numbers [START, END) with END exclusive; got \(node.flowText)")
            return nil
        }
        guard start >= 0, end > start else {
            log.error(node.location, "layer_range \(node.flowText) selects no layers; END is exclusive and must be greater than START >= 0")
            return nil
        }
        return Located(start..<end, at: node.location)
    }

    // MARK: Scalars and lists

    mutating func list(_ node: YAMLNode, key: String) -> [YAMLNode] {
        guard let items = node.sequenceValue else {
            log.error(node.location, "\(key) takes a list; got \(node.kindDescription)")
            return []
        }
        if items.isEmpty {
            log.error(node.location, "\(key) is empty; list at least one entry")
        }
        return items
    }

    private mutating func dtype(_ node: YAMLNode, key: String) -> Located<DType>? {
        if node.isNull { return nil }
        guard let text = node.stringValue, let dtype = DType(configName: text), dtype.isConvertibleToFloat32 else {
            log.error(node.location, "invalid \(key) \(node.flowText); use bfloat16, float16, float32 or float64")
            return nil
        }
        return Located(dtype, at: node.location)
    }

    mutating func finiteNumber(_ node: YAMLNode, key: String) -> Double? {
        guard let value = node.numberValue, value.isFinite else {
            log.error(node.location, "\(key) takes a finite number; got \(node.kindDescription) \(node.flowText)")
            return nil
        }
        return value
    }

    /// Warns about keys outside `allowed`, suggesting the nearest allowed key. With
    /// `misplacedParameters`, a key that some method declares as a parameter gets advice to
    /// move it under `parameters:`.
    mutating func checkKeys(_ entries: [YAMLNode.Entry], allowed: [String], context: String, misplacedParameters: Bool = false) {
        for entry in entries {
            guard let key = entry.key.stringValue ?? entry.key.scalarText else { continue }
            if allowed.contains(key) { continue }
            var message = "unknown key \"\(key)\" in \(context), which mergekit ignores"
            if misplacedParameters, ParameterParsing.isKnownParameterName(key) {
                message += "; move it under parameters:"
            } else if misplacedParameters, let parameter = Spelling.nearest(to: key, among: ParameterParsing.knownParameterNames) {
                message += "; did you mean \"\(parameter)\" under parameters:?"
            } else if let suggestion = Spelling.nearest(to: key, among: allowed) {
                message += "; did you mean \"\(suggestion)\"?"
            } else {
                message += "; known keys: \(allowed.joined(separator: ", "))"
            }
            log.warning(entry.key.location, message)
        }
    }
}
