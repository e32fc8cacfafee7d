import XCTest

@testable import Reports

final class LineageGraphTests: XCTestCase {
    private let recorded = GraphSource.recorded(database: "lineage.db")

    private func modelStock() -> MergeDetails {
        MergeDetails(method: "model_stock")
    }

    func testDuplicateNodeRejected() {
        XCTAssertThrowsError(try LineageGraph(source: recorded, nodes: [.source("a"), .source("a")], edges: [])) { error in
            XCTAssertEqual("\(error)", "the lineage graph has two nodes named 'a'; node names must be unique")
        }
    }

    func testEdgeToUnknownNodeRejected() {
        let edges = [LineageEdge(child: "m", parent: "missing", role: .base, position: 0)]
        XCTAssertThrowsError(try LineageGraph(source: recorded, nodes: [.merge("m", identity: nil, modelStock())], edges: edges)) { error in
            XCTAssertEqual("\(error)", "the input 0 of merge 'm' names 'missing', which is not a node of the lineage graph")
        }
    }

    func testInputOfSourceRejected() {
        let edges = [LineageEdge(child: "a", parent: "b", role: .base, position: 0)]
        XCTAssertThrowsError(try LineageGraph(source: recorded, nodes: [.source("a"), .source("b")], edges: edges)) { error in
            XCTAssertEqual("\(error)", "'a' has an input ('b') but is not a merge; only merges have inputs")
        }
    }

    func testDuplicatePositionRejected() {
        let edges = [
            LineageEdge(child: "m", parent: "a", role: .base, position: 0),
            LineageEdge(child: "m", parent: "b", role: .ingredient, position: 0),
        ]
        let nodes: [LineageNode] = [.source("a"), .source("b"), .merge("m", identity: nil, modelStock())]
        XCTAssertThrowsError(try LineageGraph(source: recorded, nodes: nodes, edges: edges)) { error in
            XCTAssertEqual("\(error)", "merge 'm' has two inputs at position 0; positions must be unique within a merge")
        }
    }

    func testCycleNamesMembersInOrder() {
        let nodes: [LineageNode] = [
            .merge("x", identity: nil, modelStock()), .merge("y", identity: nil, modelStock()),
            .merge("z", identity: nil, modelStock()),
        ]
        let edges = [
            LineageEdge(child: "x", parent: "y", role: .base, position: 0),
            LineageEdge(child: "y", parent: "z", role: .base, position: 0),
            LineageEdge(child: "z", parent: "x", role: .base, position: 0),
        ]
        XCTAssertThrowsError(try LineageGraph(source: recorded, nodes: nodes, edges: edges)) { error in
            XCTAssertEqual("\(error)", "the lineage graph has a cycle: x -> y -> z -> x")
        }
    }

    func testUnknownNameListsMerges() throws {
        let graph = try SampleLineage.graph()
        XCTAssertThrowsError(try graph.ancestry(of: "fnal")) { error in
            XCTAssertEqual(
                "\(error)",
                "no model or merge named 'fnal' in the recorded merges in .pedigree/lineage.db; its merges are: early, g, g2, final"
            )
        }
    }

    func testSourceIsNotAMerge() throws {
        let graph = try SampleLineage.graph()
        XCTAssertThrowsError(try graph.overview(of: "org/lora-x")) { error in
            XCTAssertEqual("\(error)", "'org/lora-x' is an adapter, not a merge; give the name of a merge")
        }
    }

    func testInputsPutBaseFirst() throws {
        let nodes: [LineageNode] = [.source("a"), .source("b"), .merge("m", identity: nil, modelStock())]
        let edges = [
            LineageEdge(child: "m", parent: "a", role: .ingredient, position: 0),
            LineageEdge(child: "m", parent: "b", role: .base, position: 1),
        ]
        let graph = try LineageGraph(source: recorded, nodes: nodes, edges: edges)
        XCTAssertEqual(graph.inputs(of: "m").map(\.parent), ["b", "a"])
    }

    func testHubIDFromName() {
        XCTAssertEqual(LineageNode.hubID(inName: "mistralai/Mistral-Nemo-Base-2407"), "mistralai/Mistral-Nemo-Base-2407")
        XCTAssertEqual(LineageNode.hubID(inName: "hf:org/name@abc123"), "org/name")
        XCTAssertNil(LineageNode.hubID(inName: "./models/ft-c"))
        XCTAssertNil(LineageNode.hubID(inName: "/abs/path"))
        XCTAssertNil(LineageNode.hubID(inName: "models/a/b"))
        XCTAssertNil(LineageNode.hubID(inName: "early"))
        XCTAssertNil(LineageNode.hubID(inName: "org/../x"))
    }

    func testSourceDescriptions() {
        XCTAssertEqual(GraphSource.declared(recipeFiles: ["a.yaml", "b.yaml"]).description, "declared graph from a.yaml, b.yaml")
        XCTAssertEqual(GraphSource.recorded(database: "x.db").description, "recorded merges in x.db")
    }
}
