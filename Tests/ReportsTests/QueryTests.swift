import SafeTensors
import XCTest

@testable import Reports

final class QueryTests: XCTestCase {
    private func share(_ feeders: Feeders, _ name: String) -> Double? {
        guard case .known(let value)? = feeders.feeders.first(where: { $0.name == name })?.share else { return nil }
        return value
    }

    func testAncestryCollapsesDiamonds() throws {
        let ancestry = try SampleLineage.graph().ancestry(of: "final")
        XCTAssertEqual(ancestry.ancestors.map(\.name), [
            "org/Instruct-12B", "g", "early", "org/Base-12B", "org/FT-A", "org/FT-B", "./models/ft-c", "org/lora-x", "g2",
        ])
        let early = try XCTUnwrap(ancestry.ancestor(named: "early"))
        XCTAssertEqual(early.depth, 2)
        XCTAssertEqual(early.pathCount, 2)
        XCTAssertEqual(early.roles, [.base, .ingredient])
        XCTAssertEqual(ancestry.ancestor(named: "org/Instruct-12B")?.pathCount, 5)
        XCTAssertEqual(ancestry.ancestor(named: "org/FT-B")?.depth, 3)
        XCTAssertEqual(ancestry.topologicalOrder.first, "final")
        XCTAssertEqual(ancestry.topologicalOrder.count, 10)
    }

    func testModelStockSharesOfSample() throws {
        let feeders = try SampleLineage.graph().feeders(of: "final")
        let expected: [(String, Double)] = [
            ("org/Instruct-12B", 0.7 + 0.0125 + 0.04 + 0.065 * 0.4 / 3),
            ("org/Base-12B", 0.1 + 0.065 * 0.6),
            ("org/FT-A", 0.025 + 0.03 + 0.065 * 0.4 / 3),
            ("org/FT-B", 0.065 * 0.4 / 3),
            ("./models/ft-c", 0.0125 + 0.015),
            ("org/lora-x", 0.055),
            ("g", 0.1), ("g2", 0.1), ("early", 0.065),
        ]
        for (name, value) in expected {
            XCTAssertEqual(try XCTUnwrap(share(feeders, name), name), value, accuracy: 1e-12, name)
        }
        XCTAssertEqual(feeders.estimate.unknownReasons, [])
    }

    func testRootSharesSumToOne() throws {
        let feeders = try SampleLineage.graph().feeders(of: "final", rootsOnly: true)
        XCTAssertEqual(feeders.feeders.map(\.name), [
            "org/Instruct-12B", "org/Base-12B", "org/FT-A", "./models/ft-c", "org/lora-x", "org/FT-B",
        ])
        let models = feeders.feeders.filter { $0.kind == .source }.compactMap { share(feeders, $0.name) }
        XCTAssertEqual(models.reduce(0, +), 1, accuracy: 1e-12)
    }

    /// linear (normalize true): w_i / sum(w); then a Model Stock on top with t = 0.5.
    private func linearGraph(normalize: Bool, topState: BuildState = .built, semantics: String = "pedigree") throws -> LineageGraph {
        let nodes: [LineageNode] = [
            .source("a"), .source("b"), .source("c"),
            .merge("lin", identity: nil, MergeDetails(
                method: "linear", parameters: JSONObject(["normalize": .bool(normalize)]), state: .built)),
            .merge("top", identity: nil, MergeDetails(
                method: "model_stock", semantics: semantics, state: topState, meanT: topState == .built ? 0.5 : nil)),
        ]
        let edges = [
            LineageEdge(child: "lin", parent: "a", role: .ingredient, position: 0, weight: 3),
            LineageEdge(child: "lin", parent: "b", role: .ingredient, position: 1, weight: 1),
            LineageEdge(child: "top", parent: "c", role: .base, position: 0),
            LineageEdge(child: "top", parent: "lin", role: .ingredient, position: 1, weight: 1),
            LineageEdge(child: "top", parent: "a", role: .ingredient, position: 2, weight: 3),
        ]
        return try LineageGraph(source: .declared(recipeFiles: ["x.yaml"]), nodes: nodes, edges: edges)
    }

    func testLinearAndModelStockShares() throws {
        let feeders = try linearGraph(normalize: true).feeders(of: "top")
        XCTAssertEqual(try XCTUnwrap(share(feeders, "c")), 0.5, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(share(feeders, "lin")), 0.125, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(share(feeders, "a")), 0.375 + 0.125 * 0.75, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(share(feeders, "b")), 0.125 * 0.25, accuracy: 1e-12)
    }

    func testLinearWithoutNormalizeUsesRawWeights() throws {
        let feeders = try linearGraph(normalize: false).feeders(of: "lin")
        XCTAssertEqual(share(feeders, "a"), 3)
        XCTAssertEqual(share(feeders, "b"), 1)
    }

    func testMergekitSemanticsIgnoresWeights() throws {
        let feeders = try linearGraph(normalize: true, semantics: "mergekit").feeders(of: "top")
        XCTAssertEqual(try XCTUnwrap(share(feeders, "lin")), 0.25, accuracy: 1e-12)
    }

    func testDeclaredModelStockShareUnknown() throws {
        let feeders = try linearGraph(normalize: true, topState: .declared).feeders(of: "top")
        XCTAssertEqual(feeders.feeders.map(\.share), [.unknown, .unknown, .unknown, .unknown])
        XCTAssertEqual(feeders.estimate.mergesWithoutT, ["top"])
        XCTAssertEqual(feeders.estimate.unknownReasons, [])
    }

