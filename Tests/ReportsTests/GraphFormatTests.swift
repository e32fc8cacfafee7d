import Foundation
import XCTest

@testable import Reports

final class GraphFormatTests: XCTestCase {
    func testDOTGolden() throws {
        assertText(DOTRenderer().render(try SampleLineage.graph().ancestryGraph(of: "final")), GraphGolden.dot)
    }

    func testMermaidGolden() throws {
        assertText(MermaidRenderer().render(try SampleLineage.graph().ancestryGraph(of: "final")), GraphGolden.mermaid)
    }

    func testGraphJSONGolden() throws {
        assertText(JSONReportRenderer().render(try SampleLineage.graph().ancestryGraph(of: "g")), GraphGolden.json)
    }

    func testGraphKeepsOnlyAncestry() throws {
        let ancestry = try SampleLineage.graph().ancestryGraph(of: "g2")
        XCTAssertEqual(ancestry.graph.nodes.map(\.name), [
            "org/Base-12B", "org/Instruct-12B", "org/FT-A", "org/FT-B", "./models/ft-c", "org/lora-x", "early", "g2",
        ])
        XCTAssertEqual(ancestry.graph.edges.count, 9)
    }

    func testDOTRendersWithGraphviz() throws {
        let dot = try XCTUnwrap(Graphviz.executablePath(), "Graphviz's dot is not on PATH; install the graphviz package")
        let source = DOTRenderer().render(try hostileGraph().ancestryGraph(of: "final"))
        let svg = try Graphviz.run(dot, arguments: ["-Tsvg"], input: source)
        XCTAssertTrue(svg.contains("<svg"), svg)
        XCTAssertTrue(svg.contains("&lt;script&gt;"), svg)
        XCTAssertFalse(svg.contains("<script>"), svg)
    }

    func testDOTEscapesQuotesAndBackslashes() {
        XCTAssertEqual(DOTRenderer.quoted("a \"b\" \\c\nd"), #""a \"b\" \\c\nd""#)
    }

    func testMermaidEscapesSyntax() {
        XCTAssertEqual(MermaidRenderer.escaped("a\"<b>&#|x\ny"), "a#34;#60;b#62;#38;#35;#124;x y")
    }

    /// Checks every line against the flowchart subset the renderer writes: node lines with a
    /// quoted label in one of three shapes, edge lines with a quoted label, and the class
    /// lines. Labels must not contain a raw quote.
    func testMermaidSyntaxSanity() throws {
        let text = MermaidRenderer().render(try hostileGraph().ancestryGraph(of: "final"))
        let label = #""[^"]*""#
        let patterns = [
            #"^flowchart TB$"#,
            #"^  n[0-9]+\["# + label + #"\]$"#,
            #"^  n[0-9]+\("# + label + #"\)$"#,
            #"^  n[0-9]+\(\["# + label + #"\]\)$"#,
            #"^  n[0-9]+ (==>|-->|-\.->)\|"# + label + #"\| n[0-9]+$"#,
            #"^  classDef target stroke-width:3px$"#,
            #"^  class n[0-9]+ target$"#,
        ].map { try! NSRegularExpression(pattern: $0) }
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 1 + 4 + 3 + 2)
        for line in lines {
            let range = NSRange(line.startIndex..., in: line)
            XCTAssertTrue(patterns.contains { $0.firstMatch(in: line, range: range) != nil }, "not valid flowchart syntax: \(line)")
            XCTAssertFalse(line.contains("<script"), line)
        }
    }
}

/// Names with markup, quotes, pipes and backslashes, for escaping tests.
func hostileGraph() throws -> LineageGraph {
    let nodes: [LineageNode] = [
        .source("<script>alert(\"x\")</script>", content: SampleLineage.hash("aa")),
        .source("it's \"quoted\" & | piped\\", content: SampleLineage.hash("bb")),
        .adapter("lora <b>bold</b>"),
        .merge("final", identity: SampleLineage.hash("cc"), SampleLineage.modelStock(
            meanT: 0.5, document: "name: final # <script>alert(1)</script>\n```\n",
            template: "<img src=x onerror=alert(1)>", sampling: "temp \"1\" & more")),
    ]
    let edges = [
        LineageEdge(child: "final", parent: "<script>alert(\"x\")</script>", role: .base, position: 0),
        LineageEdge(child: "final", parent: "it's \"quoted\" & | piped\\", role: .ingredient, position: 1, weight: 1.5),
        LineageEdge(child: "final", parent: "lora <b>bold</b>", role: .adapter, position: 2, adapterTarget: 1),
    ]
    return try LineageGraph(source: .declared(recipeFiles: ["<evil>.yaml"]), nodes: nodes, edges: edges)
}
