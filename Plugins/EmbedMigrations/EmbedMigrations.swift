import Foundation
import PackagePlugin

/// Generates `EmbeddedMigrations.swift` for the target it is applied to: the exact bytes of
/// every `migrations/NNNN_name.sql` file at the package root, so the schema is compiled into
/// the binary instead of being read from the source tree at run time.
@main
struct EmbedMigrations: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let migrationsDirectory = context.package.directoryURL.appending(path: "migrations")
        let entries: [URL]
        do {
            entries = try FileManager.default.contentsOfDirectory(at: migrationsDirectory, includingPropertiesForKeys: nil)
        } catch {
            throw MissingMigrationsError(path: migrationsDirectory.path())
        }
        let sqlFiles = entries
            .filter { $0.pathExtension == "sql" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedMigrations.swift")

        return [
            .buildCommand(
                displayName: "Embedding \(sqlFiles.count) migrations into \(target.name)",
                executable: try context.tool(named: "MigrationEmbedder").url,
                arguments: [output.path()] + sqlFiles.map { $0.path() },
                inputFiles: sqlFiles,
                outputFiles: [output]
            )
        ]
    }
}

struct MissingMigrationsError: Error, CustomStringConvertible {
    let path: String

    var description: String {
        "cannot read the migrations folder \(path); it must exist at the package root and hold 0001_initial.sql"
    }
}
