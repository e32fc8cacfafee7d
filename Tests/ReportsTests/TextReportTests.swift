import XCTest

@testable import Reports

final class TextReportTests: XCTestCase {
    func testTree() throws {
        assertText(TreeRenderer().render(try SampleLineage.graph().ancestryTree(of: "final")), TextGolden.tree)
    }

    func testTreeDepthLimit() throws {
        assertText(TreeRenderer().render(try SampleLineage.graph().ancestryTree(of: "final", depthLimit: 1)), TextGolden.treeDepthOne)
    }

    func testFeeders() throws {
        assertText(FeedersRenderer().render(try SampleLineage.graph().feeders(of: "final")), TextGolden.feeders)
    }

    func testFeedersRootsOnly() throws {
        assertText(FeedersRenderer().render(try SampleLineage.graph().feeders(of: "final", rootsOnly: true)), TextGolden.feederRoots)
    }

    func testFeedersOnDeclaredGraphExplainUnknownShares() throws {
        var nodes = SampleLineage.nodes
        nodes[9].merge!.state = .declared
        nodes[9].merge!.meanT = nil
        let graph = try LineageGraph(source: .declared(recipeFiles: ["recipes/family.yaml"]), nodes: nodes, edges: SampleLineage.edges)
        let text = FeedersRenderer().render(try graph.feeders(of: "final", rootsOnly: true))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines[0], "Source models and adapters of final (declared graph from recipes/family.yaml)")
        XCTAssertEqual(lines[2], "org/Instruct-12B  source model      1      5  base, ingredient           unknown")
        XCTAssertEqual(lines.dropLast().last, "Unknown shares: these Model Stock merges are not built, so their mean t is unknown: final.")

        let assumed = FeedersRenderer().render(try graph.feeders(of: "final", rootsOnly: true, assumedModelStockT: 0.3))
        let assumedLines = assumed.split(separator: "\n", omittingEmptySubsequences: false)
        let recordedLines = TextGolden.feederRoots.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(assumedLines[1...7], recordedLines[1...7])
        XCTAssertEqual(assumedLines.dropLast().last, "Assumed t = 0.3 for merges without a recorded t: final.")
    }

    func testUsedBy() throws {
        assertText(UsedByRenderer().render(try SampleLineage.graph().usedBy("org/FT-B")), TextGolden.usedBy)
    }

    func testUsedByOfFinalMerge() throws {
        XCTAssertEqual(UsedByRenderer().render(try SampleLineage.graph().usedBy("final")),
                       "Merges that use final (recorded merges in .pedigree/lineage.db)\nNo merge uses it.\n")
    }

    func testShow() throws {
        assertText(ShowRenderer().render(try SampleLineage.graph().overview(of: "final")), TextGolden.show)
    }

    func testShowMergeOnMergedBase() throws {
        assertText(ShowRenderer().render(try SampleLineage.graph().overview(of: "g")), TextGolden.showOnMergedBase)
    }

    func testDiffOfVariants() throws {
        assertText(DiffRenderer().render(try SampleLineage.graph().diff("g", "g2")), TextGolden.diff)
    }

    func testDiffOfMergeWithItself() throws {
        XCTAssertEqual(DiffRenderer().render(try SampleLineage.graph().diff("g", "g")), """
            Differences from g to g (recorded merges in .pedigree/lineage.db)
            No differences.
            same: method, semantics, base, dtype, out_dtype, parameters, ingredients

            """)
    }

    func testSparklineScalesAndGaps() {
        XCTAssertEqual(Sparkline.render([0, 0.5, 1, nil, 0.25], low: 0, high: 1), "▁▅█ ▃")
        XCTAssertEqual(Sparkline.render([2, 2], low: 2, high: 2), "▅▅")
        let summary = TensorKindSummary.summaries(of: [
            TensorStatistic(tensor: "model.layers.3.mlp.up_proj.weight", t: 1, meanCosine: 0, minCosine: 0, maxCosine: 0),
            TensorStatistic(tensor: "model.layers.1.mlp.up_proj.weight", t: 0, meanCosine: 0, minCosine: 0, maxCosine: 0),
        ])
        XCTAssertEqual(Sparkline.layerValues(summary[0]), [0, nil, 1])
    }

    func testLayerTableGapsAndHeadings() {
        let table = LayerTable([
            TensorStatistic(tensor: "model.layers.0.self_attn.q_proj.weight", t: 0.1, meanCosine: 0.2, minCosine: 0, maxCosine: 0),
            TensorStatistic(tensor: "model.layers.0.mlp.q_proj.weight", t: 0.3, meanCosine: 0.4, minCosine: 0, maxCosine: 0),
            TensorStatistic(tensor: "model.layers.2.self_attn.q_proj.weight", t: 0.5, meanCosine: 0.6, minCosine: 0, maxCosine: 0),
            TensorStatistic(tensor: "model.norm.weight", t: 0.9, meanCosine: 0.9, minCosine: 0, maxCosine: 0),
        ])
        XCTAssertEqual(table.headings, ["self_attn.q_proj", "mlp.q_proj"])
        XCTAssertEqual(table.rows.map(\.layer), [0, 2])
        XCTAssertEqual(table.rows.map(\.t), [[0.1, 0.3], [0.5, nil]])
        XCTAssertEqual(ShowRenderer.layerTable(table), [
            "layer  self_attn.q_proj  mlp.q_proj  cos mean",
            "    0             0.100       0.300     0.300",
            "    2             0.500           -     0.600",
        ])
    }
}
