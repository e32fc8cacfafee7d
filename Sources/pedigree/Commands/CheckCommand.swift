import Foundation
import Merging
import Recipes
import SafeTensors

/// `pedigree check RECIPE...`: validates recipe files and prints the resolved graph.
enum CheckCommand: Command {
    static let name = "check"
    static let summary = "Validate recipes and print the merge graph in build order with identity hashes"
    static let positionalUsage = "RECIPE..."
    static let positionalCount = 1...Int.max
    static let options: [OptionSpec] = [
        .flag("--json", "print the graph as JSON (with format_version) instead of text"),
        .flag("--strict", "treat warnings (unknown keys, ignored settings) as errors"),
        .flag("--no-hash", "identify source models on disk by path instead of hashing their weights (faster; unpinned)"),
        .value("--models-dir", "DIR", "also look for models in DIR (ROOT/ORG/NAME or ROOT/NAME); repeatable",
               repeatable: true),
    ]

    /// The version of the JSON output, raised when its structure changes.
    static let formatVersion = 1

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        var options = RecipeLoadOptions()
        options.strict = arguments.flag("--strict")
        options.modelsDirectories = arguments.allValues("--models-dir")
        if !arguments.flag("--no-hash") {
            options.sources = ContentHashSources()
        }
        let check = RecipeLoader.load(paths: arguments.positionals, options: options)

