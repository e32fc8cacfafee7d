import Foundation
import XCTest

/// The lineage questions on a declared recipe set, which needs no weights.
final class ReportCommandTests: XCTestCase {
    static let recipe = """
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
          - model: org/FT-A
            parameters: {weight: 2}
          - model: org/Instruct
        ---
        name: g2
        merge_method: model_stock
        base_model: org/Instruct
        models:
          - model: org/FT-A
            parameters: {weight: 2}
          - model: early
        ---
        name: final
        merge_method: linear
        models:
          - model: g
            parameters: {weight: 1}
          - model: g2
            parameters: {weight: 3}
        pedigree:
          template: chatml
        """

    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "pedigree-report-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Self.recipe.write(toFile: directory + "/family.yaml", atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func run(_ arguments: [String]) throws -> CLIResult {
        try CLI.run(arguments + ["--recipe", "family.yaml"], environment: ["HOME": directory], directory: directory)
    }

    /// With t = 0.5: g gets 1/4 and g2 3/4 of final; org/FT-A gets 0.25 * 0.5 * 2/3 through g,
    /// 0.75 * 0.5 * 2/3 through g2 and (0.125 + 0.125) * 0.5 / 2 through early, 39.6% in all.
    func testFeedersOfDeclaredGraph() throws {
        let result = try run(["feeders", "final", "--roots", "--assume-t", "0.5"])
        XCTAssertEqual(result.stderr, "")
        XCTAssertEqual(result.exitCode, 0)
        XCTAssertEqual(result.stdout, """
            Source models and adapters of final (declared graph from family.yaml)
            model         kind          depth  paths  arrived as        share (estimate)
            org/FT-A      source model      2      4  ingredient                   39.6%
            org/Instruct  source model      2      2  base, ingredient             41.7%
            org/Base      source model      3      2  base                         12.5%
            org/FT-B      source model      3      2  ingredient                    6.2%

            The share is an estimate: a Model Stock merge gives ingredient i t*w_i/sum(w) and its base 1-t,
            with t its parameter-weighted mean; a linear merge gives w_i/sum(w). Shares multiply along
            paths and add across paths. An adapter's share is the coefficient its delta carries.
            Assumed t = 0.5 for merges without a recorded t: g2, g, early.

            """)
    }

    func testTreeOfDeclaredGraph() throws {
        let result = try run(["tree", "final", "--depth", "2"])
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        let masked = result.stdout.replacingOccurrences(of: "id [0-9a-f]{12}", with: "id ID", options: .regularExpression)
        XCTAssertEqual(masked, """
            Ancestry of final (declared graph from family.yaml)
            final  [linear, declared, id ID]
            ├── ingredient: g (weight 1)  [model_stock, declared, id ID]
            │   ├── base: early  [model_stock, declared, id ID]  (3 inputs below the depth limit)
            │   ├── ingredient: org/FT-A (weight 2)  [source model, id hf:org/FT-A@main]
            │   └── ingredient: org/Instruct (weight 1)  [source model, id hf:org/Instruct@main]
            └── ingredient: g2 (weight 3)  [model_stock, declared, id ID]
                ├── base: org/Instruct  (shown above)
                ├── ingredient: org/FT-A (weight 2)  (shown above)
                └── ingredient: early (weight 1)  [model_stock, declared, id ID]  (3 inputs below the depth limit)

            """)
    }

    func testUsedByAndDiff() throws {
        let usedBy = try run(["used-by", "org/FT-B"])
        XCTAssertEqual(usedBy.stdout, """
            Merges that use org/FT-B (declared graph from family.yaml)
            depth  merge  method       state     used as
                1  early  model_stock  declared  ingredient
                2  g      model_stock  declared  through other merges
                2  g2     model_stock  declared  through other merges
                3  final  linear       declared  through other merges

            """)
        let diff = try run(["diff", "g", "g2"])
        XCTAssertEqual(diff.stdout, """
            Differences from g to g2 (declared graph from family.yaml)
            base  early  ->  org/Instruct
            ingredients only in g: org/Instruct
            ingredients only in g2: early
            same: method, semantics, dtype, out_dtype, parameters

            """)
    }

    func testGraphFormats() throws {
        let dot = try run(["graph", "final"])
        XCTAssertTrue(dot.stdout.hasPrefix("digraph lineage {\n"), dot.stdout)
        let mermaid = try run(["graph", "final", "--format", "mermaid"])
        XCTAssertTrue(mermaid.stdout.hasPrefix("flowchart TB\n"), mermaid.stdout)
        let json = try run(["graph", "final", "--format", "json"])
        XCTAssertTrue(json.stdout.hasPrefix("{\n  \"format_version\": 1,\n  \"report\": \"graph\","), json.stdout)
        let bad = try run(["graph", "final", "--format", "svg"])
        XCTAssertEqual(bad.exitCode, 64)
        XCTAssertTrue(bad.stderr.hasPrefix("error: --format takes dot, mermaid or json; got \"svg\"\n"), bad.stderr)
    }

    func testCardAndReport() throws {
        let card = try run(["card", "final"])
        XCTAssertEqual(card.exitCode, 0, card.stderr)
        XCTAssertTrue(card.stdout.hasPrefix("""
            ---
            base_model:
            - g
            - g2
            base_model_relation: merge
            library_name: transformers
            tags:
            - merge
            - pedigree
            - linear
            ---

            """), card.stdout)
        XCTAssertTrue(card.stdout.contains("- Chat template: chatml\n"), card.stdout)

        let report = try run(["report", "final", "--html", "page.html", "--builtin-layout"])
        XCTAssertEqual(report.exitCode, 0, report.stderr)
        XCTAssertEqual(report.stderr, "wrote page.html\n")
        let page = try String(contentsOfFile: directory + "/page.html", encoding: .utf8)
        XCTAssertTrue(page.hasPrefix("<!DOCTYPE html>\n"), page)
        XCTAssertTrue(page.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""), page)
    }

    func testUnknownNameFails() throws {
        let result = try run(["show", "fnal"])
        XCTAssertEqual(result.exitCode, 1)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr, "error: no model or merge named 'fnal' in the declared graph from family.yaml; "
            + "its merges are: early, g, g2, final\n")
    }

    func testMissingDatabaseFails() throws {
        let result = try CLI.run(["tree", "final"], environment: ["HOME": directory], directory: directory)
        XCTAssertEqual(result.exitCode, 1)
        XCTAssertTrue(result.stderr.hasPrefix("error: no lineage database at "), result.stderr)
    }
}

