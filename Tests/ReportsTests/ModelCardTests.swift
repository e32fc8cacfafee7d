import Foundation
import XCTest

@testable import Reports

final class ModelCardTests: XCTestCase {
    func testCardGolden() throws {
        assertText(ModelCard().render(try SampleLineage.graph().lineageReport(of: "final")), CardGolden.card)
    }

    func testBaseModelsAreDirectParents() throws {
        XCTAssertEqual(ModelCard.baseModels(try SampleLineage.graph().lineageReport(of: "g")),
                       ["early", "./models/ft-c", "org/FT-A", "org/lora-x", "org/Instruct-12B"])
    }

    func testFrontMatterParsesAsYAML() throws {
        let card = ModelCard().render(try SampleLineage.graph().lineageReport(of: "final"))
        let metadata = try PythonYAML.frontMatter(of: card)
        XCTAssertEqual(metadata["base_model"] as? [String], ["org/Instruct-12B", "g", "g2", "org/Base-12B"])
        XCTAssertEqual(metadata["base_model_relation"] as? String, "merge")
        XCTAssertEqual(metadata["library_name"] as? String, "transformers")
        XCTAssertEqual(metadata["tags"] as? [String], ["merge", "pedigree", "model_stock"])
    }

    func testHostileNamesParseBack() throws {
        let card = ModelCard().render(try hostileGraph().lineageReport(of: "final"))
        let metadata = try PythonYAML.frontMatter(of: card)
        XCTAssertEqual(metadata["base_model"] as? [String], [
            "<script>alert(\"x\")</script>", "it's \"quoted\" & | piped\\", "lora <b>bold</b>",
        ])
        // Only the quoted front matter and the fenced recipe may hold the raw text.
        XCTAssertEqual(card.components(separatedBy: "<script").count - 1, 2, card)
        XCTAssertTrue(card.contains("| &lt;script&gt;alert(\"x\")&lt;/script&gt; | source model | 1 |"), card)
        XCTAssertTrue(card.contains("- Chat template: &lt;img src=x onerror=alert(1)&gt;\n"), card)
        XCTAssertTrue(card.contains("\n````yaml\nname: final # <script>alert(1)</script>\n```\n````\n"), card)
    }

    func testYAMLScalarQuoting() throws {
        let cases: [(String, String)] = [
            ("org/Model-1.5B", "org/Model-1.5B"),
            ("model_stock", "model_stock"),
            ("yes", "\"yes\""),
            ("1.5", "\"1.5\""),
            ("2024", "\"2024\""),
            ("a: b", "\"a: b\""),
            ("./models/x", "\"./models/x\""),
            ("a/b/c", "\"a/b/c\""),
            ("tab\there", "\"tab\\there\""),
            ("bell\u{07}\u{85}", "\"bell\\u0007\\u0085\""),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(YAMLScalar.render(text), expected, text)
        }
        let parsed = try PythonYAML.load("- " + cases.map { YAMLScalar.render($0.0) }.joined(separator: "\n- ") + "\n")
        XCTAssertEqual(parsed as? [String], cases.map(\.0))
    }

    func testMarkdownFenceOutgrowsBackticks() {
        XCTAssertEqual(MarkdownText.fenced("a ```` b", language: "yaml"), ["`````yaml", "a ```` b", "`````"])
        XCTAssertEqual(MarkdownText.code("sha256:ab"), "`sha256:ab`")
        XCTAssertEqual(MarkdownText.code("a|b"), "a\\|b")
    }
}

/// Parses YAML with Python's PyYAML, which the Hub's tooling also reads cards with.
enum PythonYAML {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses the YAML between the card's first two `---` lines.
    static func frontMatter(of card: String) throws -> [String: Any] {
        let parts = card.components(separatedBy: "---\n")
        guard parts.count >= 3, parts[0].isEmpty else { throw Failure(description: "the card does not start with front matter:\n\(card)") }
        guard let object = try load(parts[1]) as? [String: Any] else { throw Failure(description: "the front matter is not a mapping") }
        return object
    }

    /// Parses `text` with `yaml.safe_load`, passed back through JSON.
    static func load(_ text: String) throws -> Any {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let script = "import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin.read()), sys.stdout)"
        process.arguments = ["python3", "-c", script]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            if message.contains("No module named 'yaml'") {
                throw Failure(description: "PyYAML is missing; install it with `python3 -m pip install pyyaml`")
            }
            throw Failure(description: "python3 could not parse the YAML: \(message)\n\(text)")
        }
        return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }
}
