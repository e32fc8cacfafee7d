import Foundation

/// Settings for loading a recipe set.
public struct RecipeLoadOptions: Sendable {
    /// Turns warnings (unknown keys, ignored settings) into errors.
    public var strict = false
    /// Extra folders searched for models after the Hugging Face cache (`--models-dir`).
    public var modelsDirectories: [String] = []
    /// The folder relative paths fall back to, as in mergekit.
    public var currentDirectory = FileManager.default.currentDirectoryPath
    /// Read for `HF_HUB_CACHE`, `HF_HOME` and `HOME` to find the Hugging Face cache.
    public var environment = ProcessInfo.processInfo.environment
    /// The semantics of merges whose recipe has no `pedigree: {compat: ...}`.
    public var defaultSemantics = Semantics.pedigree
    /// Content hashes of source models on disk.
    public var sources: any SourceIdentityProvider = UnhashedSources()

    public init() {}
}

/// The outcome of loading a recipe set: the graph when there are no errors, and every
/// diagnostic (errors and warnings by position, then notes by position).
public struct RecipeCheck: Sendable {
    public var graph: RecipeGraph?
    public var diagnostics: [Diagnostic]

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

/// One recipe file's text with the path used in messages.
public struct RecipeSource: Sendable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// Loads recipe files into a validated `RecipeGraph`. The steps: parse YAML, read the
/// schema, resolve references, validate each merge, check inputs on disk (headers and
/// `config.json` only), check names and cycles, order the graph, then compute identities. Every step reports all its problems before the load
/// stops, so one run lists every error.
public enum RecipeLoader {
    /// Reads and loads the files at `paths`, in order. An unreadable file is an error at its
    /// path.
    public static func load(paths: [String], options: RecipeLoadOptions) -> RecipeCheck {
        var sources: [RecipeSource] = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            let absolute = FileSystem.absolute(path, relativeTo: options.currentDirectory)
            let location = SourceLocation(file: path, line: 1, column: 1)
            guard FileManager.default.fileExists(atPath: absolute) else {
                diagnostics.append(Diagnostic(.error, at: location, "recipe file not found; check the path"))
                continue
            }
            guard let data = FileManager.default.contents(atPath: absolute), let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(Diagnostic(.error, at: location, "cannot read the recipe file as UTF-8 text; check its permissions and encoding"))
                continue
            }
            sources.append(RecipeSource(path: path, text: text))
        }
        var check = load(sources, options: options)
        check.diagnostics.insert(contentsOf: diagnostics, at: 0)
        if !diagnostics.isEmpty { check.graph = nil }
        return check
    }

    /// Loads recipe texts; their paths place relative model paths and name the files in
    /// messages.
    public static func load(_ sources: [RecipeSource], options: RecipeLoadOptions) -> RecipeCheck {
        var log = DiagnosticLog(strict: options.strict)
        var declarations: [MergeDeclaration] = []
        for source in sources {
            let (documents, problems) = YAMLParser.parse(source.text, file: source.path)
            log.append(contentsOf: problems)
            var schema = SchemaParser(strict: options.strict)
            declarations += documents.compactMap { schema.parse($0) }
            log.append(contentsOf: schema.log.entries)
        }
        checkNames(declarations, log: &log)

        let names = declarations.compactMap(\.name?.value)
        let resolver = ReferenceResolver(mergeNames: names, currentDirectory: options.currentDirectory,
                                         hubCache: HubCache(environment: options.environment),
                                         modelsDirectories: options.modelsDirectories)
        let validator = MergeValidator(resolver: resolver, defaultSemantics: options.defaultSemantics)
        let validated = declarations.map { validator.validate($0, log: &log) }
        let diskChecks = DiskChecks(directories: ModelDirectoryCache())
        for merge in validated.compactMap({ $0 }) {
            diskChecks.check(merge, log: &log)
        }
        guard !log.hasErrors else { return RecipeCheck(graph: nil, diagnostics: sorted(log.entries, files: sources)) }
        var merges = validated.compactMap { $0 }
        checkUnnamedRecordName(merges, log: &log)
        guard !log.hasErrors else { return RecipeCheck(graph: nil, diagnostics: sorted(log.entries, files: sources)) }

        let indexByName = Dictionary(merges.enumerated().compactMap { index, merge in merge.name.map { ($0, index) } },
                                     uniquingKeysWith: { first, _ in first })
        let dependencies = merges.map { $0.dependencies.compactMap { indexByName[$0] } }
        for cycle in GraphOrder.cycles(dependencies) {
            let members = (cycle + [cycle[0]]).map { merges[$0].displayName }
            log.error(merges[cycle[0]].location, "cycle between merges: \(members.joined(separator: " -> ")); a merge cannot read its own output, so remove one of these references")
        }
        guard !log.hasErrors else { return RecipeCheck(graph: nil, diagnostics: sorted(log.entries, files: sources)) }

        let order = GraphOrder.topological(dependencies)
        RecipeGraph.assignIdentities(&merges, order: order, sources: options.sources, log: &log)
        let ordered = order.map { merges[$0] }
        let missing = missingWeights(ordered)
        for entry in missing {
            let revision = entry.reference.revision == "main" ? "" : " --revision \(entry.reference.revision)"
            log.note(entry.location, "missing weights: \(entry.reference.repo)@\(entry.reference.revision) is not on disk; download it (huggingface-cli download \(entry.reference.repo)\(revision)) or pass --models-dir")
        }
        let graph = log.hasErrors ? nil : RecipeGraph(merges: ordered, missingWeights: missing)
        return RecipeCheck(graph: graph, diagnostics: sorted(log.entries, files: sources))
    }

    /// Orders errors and warnings by file (in load order), line and column, then notes the
    /// same way, so output reads top to bottom whichever check found a problem first.
    private static func sorted(_ diagnostics: [Diagnostic], files: [RecipeSource]) -> [Diagnostic] {
        let fileRank = Dictionary(files.enumerated().map { ($0.element.path, $0.offset) }, uniquingKeysWith: { first, _ in first })
        func key(_ diagnostic: Diagnostic) -> [Int] {
            let location = diagnostic.location
            return [diagnostic.severity == .note ? 1 : 0, location.flatMap { fileRank[$0.file] } ?? -1,
                    location?.line ?? 0, location?.column ?? 0]
        }
        return diagnostics.enumerated()
            .sorted { (key($0.element) + [$0.offset]).lexicographicallyPrecedes(key($1.element) + [$1.offset]) }
            .map(\.element)
    }

    /// Reports an unnamed merge whose record name (the recipe file's stem) is another merge's
    /// name, because the lineage database and `out/` would confuse the two.
    private static func checkUnnamedRecordName(_ merges: [ResolvedMerge], log: inout DiagnosticLog) {
        guard let unnamed = merges.first(where: { $0.name == nil }) else { return }
        let recordName = unnamed.recordName
        if merges.contains(where: { $0.name == recordName }) {
            log.error(unnamed.location, "the unnamed merge is recorded under the file's name \"\(recordName)\", which another merge already has; give this merge its own name: key")
        }
    }

    /// Reports duplicate names and more than one unnamed merge.
    private static func checkNames(_ declarations: [MergeDeclaration], log: inout DiagnosticLog) {
        var firstByName: [String: SourceLocation] = [:]
        var firstUnnamed: SourceLocation?
        for declaration in declarations {
            if let name = declaration.name {
                if let first = firstByName[name.value] {
                    log.error(name.location, "duplicate merge name \"\(name.value)\" (first declared at \(first)); rename one of them")
                } else {
                    firstByName[name.value] = name.location
                }
            } else if let first = firstUnnamed {
                log.error(declaration.location, "a second merge without a name (the first is at \(first)); only the final output may be unnamed, so add name: to this one")
            } else {
                firstUnnamed = declaration.location
            }
        }
    }

    private static func missingWeights(_ merges: [ResolvedMerge]) -> [MissingWeights] {
        var seen = Set<HubReference>()
        var missing: [MissingWeights] = []
        for merge in merges {
            for input in merge.allInputs {
                var references: [HubReference] = []
                if case .hub(let hub) = input.model { references.append(hub) }
                if case .hub(let hub)? = input.adapter { references.append(hub) }
                for hub in references where seen.insert(hub).inserted {
                    missing.append(MissingWeights(reference: hub, location: input.reference.location))
                }
            }
        }
        return missing
    }
}
