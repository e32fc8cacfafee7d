/// A validated recipe set: every merge resolved, in topological order, with identity hashes.
public struct RecipeGraph: Sendable {
    /// Merges in topological order: each comes after every merge it reads; ties keep
    /// declaration order (files in the order given, documents in file order).
    public var merges: [ResolvedMerge]
    /// Repos that inputs reference but that are not on disk, in first-use order, with the
    /// position of the first reference. They must be downloaded before the merges that read
    /// them (directly or through adapters) can be built.
    public var missingWeights: [MissingWeights]

    public func merge(named name: String) -> ResolvedMerge? {
        merges.first { $0.name == name }
    }

    /// The unnamed merge, if the recipe set has one.
    public var finalOutput: ResolvedMerge? {
        merges.first { $0.name == nil }
    }
}

/// A repo that inputs reference but that is not on disk.
public struct MissingWeights: Sendable, Equatable {
    public var reference: HubReference
    /// The first reference to it.
    public var location: SourceLocation
}

extension RecipeGraph {
    /// Fills in input identities and identity hashes in `order` (a topological order), so
    /// every merge input takes the identity of the merge it names.
    static func assignIdentities(_ merges: inout [ResolvedMerge], order: [Int], sources: any SourceIdentityProvider,
                                 log: inout DiagnosticLog) {
        var identityByName: [String: (identity: String, isPinned: Bool)] = [:]
        var hashCache: [String: InputIdentity] = [:]

        func sourceIdentity(_ path: String) throws -> (String, Bool) {
            if let cached = hashCache[path] { return (cached.model, cached.isPinned) }
            let hash = try sources.contentHash(ofDirectoryAt: path)
            let result = (hash ?? "path:\(path)", hash != nil)
            hashCache[path] = InputIdentity(model: result.0, adapter: nil, isPinned: result.1)
            return result
        }

        func identify(_ input: inout ResolvedInput) {
            do {
                let model: (String, Bool)
                switch input.model {
                case .directory(let path, _): model = try sourceIdentity(path)
                case .hub(let hub): model = (hub.description, false)
                case .merge(let name): model = identityByName[name].map { ($0.identity, $0.isPinned) } ?? ("", false)
                }
                var adapter: (String, Bool)?
                switch input.adapter {
                case .directory(let path, _)?: adapter = try sourceIdentity(path)
                case .hub(let hub)?: adapter = (hub.description, false)
                case nil: adapter = nil
                }
                input.identity = InputIdentity(model: model.0, adapter: adapter?.0, isPinned: model.1 && (adapter?.1 ?? true))
            } catch {
                log.error(input.reference.location, "could not hash the model \(input.reference): \(error)")
            }
        }

        for index in order {
            var merge = merges[index]
            if var base = merge.base {
                identify(&base)
                merge.base = base
            }
            for position in merge.ingredients.indices { identify(&merge.ingredients[position].input) }
            for sliceIndex in (merge.slices ?? []).indices {
                if var base = merge.slices![sliceIndex].base {
                    identify(&base)
                    merge.slices![sliceIndex].base = base
                }
                for sourceIndex in merge.slices![sliceIndex].sources.indices {
                    identify(&merge.slices![sliceIndex].sources[sourceIndex].input)
                }
            }
            if var tokenizer = merge.tokenizer {
                identifyTokenizer(&tokenizer, identify)
                merge.tokenizer = tokenizer
            }
            merge.canonicalJSON = CanonicalForm.json(of: merge)
            merge.identity = CanonicalForm.identity(ofJSON: merge.canonicalJSON)
            merge.isPinned = merge.allInputs.allSatisfy(\.identity.isPinned)
            if let name = merge.name { identityByName[name] = (merge.identity, merge.isPinned) }
            merges[index] = merge
        }
    }

    private static func identifyTokenizer(_ policy: inout TokenizerPolicy, _ identify: (inout ResolvedInput) -> Void) {
        if case .model(var input) = policy.source {
            identify(&input)
            policy.source = .model(input)
        }
        for index in policy.tokens.indices {
            switch policy.tokens[index].source {
            case .model(var input)?:
                identify(&input)
                policy.tokens[index].source = .model(input)
            case .modelToken(var input, let tokenID, let token)?:
                identify(&input)
                policy.tokens[index].source = .modelToken(input, tokenID: tokenID, token: token)
            case .zero?, nil:
                break
            }
        }
    }
}
