import XCTest
@testable import Recipes

/// Topological order with declaration order as tie-break, and cycles named in order.
final class GraphOrderTests: XCTestCase {
    func testReadyMergesKeepDeclarationOrder() {
        // 0 reads 3; 1 and 2 read nothing; 3 reads 2.
        XCTAssertEqual(GraphOrder.topological([[3], [], [], [2]]), [1, 2, 3, 0])
    }

    func testDiamondOrder() {
        // 3 reads 1 and 2, which both read 0.
        XCTAssertEqual(GraphOrder.topological([[], [0], [0], [1, 2]]), [0, 1, 2, 3])
        XCTAssertEqual(GraphOrder.topological([[1, 2], [3], [3], []]), [3, 1, 2, 0])
    }

    func testRepeatedDependencyCountsOnce() {
        XCTAssertEqual(GraphOrder.topological([[], [0, 0]]), [0, 1])
    }

    func testCyclesNamedFromFirstDeclared() {
        // 0 -> 2 -> 1 -> 0, and 3 reads itself; 4 reads the first cycle.
        XCTAssertEqual(GraphOrder.cycles([[2], [0], [1], [3], [0]]), [[0, 2, 1], [3]])
        XCTAssertEqual(GraphOrder.cycles([[1], [2], []]), [])
    }

    func testCycleReportedWithNames() throws {
        let result = try check("""
            name: one
            merge_method: linear
            models: [{model: two, parameters: {weight: 1}}]
            ---
            name: two
            merge_method: linear
            models: [{model: one, parameters: {weight: 1}}]
            ---
            name: three
            merge_method: linear
            models: [{model: org/a, parameters: {weight: 1}}]
            """)
        XCTAssertEqual(errorLines(result), [
            "1:1: cycle between merges: one -> two -> one; a merge cannot read its own output, so remove one of these references",
        ])
    }

    func testGraphOrderAcrossFiles() throws {
        let folder = try TemporaryFolder()
        let sources = [
            RecipeSource(path: "final.yaml", text: """
                merge_method: model_stock
                base_model: org/base
                models: [{model: early}, {model: org/a}]
                """),
            RecipeSource(path: "stages.yaml", text: """
                name: early
                merge_method: linear
                models: [{model: org/b, parameters: {weight: 1}}]
                """),
        ]
        let result = RecipeLoader.load(sources, options: folder.options())
        XCTAssertEqual(errorLines(result), [])
        XCTAssertEqual(result.graph?.merges.map(\.displayName), ["early", "(final output)"])
        XCTAssertEqual(result.graph?.merges.last?.location.description, "final.yaml:1:1")
    }
}