/// The lineage questions on the recorded merges of the built demo.
final class RecordedReportCommandTests: XCTestCase {
    func testQuestionsOnBuiltDemo() throws {
        let directory = NSTemporaryDirectory() + "pedigree-report-demo-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let demo = try CLI.run(["demo", directory, "--threads", "2"])
        XCTAssertEqual(demo.exitCode, 0, demo.stderr)
        let database = directory + "/.pedigree/lineage.db"

        let tree = try CLI.run(["tree", "demo-final", "--db", database])
        XCTAssertEqual(tree.exitCode, 0, tree.stderr)
        let lines = tree.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "Ancestry of demo-final (recorded merges in \(database))")
        XCTAssertTrue(lines[1].hasPrefix("demo-final  [model_stock, built, id "), lines[1])
        XCTAssertTrue(lines[1].contains(", mean t "), lines[1])

        // Model Stock coefficients sum to 1 at every merge, so the source models' shares do.
        let feeders = try CLI.run(["feeders", "demo-final", "--roots", "--json", "--db", database])
        XCTAssertEqual(feeders.exitCode, 0, feeders.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(feeders.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["format_version"] as? Int, 1)
        XCTAssertEqual((object["source"] as? [String: Any])?["kind"] as? String, "recorded")
        let rows = try XCTUnwrap(object["feeders"] as? [[String: Any]])
        let sources = rows.filter { $0["kind"] as? String == "source" }
        let shares = sources.compactMap { $0["estimated_share"] as? Double }
        XCTAssertGreaterThan(sources.count, 2)
        XCTAssertEqual(shares.count, sources.count)
        XCTAssertEqual(shares.reduce(0, +), 1, accuracy: 1e-9)

        let show = try CLI.run(["show", "demo-final", "--db", database])
        XCTAssertTrue(show.stdout.contains("\nbase check   on an unmerged base ("), show.stdout)
        XCTAssertTrue(show.stdout.contains("\nTensor statistics by kind"), show.stdout)

        let card = try CLI.run(["card", "demo-final", "--db", database])
        XCTAssertTrue(card.stdout.contains("\n- demo-g\n- demo-g2\n"), card.stdout)
        XCTAssertTrue(card.stdout.contains("\n- Chat template: "), card.stdout)
    }
}
