import Merging

/// Validates one declaration and resolves its references into a `ResolvedMerge` whose
/// identity is still empty (identities need the graph's order). Reports every problem.
struct MergeValidator {
    let resolver: ReferenceResolver
    let defaultSemantics: Semantics

    /// The resolved merge, or nil when the declaration has errors that leave no merge to
    /// describe (an unknown method, a missing input).
    func validate(_ declaration: MergeDeclaration, log: inout DiagnosticLog) -> ResolvedMerge? {
        let semantics = declaration.options.compat ?? defaultSemantics
        let method = declaration.method.flatMap { methodDescriptor($0, log: &log) }
        if let method, let location = declaration.method?.location, !MethodRegistry.isImplemented(method.name) {
            log.warning(location, "\(method.name) is validated but not implemented by Pedigree's engine yet, so pedigree run will fail on this merge; the engine merges \(MethodRegistry.implementedNames.joined(separator: " and "))")
        }
        let errorsBefore = log.entries.filter { $0.severity == .error }.count

        var base = declaration.base.flatMap { resolve($0, log: &log) }
        if let method, method.baseModel == .unused, let reference = declaration.base {
            log.warning(reference.location, "\(method.name) does not use base_model, so \(reference) is ignored; list it under models to include it")
            base = nil
        }
        let tokenizer = declaration.tokenizer.flatMap { tokenizerPolicy($0, log: &log) }

        var ingredients: [Ingredient] = []
        var slices: [ResolvedSlice]?
        if let method {
            let parameters = ParameterValidation(method: method, semantics: semantics)
            let topLevel = parameters.sort(declaration.parameters, level: "the top level", allowsGlobal: true, log: &log)
            if let models = declaration.models {
                ingredients = validateModels(models, declaration: declaration, method: method, topLevel: topLevel, log: &log)
            } else if let declared = declaration.slices {
                slices = validateSlices(declared, declaration: declaration, base: base, method: method, topLevel: topLevel, log: &log)
            }
            var merge = ResolvedMerge(
                name: declaration.name?.value, method: method, semantics: semantics, base: base,
                ingredients: ingredients, slices: slices,
                parameters: parameters.globalValues([topLevel], location: declaration.method!.location, log: &log),
                dtype: declaration.dtype?.value, outDType: declaration.outDType?.value,
                tokenizer: tokenizer, chatTemplate: declaration.chatTemplate, options: declaration.options,
                location: declaration.location, documentText: declaration.documentText,
                identity: "", canonicalJSON: "", isPinned: false
            )
            warnAboutIgnoredWeights(declaration, merge: &merge, log: &log)
            let errorsAfter = log.entries.filter { $0.severity == .error }.count
            return errorsAfter == errorsBefore ? merge : nil
        }
        // An unknown method: still resolve the inputs so missing ones are reported too.
        for input in declaration.models ?? [] { _ = resolve(input.model, log: &log) }
        for slice in declaration.slices ?? [] {
            _ = slice.base.flatMap { resolve($0, log: &log) }
            for source in slice.sources { _ = resolve(source.model, log: &log) }
        }
        return nil
    }

    private func methodDescriptor(_ name: Located<String>, log: inout DiagnosticLog) -> MethodDescriptor? {
        if let method = MethodCatalog.descriptor(named: name.value) { return method }
        let known = MethodCatalog.all.map(\.name)
        var message = "unknown merge method \"\(name.value)\""
        if let suggestion = Spelling.nearest(to: name.value, among: known) {
            message += "; did you mean \"\(suggestion)\"?"
        }
        message += " Known methods: \(known.joined(separator: ", "))"
        log.error(name.location, message)
        return nil
    }

    func resolve(_ reference: ModelReference, log: inout DiagnosticLog) -> ResolvedInput? {
        switch resolver.resolve(reference) {
        case .success(let input):
            return input
        case .failure(let error):
            log.error(reference.location, error.message)
            return nil
        }
    }

    // MARK: models

    private func validateModels(_ models: [InputDeclaration], declaration: MergeDeclaration, method: MethodDescriptor,
                                topLevel: ParameterValidation.Levels, log: inout DiagnosticLog) -> [Ingredient] {
        let parameters = ParameterValidation(method: method, semantics: declaration.options.compat ?? defaultSemantics)
        var ingredients: [Ingredient] = []
        var seen: [ModelReference.Path: SourceLocation] = [:]
        var ingredientCount = 0
        for model in models {
            if method.baseModel != .unused, let base = declaration.base, sameModel(base, model.model) {
                // slerp recipes list the base among the models by convention; elsewhere it is
                // a no-op in mergekit worth pointing out.
                if method.name != MethodCatalog.slerp.name {
                    log.warning(model.model.location, "the base model \(base) is listed again among the models; it is dropped from the ingredients, as in mergekit")
                }
                continue
            }
            ingredientCount += 1
            if let first = seen[model.model.model], model.model.adapter == nil {
                log.warning(model.model.location, "\(model.model) is listed twice (first at line \(first.line)); mergekit keeps only one entry, Pedigree uses both")
            }
            seen[model.model.model] = model.model.location
            let own = parameters.sort(model.parameters, level: "a models entry", allowsGlobal: false, log: &log)
            let values = parameters.perModelValues([own, topLevel], input: model.model, location: model.location, log: &log)
            if let input = resolve(model.model, log: &log) {
                ingredients.append(Ingredient(input: input, parameters: values))
            }
        }
        if declaration.inputsAreComplete, let problem = method.inputProblem(hasBase: declaration.base != nil, ingredientCount: ingredientCount) {
            log.error(declaration.method!.location, problem)
        }
        return ingredients
    }

