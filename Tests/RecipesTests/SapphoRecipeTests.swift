import XCTest
@testable import Recipes

/// The Sappho lineage in recipes/sappho.yaml resolves as a whole, with every root reported
/// as missing weights rather than as a recipe error.
final class SapphoRecipeTests: XCTestCase {
    func testSapphoResolvesInTopologicalOrder() throws {
        let folder = try TemporaryFolder()
        var options = folder.options()
        options.currentDirectory = packageRoot
        let result = RecipeLoader.load(paths: ["recipes/sappho.yaml"], options: options)

        XCTAssertEqual(errorLines(result), [])
        let graph = try XCTUnwrap(result.graph)
        XCTAssertEqual(graph.merges.map(\.displayName), [
            "MN-Sappho-a-12B", "MN-Sappho-b-12B", "MN-Sappho-c-12B", "MN-Sappho-d-12B", "MN-Sappho-e-12B",
            "MN-Sappho-g-12B", "MN-Sappho-g2-12B", "MN-Sappho-g3-12B", "MN-Sappho-i-12B", "MN-Sappho-j-12B",
            "MN-Sappho-k-12B", "MN-Sappho-l-12B", "MN-Sappho-m-12B", "MN-Sappho-n-12B", "MN-Sappho-n2-12B",
            "MN-Sappho-n3-12B", "MN-Sappho-n4-12B", "MN-Ephemeros-12B",
        ])
        XCTAssertEqual(graph.missingWeights.count, 23)
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .note }.count, 23)
        XCTAssertTrue(noteLines(result).contains(
            "16:13: missing weights: Khetterman/AbominationScience-12B-v4@main is not on disk; download it (huggingface-cli download Khetterman/AbominationScience-12B-v4) or pass --models-dir"))
    }

    func testEphemerosReadsItsDeclaredInputs() throws {
        let folder = try TemporaryFolder()
        var options = folder.options()
        options.currentDirectory = packageRoot
        let graph = try XCTUnwrap(RecipeLoader.load(paths: ["recipes/sappho.yaml"], options: options).graph)
        let ephemeros = try XCTUnwrap(graph.merge(named: "MN-Ephemeros-12B"))

        XCTAssertEqual(ephemeros.base?.model, .hub(HubReference(repo: "mistralai/Mistral-Nemo-Instruct-2407", revision: "main")))
        XCTAssertEqual(ephemeros.dependencies, ["MN-Sappho-g-12B", "MN-Sappho-g3-12B", "MN-Sappho-j-12B", "MN-Sappho-n-12B",
                                                "MN-Sappho-n2-12B", "MN-Sappho-n4-12B"])
        XCTAssertEqual(ephemeros.dtype, .F32)
        XCTAssertEqual(ephemeros.outDType, .BF16)
        XCTAssertEqual(ephemeros.options.template, "mistral-v3")
        XCTAssertFalse(ephemeros.isPinned)
        let j = try XCTUnwrap(graph.merge(named: "MN-Sappho-j-12B"))
        let jInput = try XCTUnwrap(ephemeros.ingredients.first { $0.input.mergeName == "MN-Sappho-j-12B" })
        XCTAssertEqual(jInput.input.identity.model, j.identity)
    }

    func testAdapterOnMergeResolvesBoth() throws {
        let folder = try TemporaryFolder()
        var options = folder.options()
        options.currentDirectory = packageRoot
        let graph = try XCTUnwrap(RecipeLoader.load(paths: ["recipes/sappho.yaml"], options: options).graph)
        let k = try XCTUnwrap(graph.merge(named: "MN-Sappho-k-12B"))
        let adapted = k.ingredients[1].input

        XCTAssertEqual(adapted.model, .merge(name: "MN-Sappho-b-12B"))
        XCTAssertEqual(adapted.adapter, .hub(HubReference(repo: "jtatman/mistral_nemo_12b_reasoning_psychology_lora", revision: "main")))
        XCTAssertEqual(adapted.identity.model, graph.merge(named: "MN-Sappho-b-12B")?.identity)
        XCTAssertEqual(adapted.identity.adapter, "hf:jtatman/mistral_nemo_12b_reasoning_psychology_lora@main")
    }

    func testMergeKeepsItsDocumentText() throws {
        let folder = try TemporaryFolder()
        var options = folder.options()
        options.currentDirectory = packageRoot
        let graph = try XCTUnwrap(RecipeLoader.load(paths: ["recipes/sappho.yaml"], options: options).graph)
        let d = try XCTUnwrap(graph.merge(named: "MN-Sappho-d-12B"))

        XCTAssertTrue(d.documentText.hasPrefix("---\n# MN-Sappho-d-12B: the first node that uses a previous merge (c) as its base."), d.documentText)
        XCTAssertTrue(d.documentText.hasSuffix("dtype: float32\nout_dtype: bfloat16\n"), d.documentText)
        XCTAssertEqual(d.documentText.components(separatedBy: "name: ").count, 2)
        XCTAssertEqual(d.location.description, "recipes/sappho.yaml:66:1")
    }
}
