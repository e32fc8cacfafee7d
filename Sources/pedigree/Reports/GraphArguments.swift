import Foundation
import Recipes
import Reports
import Scheduler

/// The options shared by the lineage questions (`tree`, `feeders`, ...): which graph to
/// read, and `--json`.
enum GraphArguments {
    static let options: [OptionSpec] = [
        .value("--recipe", "FILE", "show the declared graph of this recipe file instead of the recorded merges; repeatable",
               repeatable: true),
        .value("--db", "FILE", "the lineage database (default: .pedigree/lineage.db in the current directory)"),
        .value("--models-dir", "DIR", "also look for models in DIR when reading recipes; repeatable", repeatable: true),
    ]

    static let json = OptionSpec.flag("--json", "print JSON (with a format_version field) instead of text")

    /// Loads the declared graph when `--recipe` is given, else the recorded merges around `names`.
    /// When the recipes' lineage database exists, source models on disk are identified by
    /// content hash through its file-hash cache (cheap once `run` has hashed them), so the
    /// identities match the recorded ones; without a database they are identified by Hub
    /// reference or path, without reading weights.
    static func load(_ arguments: ParsedArguments, around names: [String], console: Console) throws -> LineageGraph {
        let recipeFiles = arguments.allValues("--recipe")
        guard !recipeFiles.isEmpty else {
            let path = arguments.value("--db")
                ?? Workspace.defaultDatabasePath(recipes: [], currentDirectory: FileManager.default.currentDirectoryPath)
            let store = try openExistingStore(arguments)
            return try RecordedLineage.graph(store: store, databasePath: path, around: names)
        }
        var options = RecipeLoadOptions()
        options.modelsDirectories = arguments.allValues("--models-dir")
        let databasePath = arguments.value("--db")
            ?? Workspace.defaultDatabasePath(recipes: recipeFiles, currentDirectory: FileManager.default.currentDirectoryPath)
        if FileManager.default.fileExists(atPath: databasePath) {
            options.sources = try Workspace(databasePath: databasePath).sourceIdentities()
        }
        let check = RecipeLoader.load(paths: recipeFiles, options: options)
        for diagnostic in check.diagnostics where diagnostic.severity == .error {
            console.log(diagnostic.description)
        }
        guard let recipes = check.graph else {
            throw CommandFailure("the recipes have \(check.errors.count) error\(check.errors.count == 1 ? "" : "s"); "
                + "see `pedigree check \(recipeFiles.joined(separator: " "))`")
        }
        return try RecipeLineage.graph(recipes, recipeFiles: recipeFiles)
    }
}
