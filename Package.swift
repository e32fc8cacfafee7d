// swift-tools-version:6.0
import PackageDescription

// Pedigree depends on no Swift package beyond the toolchain. C libraries come from the
// system (Debian's -dev packages) through systemLibrary targets.
let package = Package(
    name: "Pedigree",
    products: [
        .executable(name: "pedigree", targets: ["pedigree"]),
        .library(
            name: "PedigreeKit",
            targets: ["SafeTensors", "Models", "Merging", "Recipes", "Lineage", "Scheduler", "Reports"]
        ),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        .target(name: "SafeTensors"),
        .target(name: "Models", dependencies: ["SafeTensors", "CCrypto"]),
        .target(name: "Merging", dependencies: ["SafeTensors", "Models"]),
        .target(name: "Recipes", dependencies: ["CYAML", "Models", "Merging"]),
        .target(name: "Lineage", dependencies: ["CSQLite", "Models"], plugins: ["EmbedMigrations"]),
        .target(name: "Scheduler", dependencies: ["Lineage", "Recipes", "Merging", "Models"]),
        .target(name: "Reports", dependencies: ["Lineage", "Recipes", "Models"]),
        .executableTarget(
            name: "pedigree",
            dependencies: ["SafeTensors", "Models", "Merging", "Recipes", "Lineage", "Scheduler", "Reports"]
        ),

        // Build-time embedding of migrations/*.sql into the Lineage module, so an installed
        // pedigree binary carries its schema and needs no source tree.
        .executableTarget(name: "MigrationEmbedder", path: "Plugins/MigrationEmbedder"),
        .plugin(name: "EmbedMigrations", capability: .buildTool(), dependencies: ["MigrationEmbedder"]),

        .testTarget(name: "SafeTensorsTests", dependencies: ["SafeTensors"], exclude: ["Fixtures"]),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "SafeTensors"]),
        .testTarget(name: "MergingTests", dependencies: ["Merging", "Models", "SafeTensors"]),
        .testTarget(name: "RecipesTests", dependencies: ["Recipes", "Merging", "Models"]),
        .testTarget(name: "LineageTests", dependencies: ["Lineage", "Models"]),
        .testTarget(name: "SchedulerTests", dependencies: ["Scheduler", "Lineage", "Recipes", "Merging", "Models"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Lineage", "Recipes"]),
        .testTarget(name: "PedigreeCLITests", dependencies: ["pedigree"]),
    ],
    swiftLanguageModes: [.v6]
)
