import XCTest
@testable import Recipes

/// The identity hash ignores how a recipe is written and follows every field that changes
/// the output bytes.
final class IdentityHashTests: XCTestCase {
    static let reference = """
        merge_method: model_stock
        base_model: org/base
        models:
          - model: org/a
            parameters: {weight: 0.8}
          - model: org/b
            parameters: {weight: 1.2}
        dtype: float32
        out_dtype: bfloat16
        """

    /// Returns the identity of the last merge of `yaml`, failing the test when it does not load.
    func identity(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try check(yaml)
        XCTAssertEqual(errorLines(result), [], file: file, line: line)
        return try XCTUnwrap(result.graph?.merges.last?.identity, file: file, line: line)
    }

    func testIdentityHasSHA256Form() throws {
        let value = try identity(Self.reference)
        XCTAssertTrue(value.hasPrefix("sha256:"))
        XCTAssertEqual(value.count, "sha256:".count + 64)
    }

    func testCanonicalJSONOfReference() throws {
        let merge = try XCTUnwrap(try check(Self.reference).graph?.merges.first)
        XCTAssertEqual(merge.canonicalJSON, #"{"chat_template":null,"dtype":"float32","inputs":[{"adapter":null,"model":"hf:org/base@main","role":"base"},{"adapter":null,"model":"hf:org/a@main","parameters":{"weight":0.8},"role":"ingredient"},{"adapter":null,"model":"hf:org/b@main","parameters":{"weight":1.2},"role":"ingredient"}],"method":"model_stock","out_dtype":"bfloat16","parameters":{"filter_wise":false},"semantics":"pedigree","semantics_version":1,"tokenizer":null}"#)
        XCTAssertEqual(merge.identity, CanonicalForm.identity(ofJSON: merge.canonicalJSON))
    }

    func testFormattingDoesNotChangeIdentity() throws {
        let expected = try identity(Self.reference)
        let variants: [(String, String)] = [
            ("comments", """
                # a comment before everything
                merge_method: model_stock  # trailing comment
                base_model: org/base
                models:
                  # the first finetune
                  - model: org/a
                    parameters: {weight: 0.8}
                  - model: org/b
                    parameters: {weight: 1.2}
                dtype: float32
                out_dtype: bfloat16
                """),
            ("key order", """
                out_dtype: bfloat16
                models:
                  - parameters: {weight: 0.8}
                    model: org/a
                  - parameters: {weight: 1.2}
                    model: org/b
                dtype: float32
                base_model: org/base
                merge_method: model_stock
                """),
            ("whitespace and flow style", """
                merge_method:   model_stock
                base_model: org/base
                models: [{model: org/a, parameters: {weight: 0.8}},
                         {model: org/b,   parameters: {weight: 1.2}}]

                dtype: float32
                out_dtype: bfloat16
                """),
            ("quoting and number spelling", """
                merge_method: "model_stock"
                base_model: 'org/base'
                models:
                  - model: "org/a"
                    parameters: {weight: 8.0e-1}
                  - model: org/b
                    parameters: {weight: 1.20}
                dtype: 'float32'
                out_dtype: "bfloat16"
                """),
            ("anchors and merge keys", """
                merge_method: model_stock
                base_model: &base org/base
                models:
                  - &first {model: org/a, parameters: {weight: 0.8}}
                  - <<: *first
                    model: org/b
                    parameters: {weight: 1.2}
                dtype: &compute float32
                out_dtype: bfloat16
                """),
            ("defaults written out", """
                merge_method: model_stock
                base_model: org/base
                models:
                  - model: org/a
                    parameters: {weight: 0.8}
                  - model: org/b
                    parameters: {weight: 1.2}
                parameters: {filter_wise: false}
                dtype: float32
                out_dtype: bfloat16
                """),
            ("name and pedigree notes", """
                name: my-merge
                merge_method: model_stock
                base_model: org/base
                models:
                  - model: org/a
                    parameters: {weight: 0.8}
                  - model: org/b
                    parameters: {weight: 1.2}
                dtype: float32
                out_dtype: bfloat16
                pedigree: {notes: "only metadata", template: chatml, sampling: {temperature: 0.7}}
                """),
            ("weight given at the top level", """
                merge_method: model_stock
                base_model: org/base
                models:
                  - model: org/a
                  - model: org/b
                    parameters: {weight: 1.2}
                parameters: {weight: 0.8}
                dtype: float32
                out_dtype: bfloat16
                """),
        ]
        for (name, yaml) in variants {
            XCTAssertEqual(try identity(yaml), expected, name)
        }
    }

    func testOutputFieldsChangeIdentity() throws {
        let expected = try identity(Self.reference)
        let changes: [(String, String, String)] = [
            ("method", "merge_method: model_stock", "merge_method: task_arithmetic"),
            ("first weight", "{weight: 0.8}", "{weight: 0.81}"),
            ("second weight", "{weight: 1.2}", "{weight: 1}"),
            ("base", "base_model: org/base", "base_model: org/other-base"),
            ("base revision", "base_model: org/base", "base_model: org/base@v2"),
            ("ingredient", "model: org/b", "model: org/c"),
            ("adapter", "model: org/b", "model: org/b+org/lora"),
            ("dtype", "dtype: float32", "dtype: bfloat16"),
            ("out_dtype", "out_dtype: bfloat16", "out_dtype: float16"),
            ("filter_wise", "dtype: float32", "dtype: float32\nparameters: {filter_wise: true}"),
            ("compat", "dtype: float32", "dtype: float32\npedigree: {compat: mergekit}"),
            ("tokenizer", "dtype: float32", "dtype: float32\ntokenizer_source: union"),
            ("chat template", "dtype: float32", "dtype: float32\nchat_template: chatml"),
        ]
        var seen: [String: String] = ["reference": expected]
        for (name, old, new) in changes {
            let changed = try identity(Self.reference.replacingOccurrences(of: old, with: new))
            XCTAssertNotEqual(changed, expected, name)
            XCTAssertNil(seen.first { $0.value == changed }?.key, "\(name) collides")
            seen[name] = changed
        }
    }

    func testIngredientOrderChangesIdentity() throws {
        let swapped = """
            merge_method: model_stock
            base_model: org/base
            models:
              - model: org/b
                parameters: {weight: 1.2}
              - model: org/a
                parameters: {weight: 0.8}
            dtype: float32
            out_dtype: bfloat16
            """
        XCTAssertNotEqual(try identity(swapped), try identity(Self.reference))
    }

    func testTokenizerSpellingsShareIdentity() throws {
        let legacy = try identity(Self.reference + "\ntokenizer_source: base")
        let modern = try identity(Self.reference + "\ntokenizer: {source: base}")
        let union = try identity(Self.reference + "\ntokenizer: {source: union}")
        XCTAssertEqual(legacy, modern)
        XCTAssertNotEqual(legacy, union)
    }

    func testUpstreamChangeReachesDownstream() throws {
        let chain = """
            name: stage
            merge_method: linear
            models:
              - model: org/a
                parameters: {weight: 0.5}
              - model: org/b
                parameters: {weight: 0.5}
            ---
            merge_method: model_stock
            base_model: org/base
            models:
              - model: stage
              - model: org/c
            """
        let before = try identity(chain)
        let after = try identity(chain.replacingOccurrences(of: "{weight: 0.5}\n  - model: org/b", with: "{weight: 0.6}\n  - model: org/b"))
        XCTAssertNotEqual(before, after)
    }

    func testMergekitCompatIgnoresWeights() throws {
        let weighted = try identity(Self.reference + "\npedigree: {compat: mergekit}")
        let unweighted = try identity(Self.reference
            .replacingOccurrences(of: "{weight: 0.8}", with: "{weight: 1}")
            .replacingOccurrences(of: "{weight: 1.2}", with: "{weight: 1}") + "\npedigree: {compat: mergekit}")
        XCTAssertEqual(weighted, unweighted)
        XCTAssertEqual(warningLines(try check(Self.reference + "\npedigree: {compat: mergekit}")), [
            "5:18: weight is ignored on model_stock under compat: mergekit (mergekit 0.1.5 averages without weights); remove the weights or drop compat: mergekit",
        ])
    }

    func testCanonicalNumbers() {
        XCTAssertEqual(CanonicalNumber.text(1), "1")
        XCTAssertEqual(CanonicalNumber.text(1.0), "1")
        XCTAssertEqual(CanonicalNumber.text(-0.0), "0")
        XCTAssertEqual(CanonicalNumber.text(0.1), "0.1")
        XCTAssertEqual(CanonicalNumber.text(1e-6), "1e-6")
        XCTAssertEqual(CanonicalNumber.text(1.5e300), "1.5e300")
        XCTAssertEqual(CanonicalNumber.text(-2.5), "-2.5")
        XCTAssertEqual(CanonicalNumber.text(9_007_199_254_740_992), "9007199254740992")
        XCTAssertEqual(CanonicalNumber.text(1e16), "1e16")
        XCTAssertEqual(CanonicalNumber.text(123456789012345680000.0), "1.2345678901234568e20")
    }

    func testEquivalentParameterStructuresMatch() {
        XCTAssertEqual(CanonicalForm.parameter(.gradient([0.5])), .number("0.5"))
        XCTAssertEqual(CanonicalForm.parameter(.conditional([.init(filter: "*", value: .number(2))])), .number("2"))
        XCTAssertEqual(
            CanonicalForm.parameter(.conditional([
                .init(filter: "mlp", value: .gradient([0, 1])),
                .init(filter: nil, value: .number(0.5)),
                .init(filter: "self_attn", value: .number(9)),
            ])).serialized(sortedKeys: true),
            #"[{"filter":"mlp","value":[0,1]},{"filter":null,"value":0.5}]"#)
    }
}