    private func sameModel(_ a: ModelReference, _ b: ModelReference) -> Bool {
        a.model == b.model && a.adapter == b.adapter
    }

    // MARK: slices

    private func validateSlices(_ declared: [SliceDeclaration], declaration: MergeDeclaration, base: ResolvedInput?,
                                method: MethodDescriptor, topLevel: ParameterValidation.Levels,
                                log: inout DiagnosticLog) -> [ResolvedSlice] {
        let parameters = ParameterValidation(method: method, semantics: declaration.options.compat ?? defaultSemantics)
        var slices: [ResolvedSlice] = []
        for slice in declared {
            let sliceBaseReference = slice.base ?? declaration.base
            let sliceBase = slice.base.map { resolve($0, log: &log) } ?? base
            let sliceLevel = parameters.sort(slice.parameters, level: "a slice", allowsGlobal: true, log: &log)
            var sources: [ResolvedSlice.Source] = []
            var layerCount: (count: Int, model: ModelReference)?
            var ingredientCount = 0
            for source in slice.sources {
                if let range = source.layerRange {
                    if let first = layerCount, first.count != range.value.count {
                        log.error(range.location, "all sources of a slice must have the same number of layers; \(source.model) has \(range.value.count), \(first.model) has \(first.count)")
                    } else if layerCount == nil {
                        layerCount = (range.value.count, source.model)
                    }
                }
                if sliceBaseReference.map({ !sameModel($0, source.model) }) ?? true { ingredientCount += 1 }
                let own = parameters.sort(source.parameters, level: "a slice source", allowsGlobal: false, log: &log)
                let values = parameters.perModelValues([own, sliceLevel, topLevel], input: source.model, location: source.location, log: &log)
                if let input = resolve(source.model, log: &log) {
                    sources.append(.init(input: input, layerRange: source.layerRange?.value, parameters: values))
                }
            }
            if slice.sourcesAreComplete, let problem = method.inputProblem(hasBase: sliceBaseReference != nil, ingredientCount: ingredientCount) {
                log.error(slice.location, "in this slice, " + problem)
            }
            let global = parameters.globalValues([sliceLevel, topLevel], location: slice.location, log: &log)
            slices.append(ResolvedSlice(base: sliceBase, sources: sources, parameters: global,
                                        residualWeight: slice.residualWeight, location: slice.location))
        }
        return slices
    }

    // MARK: tokenizer and weights

    private func tokenizerPolicy(_ declaration: TokenizerDeclaration, log: inout DiagnosticLog) -> TokenizerPolicy? {
        let source: TokenizerPolicy.Source
        // NOTE: the engine copies the tokenizer files of `base` or a model; building a union
        // vocabulary and realigning embeddings to it is not implemented yet.
        switch declaration.source {
        case .union:
            log.warning(declaration.location, "tokenizer source union (one vocabulary built from every input) is not supported by Pedigree's engine yet, so pedigree run will fail on this merge; use base or a model reference")
            source = .union
        case .base: source = .base
        case .model(let reference):
            guard let input = resolve(reference, log: &log) else { return nil }
            source = .model(input)
        }
        var tokens: [TokenOverride] = []
        if !declaration.tokens.isEmpty || declaration.padToMultipleOf != nil {
            log.warning(declaration.location, "tokenizer tokens and pad_to_multiple_of are not supported by Pedigree's engine yet, so pedigree run will fail on this merge; remove them to copy the tokenizer source as it is")
        }
        for token in declaration.tokens {
            var override = TokenOverride(token: token.token, source: nil, force: token.force)
            switch token.source {
            case .model(let reference)?:
                guard let input = resolve(reference, log: &log) else { continue }
                override.source = .model(input)
            case .modelToken(let reference, let tokenID, let text)?:
                guard let input = resolve(reference, log: &log) else { continue }
                override.source = .modelToken(input, tokenID: tokenID, token: text)
            case .zero?:
                override.source = .zero
            case nil:
                break
            }
            tokens.append(override)
        }
        return TokenizerPolicy(source: source, tokens: tokens, padToMultipleOf: declaration.padToMultipleOf)
    }

    /// mergekit 0.1.5's model_stock declares no per-model parameters, so it drops `weight:`.
    /// Under `compat: mergekit` the weights are reset to the default so the identity matches
    /// what is computed.
    private func warnAboutIgnoredWeights(_ declaration: MergeDeclaration, merge: inout ResolvedMerge, log: inout DiagnosticLog) {
        guard merge.semantics == .mergekit, merge.method.name == MethodCatalog.modelStock.name else { return }
        let all = declaration.parameters + (declaration.models ?? []).flatMap(\.parameters)
            + (declaration.slices ?? []).flatMap { $0.parameters + $0.sources.flatMap(\.parameters) }
        guard let first = all.first(where: { $0.name == "weight" }) else { return }
        log.warning(first.location, "weight is ignored on model_stock under compat: mergekit (mergekit 0.1.5 averages without weights); remove the weights or drop compat: mergekit")
        let unweighted = MethodCatalog.modelStock.perModelParameter(named: "weight")?.defaultValue
        for index in merge.ingredients.indices {
            merge.ingredients[index].parameters["weight"] = unweighted
        }
        for sliceIndex in (merge.slices ?? []).indices {
            for sourceIndex in merge.slices![sliceIndex].sources.indices {
                merge.slices![sliceIndex].sources[sourceIndex].parameters["weight"] = unweighted
            }
        }
    }
}
