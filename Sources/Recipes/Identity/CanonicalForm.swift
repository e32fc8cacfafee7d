import Merging
import Models
import SafeTensors

/// The canonical JSON of a merge: everything that decides its output bytes and nothing
/// else, so its SHA-256 (the identity hash) changes exactly when the output would.
///
/// Object keys are sorted by their UTF-8 bytes, there is no whitespace, and numbers are in
/// `CanonicalNumber` form. Every input appears as its identity (a content hash, an upstream
/// identity hash or an `hf:` reference), never as the path or name the recipe used. The merge's name, notes, template and sampling settings are left out: they do not
/// change the output.
enum CanonicalForm {
    static func json(of merge: ResolvedMerge) -> String {
        var object = JSONObject([
            .init(key: "semantics", value: .string(merge.semantics.rawValue)),
            .init(key: "semantics_version", value: .integer(Semantics.version)),
            .init(key: "method", value: .string(merge.method.name)),
            .init(key: "parameters", value: parameters(merge.parameters)),
            .init(key: "dtype", value: merge.dtype.map { .string($0.torchName!) } ?? .null),
            .init(key: "out_dtype", value: merge.outDType.map { .string($0.torchName!) } ?? .null),
            .init(key: "tokenizer", value: merge.tokenizer.map(tokenizer) ?? .null),
            .init(key: "chat_template", value: merge.chatTemplate.map { .string($0) } ?? .null),
        ])
        if let slices = merge.slices {
            object["slices"] = .array(slices.map(slice))
        } else {
            var inputs: [JSONValue] = []
            if let base = merge.base { inputs.append(input(base, role: "base", parameters: nil)) }
            inputs += merge.ingredients.map { input($0.input, role: "ingredient", parameters: $0.parameters) }
            object["inputs"] = .array(inputs)
        }
        return JSONValue.object(object).serialized(sortedKeys: true)
    }

    /// `sha256:` and the lowercase hex SHA-256 of `json`.
    static func identity(ofJSON json: String) -> String {
        "sha256:" + SHA256Hasher.hex(of: json)
    }

    private static func slice(_ slice: ResolvedSlice) -> JSONValue {
        .object(JSONObject([
            .init(key: "base", value: slice.base.map { input($0, role: "base", parameters: nil) } ?? .null),
            .init(key: "parameters", value: parameters(slice.parameters)),
            .init(key: "residual_weight", value: slice.residualWeight.map { .number(CanonicalNumber.text($0)) } ?? .null),
            .init(key: "sources", value: .array(slice.sources.map { source in
                var entry = input(source.input, role: "source", parameters: source.parameters)
                if case .object(var object) = entry {
                    object["layer_range"] = source.layerRange.map { .array([.integer($0.lowerBound), .integer($0.upperBound)]) } ?? .null
                    entry = .object(object)
                }
                return entry
            })),
        ]))
    }

    private static func input(_ input: ResolvedInput, role: String, parameters values: [String: ParameterValue]?) -> JSONValue {
        var object = JSONObject([
            .init(key: "role", value: .string(role)),
            .init(key: "model", value: .string(input.identity.model)),
            .init(key: "adapter", value: input.identity.adapter.map { .string($0) } ?? .null),
        ])
        if let values { object["parameters"] = parameters(values) }
        return .object(object)
    }

    private static func tokenizer(_ policy: TokenizerPolicy) -> JSONValue {
        func source(_ source: TokenizerPolicy.Source) -> JSONValue {
            switch source {
            case .union: return .string("union")
            case .base: return .string("base")
            case .model(let model): return input(model, role: "tokenizer", parameters: nil)
            }
        }
        let tokens: [JSONValue] = policy.tokens.map { token in
            let tokenSource: JSONValue
            switch token.source {
            case nil: tokenSource = .null
            case .zero?: tokenSource = .object(JSONObject([.init(key: "kind", value: .string("zero"))]))
            case .model(let model)?: tokenSource = input(model, role: "token", parameters: nil)
            case .modelToken(let model, let tokenID, let text)?:
                tokenSource = .object(JSONObject([
                    .init(key: "kind", value: .string("model_token")),
                    .init(key: "model", value: input(model, role: "token", parameters: nil)),
                    .init(key: "token_id", value: tokenID.map { .integer($0) } ?? .null),
                    .init(key: "token", value: text.map { .string($0) } ?? .null),
                ]))
            }
            return .object(JSONObject([
                .init(key: "token", value: .string(token.token)),
                .init(key: "source", value: tokenSource),
                .init(key: "force", value: .bool(token.force)),
            ]))
        }
        return .object(JSONObject([
            .init(key: "source", value: source(policy.source)),
            .init(key: "tokens", value: .array(tokens)),
            .init(key: "pad_to_multiple_of", value: policy.padToMultipleOf.map { .integer($0) } ?? .null),
        ]))
    }

    static func parameters(_ values: [String: ParameterValue]) -> JSONValue {
        .object(JSONObject(values.map { JSONObject.Member(key: $0.key, value: parameter($0.value)) }))
    }

    /// Returns a parameter in its simplest equivalent structure. A one-value gradient becomes
    /// a scalar and filter `*` becomes no filter. Entries after the first catch-all are
    /// dropped because they can never apply, and a list that starts with a catch-all becomes
    /// that entry's value.
    static func parameter(_ value: ParameterValue) -> JSONValue {
        switch value {
        case .number(let number): return .number(CanonicalNumber.text(number))
        case .bool(let flag): return .bool(flag)
        case .string(let text): return .string(text)
        case .gradient(let values):
            return values.count == 1 ? .number(CanonicalNumber.text(values[0])) : .array(values.map { .number(CanonicalNumber.text($0)) })
        case .conditional(let entries):
            var reachable: [ConditionalValue] = []
            for entry in entries {
                let filter = entry.filter == "*" ? nil : entry.filter
                reachable.append(ConditionalValue(filter: filter, value: entry.value))
                if filter == nil { break }
            }
            if reachable.count == 1, reachable[0].filter == nil { return parameter(reachable[0].value) }
            return .array(reachable.map { entry in
                .object(JSONObject([
                    .init(key: "filter", value: entry.filter.map { .string($0) } ?? .null),
                    .init(key: "value", value: parameter(entry.value)),
                ]))
            })
        }
    }
}

extension ParameterValue {
    /// The value as it appears in canonical JSON (the simplest equivalent structure).
    public var canonicalJSON: JSONValue { CanonicalForm.parameter(self) }
}
