import Foundation
import Recipes
import Scheduler

/// The arguments shared by the verbs that work on a lineage: recipe files, target merge
/// names, and where the database is.
struct LineageArguments {
    var recipes: [String] = []
    var targets: [String] = []
    var databasePath: String

    static let options: [OptionSpec] = [
        .value("--db", "FILE", "the lineage database (default: .pedigree/lineage.db beside the first recipe, or in the current directory)"),
        .value("--models-dir", "DIR", "also look for models in DIR; repeatable", repeatable: true),
        .flag("--strict", "treat recipe warnings as errors"),
        .value("--compat", "mergekit|pedigree", "semantics of merges whose recipe does not set pedigree: {compat: ...} (default: pedigree)"),
    ]

    /// Splits positional arguments: files ending in `.yaml`/`.yml` (or existing files) are
    /// recipes, the rest are merge names.
    init(_ arguments: ParsedArguments) {
        let currentDirectory = FileManager.default.currentDirectoryPath
        for value in arguments.positionals {
            var isDirectory: ObjCBool = false
            let isFile = FileManager.default.fileExists(atPath: value, isDirectory: &isDirectory) && !isDirectory.boolValue
            if value.hasSuffix(".yaml") || value.hasSuffix(".yml") || isFile {
                recipes.append(value)
            } else {
                targets.append(value)
            }
        }
        databasePath = arguments.value("--db") ?? Workspace.defaultDatabasePath(recipes: recipes, currentDirectory: currentDirectory)
    }

    /// Loads the recipes with source models identified by content hash through the
    /// workspace's cache; prints diagnostics and throws when there are errors.
    func loadGraph(_ arguments: ParsedArguments, workspace: Workspace, console: Console) throws -> RecipeGraph {
        guard !recipes.isEmpty else {
            throw UsageError("give at least one recipe file (RECIPE.yaml)")
        }
        var options = RecipeLoadOptions()
        options.strict = arguments.flag("--strict")
        options.modelsDirectories = arguments.allValues("--models-dir")
        options.sources = workspace.sourceIdentities()
        switch arguments.value("--compat") {
        case nil, "pedigree"?: options.defaultSemantics = .pedigree
        case "mergekit"?: options.defaultSemantics = .mergekit
        case let other?: throw UsageError("--compat takes mergekit or pedigree; got \"\(other)\"")
        }
        let check = RecipeLoader.load(paths: recipes, options: options)
        for diagnostic in check.diagnostics where diagnostic.severity != .note {
            console.log(diagnostic.description)
        }
        guard let graph = check.graph else {
            throw CommandFailure("the recipes have \(check.errors.count) error\(check.errors.count == 1 ? "" : "s")")
        }
        return graph
    }
}
