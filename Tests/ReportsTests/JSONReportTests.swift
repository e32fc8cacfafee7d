import SafeTensors
import XCTest

@testable import Reports

final class JSONReportTests: XCTestCase {
    func testTreeJSON() throws {
        assertText(JSONReportRenderer().render(try SampleLineage.graph().ancestryTree(of: "g2", depthLimit: 1)), JSONGolden.tree)
    }

    func testFeedersJSON() throws {
        assertText(JSONReportRenderer().render(try SampleLineage.graph().feeders(of: "final", rootsOnly: true)), JSONGolden.feeders)
    }

    func testUsedByJSON() throws {
        assertText(JSONReportRenderer().render(try SampleLineage.graph().usedBy("early")), JSONGolden.usedBy)
    }

    func testShowJSON() throws {
        assertText(JSONReportRenderer().render(try SampleLineage.graph().overview(of: "final")), JSONGolden.show)
    }

    func testDiffJSON() throws {
        assertText(JSONReportRenderer().render(try SampleLineage.graph().diff("g", "g2")), JSONGolden.diff)
    }

    func testEveryReportParsesWithVersionAndSource() throws {
        let graph = try SampleLineage.graph(source: .declared(recipeFiles: ["a.yaml"]))
        let outputs = [
            JSONReportRenderer().render(try graph.ancestryTree(of: "final")),
            JSONReportRenderer().render(try graph.feeders(of: "final")),
            JSONReportRenderer().render(try graph.usedBy("org/FT-A")),
            JSONReportRenderer().render(try graph.overview(of: "g")),
            JSONReportRenderer().render(try graph.diff("g2", "g")),
            JSONReportRenderer().render(try graph.ancestryGraph(of: "final")),
        ]
        let names = try outputs.map { output -> String in
            let object = try XCTUnwrap(JSONParser.parse(output).objectValue)
            XCTAssertEqual(object["format_version"], .number("1"))
            XCTAssertEqual(object["source"], .object(JSONObject(["kind": .string("declared"), "recipe_files": .array([.string("a.yaml")])])))
            return try XCTUnwrap(object["report"]?.stringValue)
        }
        XCTAssertEqual(names, ["tree", "feeders", "used-by", "show", "diff", "graph"])
    }

    func testNonFiniteNumbersBecomeNull() {
        XCTAssertEqual(JSONValue.number(Double.nan), .null)
        XCTAssertEqual(JSONValue.number(1.5), .number("1.5"))
        XCTAssertEqual(JSONValue.number(2.0), .number("2"))
    }
}
