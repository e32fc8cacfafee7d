import Foundation
import Recipes
import SafeTensors
import XCTest

@testable import Reports

final class RecipeLineageTests: XCTestCase {
    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    static let family = """
        name: early
        merge_method: model_stock
        base_model: org/Base
        models:
          - model: org/FT-A
          - model: org/FT-B
        ---
        name: g
        merge_method: model_stock
        base_model: early
        models:
          - model: org/FT-A+org/lora-x
            parameters: {weight: 2}
          - model: org/FT-B
        dtype: float32
        out_dtype: bfloat16
        ---
        merge_method: linear
        models:
          - model: g
            parameters: {weight: 3}
          - model: early
            parameters: {weight: 1}
        pedigree:
          notes: a final merge
          template: chatml
          sampling: {temperature: 0.7, min_p: 0.05}
        """

    private func options() -> RecipeLoadOptions {
        var options = RecipeLoadOptions()
        options.currentDirectory = Self.packageRoot
        options.environment = ["HOME": "/nonexistent"]
        return options
    }

    private func familyGraph() throws -> LineageGraph {
        let check = RecipeLoader.load([RecipeSource(path: "recipes/family.yaml", text: Self.family)], options: options())
        let recipes = try XCTUnwrap(check.graph, check.diagnostics.map { "\($0)" }.joined(separator: "\n"))
        return try RecipeLineage.graph(recipes, recipeFiles: ["recipes/family.yaml"])
    }

    func testNodesAndNames() throws {
        let graph = try familyGraph()
        XCTAssertEqual(graph.source, .declared(recipeFiles: ["recipes/family.yaml"]))
        XCTAssertEqual(graph.nodes.map(\.name), ["org/Base", "org/FT-A", "org/FT-B", "early", "org/lora-x", "g", "family"])
        XCTAssertEqual(graph.nodes.map(\.kind), [.source, .source, .source, .merge, .adapter, .merge, .merge])
        XCTAssertEqual(graph.node(named: "org/FT-A")?.hubID, "org/FT-A")
        XCTAssertEqual(graph.node(named: "org/FT-A")?.identityHash, "hf:org/FT-A@main")
        XCTAssertNil(graph.node(named: "org/FT-A")?.contentHash)
        XCTAssertTrue(try XCTUnwrap(graph.node(named: "g")?.identityHash).hasPrefix("sha256:"))
    }

    func testEdgesFollowRecordedOrder() throws {
        let graph = try familyGraph()
        XCTAssertEqual(graph.inputs(of: "g"), [
            LineageEdge(child: "g", parent: "early", role: .base, position: 0, inputIdentity: graph.node(named: "early")?.identityHash),
            LineageEdge(child: "g", parent: "org/FT-A", role: .ingredient, position: 1, weight: 2, inputIdentity: "hf:org/FT-A@main"),
            LineageEdge(child: "g", parent: "org/lora-x", role: .adapter, position: 2, adapterTarget: 1, inputIdentity: "hf:org/lora-x@main"),
            LineageEdge(child: "g", parent: "org/FT-B", role: .ingredient, position: 3, weight: 1, inputIdentity: "hf:org/FT-B@main"),
        ])
    }

    func testDetailsAndNotes() throws {
        let details = try XCTUnwrap(try familyGraph().node(named: "family")?.merge)
        XCTAssertEqual(details.method, "linear")
        XCTAssertEqual(details.methodDisplayName, "Linear")
        XCTAssertEqual(details.state, .declared)
        XCTAssertEqual(details.parameters, JSONObject(["normalize": .bool(true)]))
        XCTAssertEqual(details.recipePath, "recipes/family.yaml")
        XCTAssertEqual(details.notes, "a final merge")
        XCTAssertEqual(details.templateNote, "chatml")
        XCTAssertEqual(details.samplingNote, "temperature: 0.7, min_p: 0.05")
        let g = try XCTUnwrap(try familyGraph().node(named: "g")?.merge)
        XCTAssertEqual(g.dtype, "float32")
        XCTAssertEqual(g.outDType, "bfloat16")
    }

    func testLinearSharesKnownBeforeBuild() throws {
        let feeders = try familyGraph().feeders(of: "family")
        XCTAssertEqual(feeders.feeders.first { $0.name == "g" }?.share, .known(0.75))
        XCTAssertEqual(feeders.feeders.first { $0.name == "early" }?.share, .unknown)  // 0.25 direct, plus g's base
        XCTAssertEqual(feeders.feeders.first { $0.name == "org/FT-B" }?.share, .unknown)
        XCTAssertEqual(feeders.estimate.mergesWithoutT, ["g", "early"])
    }

    /// The Sappho recipes load without weights and show the final merge's wide ancestry.
    func testSapphoDeclaredAncestry() throws {
        let check = RecipeLoader.load(paths: ["recipes/sappho.yaml"], options: options())
        let recipes = try XCTUnwrap(check.graph, check.diagnostics.map { "\($0)" }.joined(separator: "\n"))
        let graph = try RecipeLineage.graph(recipes, recipeFiles: ["recipes/sappho.yaml"])
        let final = "MN-Ephemeros-12B"
        XCTAssertTrue(try graph.baseCheck(of: final).isOnUnmergedBase)
        let instruct = try XCTUnwrap(try graph.ancestry(of: final).ancestor(named: "mistralai/Mistral-Nemo-Instruct-2407"))
        XCTAssertGreaterThan(instruct.pathCount, 10)
        XCTAssertEqual(instruct.roles, [.base, .ingredient])
        let tree = TreeRenderer().render(try graph.ancestryTree(of: final))
        XCTAssertTrue(tree.hasPrefix("Ancestry of MN-Ephemeros-12B (declared graph from recipes/sappho.yaml)\nMN-Ephemeros-12B  [model_stock, declared, id "), tree)
    }
}
