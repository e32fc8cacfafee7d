import XCTest
@testable import Recipes

/// Inputs already on disk are checked from `config.json` and safetensors headers before any
/// weight is read, and identified by their content hash.
final class DiskCheckTests: XCTestCase {
    func load(_ yaml: String, in folder: TemporaryFolder, hashing: Bool = false) -> RecipeCheck {
        var options = folder.options()
        if hashing { options.sources = ContentHashSources(hasher: .init(threadCount: 1)) }
        return RecipeLoader.load([RecipeSource(path: "r.yaml", text: yaml)], options: options)
    }

    func testArchitectureMismatch() throws {
        let folder = try TemporaryFolder()
        try folder.makeModel("base")
        try folder.makeModel("a")
        try folder.makeModel("llama", architecture: "LlamaForCausalLM")
        let result = load("""
            merge_method: model_stock
            base_model: ./base
            models: [{model: ./a}, {model: ./llama}]
            """, in: folder)
        XCTAssertEqual(errorLines(result), [
            "3:32: ./llama is a LlamaForCausalLM but ./base is a MistralForCausalLM; all inputs of a merge need the same architecture",
        ])
    }

    func testLayerRangePastLastLayer() throws {
        let folder = try TemporaryFolder()
        try folder.makeModel("a", layers: 2)
        try folder.makeModel("b", layers: 2)
        let result = load("""
            merge_method: linear
            slices:
              - sources:
                  - {model: ./a, layer_range: [0, 3], parameters: {weight: 1}}
                  - {model: ./b, layer_range: [0, 3], parameters: {weight: 1}}
            """, in: folder)
        XCTAssertEqual(errorLines(result), [
            "4:17: layer_range [0, 3) goes past the 2 layers of ./a (num_hidden_layers in its config.json); END is exclusive, so it can be at most 2",
            "5:17: layer_range [0, 3) goes past the 2 layers of ./b (num_hidden_layers in its config.json); END is exclusive, so it can be at most 2",
        ])
    }

    func testIngredientMissingTensors() throws {
        let folder = try TemporaryFolder()
        try folder.makeModel("base", layers: 3)
        try folder.makeModel("a", layers: 3)
        try folder.makeModel("short", layers: 2)
        let result = load("""
            merge_method: model_stock
            base_model: ./base
            models: [{model: ./a}, {model: ./short}]
            """, in: folder)
        XCTAssertEqual(errorLines(result), [
            "3:32: ./short lacks 1 tensor that ./base has (first: model.layers.2.mlp.weight); merge models of the same architecture and size",
        ])
    }

    func testVocabularyMismatchNeedsTokenizer() throws {
        let folder = try TemporaryFolder()
        try folder.makeModel("base", vocabulary: 8)
        try folder.makeModel("a", vocabulary: 8)
        try folder.makeModel("wide", vocabulary: 10)
        let recipe = """
            merge_method: model_stock
            base_model: ./base
            models: [{model: ./a}, {model: ./wide}]
            """
        XCTAssertEqual(errorLines(load(recipe, in: folder)), [
            "3:32: tensor model.embed_tokens.weight has shape [10, 4] in ./wide but [8, 4] in ./base; the vocabularies differ, so add tokenizer: {source: union} (or tokenizer_source) to align them",
        ])
        XCTAssertEqual(errorLines(load(recipe + "\ntokenizer_source: union", in: folder)), [])
    }

    func testAdapterFolderWithoutConfig() throws {
        let folder = try TemporaryFolder()
        try folder.makeModel("a")
        try folder.makeFolder("lora")
        let result = load("""
            merge_method: linear
            models: [{model: ./a+./lora, parameters: {weight: 1}}]
            """, in: folder)
        XCTAssertEqual(errorLines(result), [
            "2:18: adapter folder ./lora has no adapter_config.json; after '+' name a PEFT LoRA adapter folder",
        ])
    }

    func testUnreadableModelFolder() throws {
        let folder = try TemporaryFolder()
        try folder.makeFolder("empty")
        let result = load("""
            merge_method: linear
            models: [{model: ./empty, parameters: {weight: 1}}]
            """, in: folder)
        XCTAssertEqual(errorLines(result), [
            "2:18: cannot read model ./empty: $TMP/empty has no model.safetensors, no model.safetensors.index.json and no other .safetensors file",
        ])
    }

    func testContentHashIdentifiesSources() throws {
        let folder = try TemporaryFolder()
        try folder.makeModel("one/a", fill: 1)
        try folder.makeModel("two/a", fill: 1)
        try folder.makeModel("three/a", fill: 2)
        let recipe = "merge_method: linear\nmodels: [{model: ./DIR/a, parameters: {weight: 1}}]"

        let first = try XCTUnwrap(load(recipe.replacingOccurrences(of: "DIR", with: "one"), in: folder, hashing: true).graph?.merges.first)
        let copy = try XCTUnwrap(load(recipe.replacingOccurrences(of: "DIR", with: "two"), in: folder, hashing: true).graph?.merges.first)
        let changed = try XCTUnwrap(load(recipe.replacingOccurrences(of: "DIR", with: "three"), in: folder, hashing: true).graph?.merges.first)

        let inputIdentity = try XCTUnwrap(first.ingredients.first?.input.identity)
        XCTAssertTrue(inputIdentity.model.hasPrefix("sha256:"))
        XCTAssertTrue(inputIdentity.isPinned)
        XCTAssertTrue(first.isPinned)
        XCTAssertEqual(first.identity, copy.identity)
        XCTAssertNotEqual(first.identity, changed.identity)
    }
}