    func testAssumedTIsUsedAndListed() throws {
        let feeders = try linearGraph(normalize: true, topState: .declared).feeders(of: "top", assumedModelStockT: 0.5)
        XCTAssertEqual(try XCTUnwrap(share(feeders, "c")), 0.5, accuracy: 1e-12)
        XCTAssertEqual(feeders.estimate.assumedMerges, ["top"])
        XCTAssertEqual(feeders.estimate.mergesWithoutT, [])
        XCTAssertEqual(feeders.estimate.unknownReasons, [])
    }

    func testMethodWithoutRuleIsUnknown() throws {
        let nodes: [LineageNode] = [
            .source("a"), .source("b"),
            .merge("s", identity: nil, MergeDetails(method: "slerp", state: .built)),
        ]
        let edges = [
            LineageEdge(child: "s", parent: "a", role: .base, position: 0),
            LineageEdge(child: "s", parent: "b", role: .ingredient, position: 1),
        ]
        let feeders = try LineageGraph(source: .recorded(database: "x"), nodes: nodes, edges: edges).feeders(of: "s")
        XCTAssertEqual(feeders.feeders.map(\.share), [.unknown, .unknown])
        XCTAssertEqual(feeders.estimate.unknownReasons, ["merge 's' uses slerp, which has no share rule"])
    }

    func testUsedByDepthsAndRoles() throws {
        let usedBy = try SampleLineage.graph().usedBy("org/FT-B")
        XCTAssertEqual(usedBy.merges, [
            Downstream(name: "early", depth: 1, directRoles: [.ingredient]),
            Downstream(name: "g", depth: 2, directRoles: []),
            Downstream(name: "g2", depth: 2, directRoles: []),
            Downstream(name: "final", depth: 3, directRoles: []),
        ])
        XCTAssertEqual(try SampleLineage.graph().usedBy("final").merges, [])
    }

    func testBaseCheck() throws {
        let graph = try SampleLineage.graph()
        XCTAssertTrue(try graph.baseCheck(of: "final").isOnUnmergedBase)
        XCTAssertTrue(try graph.baseCheck(of: "g2").isOnUnmergedBase)
        let g = try graph.baseCheck(of: "g")
        XCTAssertFalse(g.isOnUnmergedBase)
        XCTAssertEqual(g.mergedBaseChain, ["early"])
        XCTAssertEqual(g.summary, "on a merged base (early)")
    }

    func testDiffOfVariantPair() throws {
        let diff = try SampleLineage.graph().diff("g", "g2")
        XCTAssertEqual(diff.fields, [.init(field: "base", old: "early", new: "org/Instruct-12B")])
        XCTAssertEqual(diff.ingredientsRemoved, ["org/Instruct-12B"])
        XCTAssertEqual(diff.ingredientsAdded, ["early"])
        XCTAssertEqual(diff.ingredientChanges, [])
        XCTAssertEqual(diff.sameFields, ["method", "semantics", "dtype", "out_dtype", "parameters"])
    }

    func testDiffOfWeightsAndParameters() throws {
        var other = SampleLineage.nodes
        var details = try XCTUnwrap(other[7].merge)
        details.parameters = JSONObject(["filter_wise": .bool(true)])
        details.outDType = nil
        other.append(.merge("g3", identity: nil, details))
        var edges = SampleLineage.edges.filter { $0.child == "g" }.map { edge -> LineageEdge in
            var copy = edge
            copy.child = "g3"
            if copy.parent == "org/FT-A" { copy.weight = 0.5 }
            return copy
        }
        edges[1].parameters = JSONObject(["density": .number("0.9")])
        let graph = try LineageGraph(source: .recorded(database: "x"), nodes: other, edges: SampleLineage.edges + edges)
        let diff = try graph.diff("g", "g3")
        XCTAssertEqual(diff.fields, [.init(field: "out_dtype", old: "bfloat16", new: nil)])
        XCTAssertEqual(diff.parameters, [.init(field: "filter_wise", old: "false", new: "true")])
        XCTAssertEqual(diff.ingredientChanges, [
            .init(field: "./models/ft-c density", old: nil, new: "0.9"),
            .init(field: "org/FT-A+org/lora-x weight", old: "2", new: "0.5"),
        ])
    }

    func testTensorKindAndLayer() {
        let cases: [(String, String, Int?)] = [
            ("model.layers.12.self_attn.q_proj.weight", "self_attn.q_proj", 12),
            ("model.embed_tokens.weight", "embed_tokens", nil),
            ("lm_head.weight", "lm_head", nil),
            ("encoder.layer.3.attention.self.query.bias", "attention.self.query.bias", 3),
        ]
        for (tensor, kind, layer) in cases {
            let statistic = TensorStatistic(tensor: tensor, t: 0, meanCosine: 0, minCosine: 0, maxCosine: 0)
            XCTAssertEqual(statistic.kind, kind, tensor)
            XCTAssertEqual(statistic.layer, layer, tensor)
        }
    }

    func testParameterWeightedMeanT() {
        XCTAssertEqual(try XCTUnwrap(TensorStatistic.parameterWeightedMeanT(of: SampleLineage.finalStatistics)), 0.3, accuracy: 1e-12)
        let unknownCount = [TensorStatistic(tensor: "x", t: 1, meanCosine: 0, minCosine: 0, maxCosine: 0)]
        XCTAssertNil(TensorStatistic.parameterWeightedMeanT(of: unknownCount))
        XCTAssertNil(TensorStatistic.parameterWeightedMeanT(of: []))
    }

    func testTreeDepthLimitHidesInputs() throws {
        let tree = try SampleLineage.graph().ancestryTree(of: "final", depthLimit: 1)
        XCTAssertEqual(tree.root.children.map(\.hiddenInputCount), [0, 5, 5, 0])
        XCTAssertEqual(tree.root.children.map(\.isRepeat), [false, false, false, false])
    }
}
