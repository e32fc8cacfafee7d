import XCTest
@testable import Recipes

/// libyaml events become nodes with positions, anchors resolved and documents cut out.
final class YAMLParserTests: XCTestCase {
    func testPositionsOfNodes() throws {
        let (documents, problems) = YAMLParser.parse("a: 1\nlist:\n  - x\n  - {k: 'v'}\n", file: "f.yaml")
        XCTAssertEqual(problems, [])
        let root = try XCTUnwrap(documents.first?.root)
        XCTAssertEqual(root.location, SourceLocation(file: "f.yaml", line: 1, column: 1))
        XCTAssertEqual(root["a"]?.location.description, "f.yaml:1:4")
        XCTAssertEqual(root["list"]?.sequenceValue?[0].location.description, "f.yaml:3:5")
        XCTAssertEqual(root["list"]?.sequenceValue?[1]["k"]?.location.description, "f.yaml:4:9")
    }

    func testScalarTyping() throws {
        let (documents, _) = YAMLParser.parse("""
            n: 1.5e-3
            q: "1.5"
            b: yes
            s: model_stock
            z: ~
            t: !!str 2
            u: 1_000
            """, file: "f.yaml")
        let root = try XCTUnwrap(documents.first?.root)
        XCTAssertEqual(root["n"]?.numberValue, 0.0015)
        XCTAssertNil(root["q"]?.numberValue)
        XCTAssertEqual(root["q"]?.stringValue, "1.5")
        XCTAssertEqual(root["b"]?.boolValue, true)
        XCTAssertEqual(root["s"]?.stringValue, "model_stock")
        XCTAssertEqual(root["z"]?.isNull, true)
        XCTAssertEqual(root["t"]?.stringValue, "2")
        XCTAssertEqual(root["u"]?.intValue, 1000)
    }

    func testAliasesAndMergeKeys() throws {
        let (documents, problems) = YAMLParser.parse("""
            defaults: &d {dtype: float32, out_dtype: bfloat16}
            merge:
              <<: *d
              dtype: bfloat16
            copy: *d
            """, file: "f.yaml")
        XCTAssertEqual(problems, [])
        let root = try XCTUnwrap(documents.first?.root)
        XCTAssertEqual(root["merge"]?["dtype"]?.stringValue, "bfloat16")
        XCTAssertEqual(root["merge"]?["out_dtype"]?.stringValue, "bfloat16")
        XCTAssertEqual(root["copy"]?["dtype"]?.stringValue, "float32")
        XCTAssertEqual(root["copy"]?.location.description, "f.yaml:5:7")
    }

    func testDocumentTextsAndEmptyDocuments() throws {
        let text = "# header\n---\n# first\nname: a\n---\n---\nname: b # second\n...\n"
        let (documents, problems) = YAMLParser.parse(text, file: "f.yaml")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(documents.map(\.text), ["---\n# first\nname: a\n", "---\nname: b # second\n...\n"])
    }

    func testCarriageReturnLineBreaks() throws {
        let (documents, _) = YAMLParser.parse("a: 1\r\nb: 2\r\n", file: "f.yaml")
        XCTAssertEqual(documents.first?.root["b"]?.location.description, "f.yaml:2:4")
        XCTAssertEqual(documents.first?.text, "a: 1\r\nb: 2\r\n")
    }

    func testAnchorsDoNotCrossDocuments() {
        let (_, problems) = YAMLParser.parse("a: &x 1\n---\nb: *x\n", file: "f.yaml")
        XCTAssertEqual(problems.map(\.description), ["f.yaml:3:4: error: unknown alias *x; define &x before using it in the same document"])
    }
}
