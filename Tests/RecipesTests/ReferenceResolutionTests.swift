import XCTest
@testable import Recipes

/// Model references resolve in order: merge name, recipe folder, current directory, Hugging
/// Face cache, `--models-dir`; names match only in model fields.
final class ReferenceResolutionTests: XCTestCase {
    /// Loads `yaml` as `file` inside `folder` and returns the last merge.
    func lastMerge(_ yaml: String, in folder: TemporaryFolder, file: String = "recipe.yaml",
                   options: RecipeLoadOptions? = nil) throws -> ResolvedMerge {
        let result = RecipeLoader.load([RecipeSource(path: file, text: yaml)], options: options ?? folder.options())
        XCTAssertEqual(errorLines(result), [])
        return try XCTUnwrap(result.graph?.merges.last)
    }

    /// Creates a cache entry `models--ORG--NAME` with snapshots for `commits` and `refs` naming them.
    func makeCacheEntry(_ folder: TemporaryFolder, repo: String, refs: [String: String], commits: [String]) throws {
        let entry = "hub-cache/models--" + repo.replacingOccurrences(of: "/", with: "--")
        for commit in commits {
            try folder.makeModel("\(entry)/snapshots/\(commit)")
        }
        for (name, commit) in refs {
            try folder.write(commit + "\n", to: "\(entry)/refs/\(name)")
        }
    }

    static let twoModelRecipe = """
        merge_method: linear
        models:
          - model: MODEL
            parameters: {weight: 1}
        """

    func testHubCacheResolvesRefsAndCommits() throws {
        let folder = try TemporaryFolder()
        try makeCacheEntry(folder, repo: "org/cached", refs: ["main": "abc123", "v1": "def456"], commits: ["abc123", "def456"])
        let snapshots = folder.hubCache + "/models--org--cached/snapshots/"
        let cases: [(String, ResolvedInput.Model)] = [
            ("org/cached", .directory(path: snapshots + "abc123", hub: HubReference(repo: "org/cached", revision: "abc123"))),
            ("org/cached@v1", .directory(path: snapshots + "def456", hub: HubReference(repo: "org/cached", revision: "def456"))),
            ("org/cached@abc123", .directory(path: snapshots + "abc123", hub: HubReference(repo: "org/cached", revision: "abc123"))),
            ("org/cached@v2", .hub(HubReference(repo: "org/cached", revision: "v2"))),
            ("org/absent", .hub(HubReference(repo: "org/absent", revision: "main"))),
        ]
        for (reference, expected) in cases {
            let merge = try lastMerge(Self.twoModelRecipe.replacingOccurrences(of: "MODEL", with: reference), in: folder)
            XCTAssertEqual(merge.ingredients.first?.input.model, expected, reference)
        }
    }

    func testHubCacheFolderFromEnvironment() {
        XCTAssertEqual(HubCache(environment: ["HF_HUB_CACHE": "/c", "HF_HOME": "/h", "HOME": "/u"]).root, "/c")
        XCTAssertEqual(HubCache(environment: ["HF_HOME": "/h", "HOME": "/u"]).root, "/h/hub")
        XCTAssertEqual(HubCache(environment: ["HOME": "/u"]).root, "/u/.cache/huggingface/hub")
        XCTAssertEqual(HubCache(environment: ["HF_HUB_CACHE": "", "HF_HOME": "/h"]).root, "/h/hub")
    }

    func testInputNotOnDiskIsUnpinned() throws {
        let folder = try TemporaryFolder()
        let merge = try lastMerge(Self.twoModelRecipe.replacingOccurrences(of: "MODEL", with: "org/absent@v3"), in: folder)
        XCTAssertEqual(merge.ingredients.first?.input.identity, InputIdentity(model: "hf:org/absent@v3", adapter: nil, isPinned: false))
        XCTAssertFalse(merge.isPinned)
    }

    func testLocalPathPrefersRecipeFolder() throws {
        let folder = try TemporaryFolder()
        let inRecipeFolder = try folder.makeModel("recipes/models/m")
        let inCurrentDirectory = try folder.makeModel("models/m")
        let recipe = Self.twoModelRecipe.replacingOccurrences(of: "MODEL", with: "models/m")

        let merge = try lastMerge(recipe, in: folder, file: "recipes/r.yaml")
        XCTAssertEqual(merge.ingredients.first?.input.model, .directory(path: inRecipeFolder, hub: nil))

        try FileManager.default.removeItem(atPath: inRecipeFolder)
        let fallback = try lastMerge(recipe, in: folder, file: "recipes/r.yaml")
        XCTAssertEqual(fallback.ingredients.first?.input.model, .directory(path: inCurrentDirectory, hub: nil))
    }