        for diagnostic in check.diagnostics {
            console.log(diagnostic.description)
        }
        if arguments.flag("--json") {
            console.print(json(check).prettyPrinted(indent: 2))
        } else if let graph = check.graph {
            console.print(text(graph))
        }
        let errorCount = check.errors.count
        if errorCount > 0 {
            console.log("\(errorCount) error\(errorCount == 1 ? "" : "s") in \(arguments.positionals.joined(separator: ", "))")
            return 1
        }
        return 0
    }

    // MARK: Text

    static func text(_ graph: RecipeGraph) -> String {
        var lines: [String] = []
        for (index, merge) in graph.merges.enumerated() {
            let pinned = merge.isPinned ? "" : "  (unpinned)"
            lines.append("\(index + 1). \(merge.displayName)  \(merge.method.name) [\(merge.semantics.rawValue)]  \(merge.shortIdentity)\(pinned)")
            if !merge.parameters.isEmpty {
                lines.append("     parameters" + parameterText(merge.parameters))
            }
            if let base = merge.base {
                lines.append("     base        \(describe(base))")
            }
            for ingredient in merge.ingredients {
                lines.append("     ingredient  \(describe(ingredient.input))\(parameterText(ingredient.parameters))")
            }
            for (sliceIndex, slice) in (merge.slices ?? []).enumerated() {
                lines.append("     slice \(sliceIndex + 1)" + (slice.base.map { "     base \(describe($0))" } ?? ""))
                for source in slice.sources {
                    let range = source.layerRange.map { " layers [\($0.lowerBound), \($0.upperBound))" } ?? ""
                    lines.append("       source    \(describe(source.input))\(range)\(parameterText(source.parameters))")
                }
            }
        }
        let merges = graph.merges.count
        let missing = graph.missingWeights.count
        lines.append("")
        lines.append("\(merges) merge\(merges == 1 ? "" : "s") in build order; \(missing) source model\(missing == 1 ? "" : "s") not on disk")
        return lines.joined(separator: "\n")
    }

    private static func describe(_ input: ResolvedInput) -> String {
        let suffix: String
        switch input.model {
        case .merge: suffix = "merge"
        case .hub: suffix = "not on disk"
        case .directory(let path, _): suffix = path
        }
        var text = "\(input.reference) (\(suffix))"
        if case .hub? = input.adapter {
            text += " (adapter not on disk)"
        }
        return text
    }

    private static func parameterText(_ parameters: [String: ParameterValue]) -> String {
        guard !parameters.isEmpty else { return "" }
        return "  " + parameters.keys.sorted().map { "\($0)=\(parameters[$0]!.canonicalJSON.serialized())" }.joined(separator: " ")
    }

    // MARK: JSON

    static func json(_ check: RecipeCheck) -> JSONValue {
        let merges = check.graph?.merges ?? []
        return .object(JSONObject([
            .init(key: "format_version", value: .integer(formatVersion)),
            .init(key: "valid", value: .bool(check.graph != nil)),
            .init(key: "merges", value: .array(merges.map(json))),
            .init(key: "missing_weights", value: .array((check.graph?.missingWeights ?? []).map { .string($0.reference.description) })),
            .init(key: "diagnostics", value: .array(check.diagnostics.map(json))),
        ]))
    }

    private static func json(_ merge: ResolvedMerge) -> JSONValue {
        let inputs: [JSONValue] = merge.ingredients.map { ingredient in
            with(json(ingredient.input), ["parameters": parametersJSON(ingredient.parameters)])
        }
        var object = JSONObject([
            .init(key: "name", value: merge.name.map { .string($0) } ?? .null),
            .init(key: "method", value: .string(merge.method.name)),
            .init(key: "semantics", value: .string(merge.semantics.rawValue)),
            .init(key: "identity", value: .string(merge.identity)),
            .init(key: "pinned", value: .bool(merge.isPinned)),
            .init(key: "location", value: .string(merge.location.description)),
            .init(key: "base", value: merge.base.map(json) ?? .null),
            .init(key: "inputs", value: .array(inputs)),
            .init(key: "parameters", value: parametersJSON(merge.parameters)),
            .init(key: "dtype", value: merge.dtype.flatMap(\.torchName).map { .string($0) } ?? .null),
            .init(key: "out_dtype", value: merge.outDType.flatMap(\.torchName).map { .string($0) } ?? .null),
            .init(key: "dependencies", value: .array(merge.dependencies.map { .string($0) })),
        ])
        if let slices = merge.slices {
            object["slices"] = .array(slices.map(json))
        }
        return .object(object)
    }

    private static func json(_ slice: ResolvedSlice) -> JSONValue {
        let sources: [JSONValue] = slice.sources.map { source in
            let range: JSONValue = source.layerRange.map { .array([.integer($0.lowerBound), .integer($0.upperBound)]) } ?? .null
            return with(json(source.input), ["layer_range": range, "parameters": parametersJSON(source.parameters)])
        }
        return .object(JSONObject([
            .init(key: "base", value: slice.base.map(json) ?? .null),
            .init(key: "parameters", value: parametersJSON(slice.parameters)),
            .init(key: "sources", value: .array(sources)),
        ]))
    }

    /// Returns `object` with `fields` added after its own members.
    private static func with(_ object: JSONValue, _ fields: KeyValuePairs<String, JSONValue>) -> JSONValue {
        guard case .object(var members) = object else { return object }
        for (key, value) in fields { members[key] = value }
        return .object(members)
    }

    private static func json(_ input: ResolvedInput) -> JSONValue {
        var object = JSONObject([.init(key: "reference", value: .string(input.reference.description))])
        switch input.model {
        case .merge(let name):
            object["kind"] = .string("merge")
            object["merge"] = .string(name)
        case .hub(let hub):
            object["kind"] = .string("hub")
            object["hub"] = .string(hub.description)
        case .directory(let path, let hub):
            object["kind"] = .string("directory")
            object["path"] = .string(path)
            if let hub { object["hub"] = .string(hub.description) }
        }
        switch input.adapter {
        case .directory(let path, _)?: object["adapter_path"] = .string(path)
        case .hub(let hub)?: object["adapter_hub"] = .string(hub.description)
        case nil: break
        }
        object["identity"] = .string(input.identity.model)
        if let adapter = input.identity.adapter { object["adapter_identity"] = .string(adapter) }
        object["pinned"] = .bool(input.identity.isPinned)
        return .object(object)
    }

    private static func parametersJSON(_ parameters: [String: ParameterValue]) -> JSONValue {
        .object(JSONObject(parameters.keys.sorted().map { JSONObject.Member(key: $0, value: parameters[$0]!.canonicalJSON) }))
    }

    private static func json(_ diagnostic: Diagnostic) -> JSONValue {
        .object(JSONObject([
            .init(key: "severity", value: .string(diagnostic.severity.rawValue)),
            .init(key: "file", value: diagnostic.location.map { .string($0.file) } ?? .null),
            .init(key: "line", value: diagnostic.location.map { .integer($0.line) } ?? .null),
            .init(key: "column", value: diagnostic.location.map { .integer($0.column) } ?? .null),
            .init(key: "message", value: .string(diagnostic.message)),
        ]))
    }
}
