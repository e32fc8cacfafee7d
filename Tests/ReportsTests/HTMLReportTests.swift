import XCTest

@testable import Reports

final class HTMLReportTests: XCTestCase {
    func testBuiltInLayoutGolden() throws {
        assertText(HTMLReport(layout: .builtIn).render(try SampleLineage.graph().lineageReport(of: "final")), HTMLGolden.report)
    }

    /// Names, recipe text and notes with markup reach the page only as text.
    func testEveryNameEscaped() throws {
        for layout in [HTMLReport.Layout.builtIn, .automatic] {
            let page = HTMLReport(layout: layout).render(try hostileGraph().lineageReport(of: "final"))
            XCTAssertFalse(page.contains("<script"), page)
            XCTAssertFalse(page.contains("<img"), page)
            XCTAssertFalse(page.contains("<b>"), page)
            XCTAssertFalse(page.contains("<evil>"), page)
            XCTAssertTrue(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"), page)
            XCTAssertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt;"), page)
            XCTAssertTrue(page.contains("it&#39;s &quot;quoted&quot; &amp; | piped\\"), page)
        }
    }

    func testPageLoadsNothing() throws {
        for layout in [HTMLReport.Layout.builtIn, .automatic] {
            let page = HTMLReport(layout: layout).render(try SampleLineage.graph().lineageReport(of: "final"))
            for forbidden in ["<script", "<link", "<img", "<iframe", "src=", "@import", "url(http", "url(//"] {
                XCTAssertFalse(page.contains(forbidden), "the page contains \(forbidden)")
            }
        }
    }

    func testGraphvizLayoutInlinesSVG() throws {
        let dot = try XCTUnwrap(Graphviz.executablePath(), "Graphviz's dot is not on PATH; install the graphviz package")
        let page = HTMLReport(layout: .graphviz(executable: dot)).render(try SampleLineage.graph().lineageReport(of: "final"))
        XCTAssertTrue(page.contains("<div class=\"graph\">\n<svg"), page)
        XCTAssertFalse(page.contains("<?xml"), page)
        XCTAssertFalse(page.contains("<!DOCTYPE svg"), page)
        XCTAssertTrue(page.contains("<title>n9</title>"), page)
    }

    func testGraphvizFailureFallsBack() throws {
        let page = HTMLReport(layout: .graphviz(executable: "/bin/false")).render(try SampleLineage.graph().lineageReport(of: "final"))
        XCTAssertTrue(page.contains("<p class=\"note\">Graphviz failed, so the built-in layout is shown: /bin/false exited with status 1: </p>"), page)
        XCTAssertTrue(page.contains(SVGRenderer().render(try SampleLineage.graph().ancestryGraph(of: "final"))), page)
    }

    func testUnsafePaperURLIsNotLinked() throws {
        var nodes = SampleLineage.nodes
        nodes[9].merge!.paper = .init(title: "A paper", url: "javascript:alert(1)")
        let graph = try LineageGraph(source: .recorded(database: "x"), nodes: nodes, edges: SampleLineage.edges)
        let page = HTMLReport(layout: .builtIn).render(try graph.lineageReport(of: "final"))
        XCTAssertFalse(page.contains("href=\"javascript"), page)
        XCTAssertTrue(page.contains("<tr><th>paper</th><td>A paper, javascript:alert(1)</td></tr>"), page)
    }

    func testLayeredLayoutPutsInputsAbove() throws {
        let graph = try SampleLineage.graph()
        let layout = LayeredLayout(graph: graph) { _ in .init(width: 50, height: 20) }
        let layers = Dictionary(uniqueKeysWithValues: layout.nodes.map { ($0.name, $0.layer) })
        XCTAssertEqual(layers, [
            "org/Base-12B": 0, "org/Instruct-12B": 0, "org/FT-A": 0, "org/FT-B": 0, "./models/ft-c": 0,
            "org/lora-x": 0, "early": 1, "g": 2, "g2": 2, "final": 3,
        ])
        for routed in layout.edges {
            XCTAssertLessThan(routed.points.first!.y, routed.points.last!.y, "\(routed.edge.parent) -> \(routed.edge.child)")
            let span = layers[routed.edge.child]! - layers[routed.edge.parent]!
            XCTAssertEqual(routed.points.count, span + 1, "\(routed.edge.parent) -> \(routed.edge.child)")
        }
    }
}