    func testLocalFolderBeatsHubCache() throws {
        let folder = try TemporaryFolder()
        try makeCacheEntry(folder, repo: "org/both", refs: ["main": "c1"], commits: ["c1"])
        let local = try folder.makeModel("org/both")
        let merge = try lastMerge(Self.twoModelRecipe.replacingOccurrences(of: "MODEL", with: "org/both"), in: folder)
        XCTAssertEqual(merge.ingredients.first?.input.model, .directory(path: local, hub: nil))
    }

    func testModelsDirectoryRoots() throws {
        let folder = try TemporaryFolder()
        let full = try folder.makeModel("store/org/full")
        let short = try folder.makeModel("store/short")
        var options = folder.options()
        options.modelsDirectories = ["store"]

        let first = try lastMerge(Self.twoModelRecipe.replacingOccurrences(of: "MODEL", with: "org/full"), in: folder, options: options)
        XCTAssertEqual(first.ingredients.first?.input.model, .directory(path: full, hub: nil))
        let second = try lastMerge(Self.twoModelRecipe.replacingOccurrences(of: "MODEL", with: "other/short"), in: folder, options: options)
        XCTAssertEqual(second.ingredients.first?.input.model, .directory(path: short, hub: nil))
    }

    func testUnhashedSourceIdentifiedByPath() throws {
        let folder = try TemporaryFolder()
        let local = try folder.makeModel("models/m")
        let merge = try lastMerge(Self.twoModelRecipe.replacingOccurrences(of: "MODEL", with: "./models/m"), in: folder)
        XCTAssertEqual(merge.ingredients.first?.input.identity, InputIdentity(model: "path:" + local, adapter: nil, isPinned: false))
    }

    func testSourceIdentityFromProvider() throws {
        struct FixedHashes: SourceIdentityProvider {
            func contentHash(ofDirectoryAt path: String) throws -> String? {
                path.hasSuffix("/models/m") ? "sha256:" + String(repeating: "ab", count: 32) : nil
            }
        }
        let folder = try TemporaryFolder()
        try folder.makeModel("models/m")
        var options = folder.options()
        options.sources = FixedHashes()
        let merge = try lastMerge(Self.twoModelRecipe.replacingOccurrences(of: "MODEL", with: "models/m"), in: folder, options: options)
        XCTAssertEqual(merge.ingredients.first?.input.identity.model, "sha256:" + String(repeating: "ab", count: 32))
        XCTAssertTrue(merge.isPinned)
    }

    func testMergeNamesMatchOnlyModelFields() throws {
        let folder = try TemporaryFolder()
        let recipe = """
            name: union
            merge_method: linear
            models: [{model: org/a, parameters: {weight: 1}}]
            ---
            name: mlp
            merge_method: linear
            models: [{model: org/b, parameters: {weight: 1}}]
            ---
            name: base
            merge_method: linear
            models: [{model: org/c, parameters: {weight: 1}}]
            ---
            name: final
            merge_method: linear
            models:
              - model: org/d
                parameters:
                  weight: [{filter: mlp, value: 0.5}, {value: 1}]
            tokenizer_source: union
            chat_template: base
            """
        let result = RecipeLoader.load([RecipeSource(path: "r.yaml", text: recipe)], options: folder.options())
        XCTAssertEqual(errorLines(result), [])
        let final = try XCTUnwrap(result.graph?.merge(named: "final"))

        XCTAssertEqual(final.dependencies, [])
        guard case .union? = final.tokenizer?.source else { return XCTFail("tokenizer source is not union") }
        XCTAssertEqual(final.chatTemplate, "base")
        XCTAssertEqual(final.ingredients.first?.parameters["weight"],
                       .conditional([.init(filter: "mlp", value: .number(0.5)), .init(filter: nil, value: .number(1))]))
        XCTAssertEqual(result.graph?.merges.map(\.displayName), ["union", "mlp", "base", "final"])
    }

    func testMergeNameInModelFieldsIsDependency() throws {
        let folder = try TemporaryFolder()
        let recipe = """
            name: union
            merge_method: linear
            models: [{model: org/a, parameters: {weight: 1}}]
            ---
            merge_method: linear
            models:
              - model: {model: {path: union}}
                parameters: {weight: 1}
            tokenizer: {source: {model: union}}
            """
        let result = RecipeLoader.load([RecipeSource(path: "r.yaml", text: recipe)], options: folder.options())
        XCTAssertEqual(errorLines(result), [])
        let final = try XCTUnwrap(result.graph?.finalOutput)
        XCTAssertEqual(final.ingredients.first?.input.model, .merge(name: "union"))
        guard case .model(let input)? = final.tokenizer?.source else { return XCTFail("tokenizer source is not a model") }
        XCTAssertEqual(input.model, .merge(name: "union"))
        XCTAssertEqual(input.identity.model, result.graph?.merge(named: "union")?.identity)
    }
}
