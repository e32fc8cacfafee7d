import XCTest
@testable import Recipes

/// Each invalid recipe with the exact errors it must produce, as `line:column: message`.
final class InvalidRecipeTests: XCTestCase {
    struct Case {
        var name: String
        var yaml: String
        var errors: [String]
        var strict = false
    }

    static let cases: [Case] = [
        Case(name: "YAML syntax error", yaml: """
            merge_method: model_stock
            models: [ {model: org/a}
            """, errors: [
            "3:1: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 2, column 9); fix the YAML syntax at this position",
        ]),
        Case(name: "document is a list", yaml: """
            - model: org/a
            - model: org/b
            """, errors: [
            "1:1: a merge document must be a mapping of keys such as merge_method and models; got a list",
        ]),
        Case(name: "missing merge_method", yaml: """
            base_model: org/base
            models:
              - model: org/a
              - model: org/b
            """, errors: [
            "1:1: missing merge_method; add one, for example merge_method: model_stock",
        ]),
        Case(name: "unknown merge method", yaml: """
            merge_method: model_stok
            base_model: org/base
            models:
              - model: org/a
              - model: org/b
            """, errors: [
            "1:15: unknown merge method \"model_stok\"; did you mean \"model_stock\"? Known methods: model_stock, linear, slerp, task_arithmetic, ties",
        ]),
        Case(name: "merge method not a string", yaml: """
            merge_method: [model_stock]
            base_model: org/base
            models:
              - model: org/a
              - model: org/b
            """, errors: [
            "1:15: merge_method takes a method name such as model_stock; got a list [model_stock]",
        ]),
        Case(name: "models and slices both", yaml: """
            merge_method: linear
            models:
              - model: org/a
                parameters: {weight: 1}
            slices:
              - sources:
                  - model: org/a
                    layer_range: [0, 4]
            """, errors: [
            "6:3: a merge needs exactly one of models or slices; both are given (models at line 3); keep one",
        ]),
        Case(name: "neither models nor slices", yaml: """
            merge_method: linear
            parameters: {weight: 1}
            """, errors: [
            "1:1: a merge needs exactly one of models or slices; none is given",
        ]),
        Case(name: "models not a list", yaml: """
            merge_method: linear
            models: org/a
            """, errors: [
            "2:9: models takes a list; got a string",
        ]),
        Case(name: "models entry as a bare string", yaml: """
            merge_method: linear
            models:
              - org/a
            """, errors: [
            "3:5: each entry of models is a mapping with a model key; write \"- model: org/a\"",
        ]),
        Case(name: "models entry without model", yaml: """
            merge_method: linear
            models:
              - parameters: {weight: 1}
            """, errors: [
            "3:5: a models entry needs a model key; add model: ORG/NAME",
        ]),
        Case(name: "duplicate merge names", yaml: """
            name: x
            merge_method: linear
            models:
              - model: org/a
                parameters: {weight: 1}
            ---
            name: x
            merge_method: linear
            models:
              - model: org/b
                parameters: {weight: 1}
            """, errors: [
            "7:7: duplicate merge name \"x\" (first declared at bad.yaml:1:7); rename one of them",
        ]),
        Case(name: "two unnamed merges", yaml: """
            merge_method: linear
            models:
              - model: org/a
                parameters: {weight: 1}
            ---
            merge_method: linear
            models:
              - model: org/b
                parameters: {weight: 1}
            """, errors: [
            "6:1: a second merge without a name (the first is at bad.yaml:1:1); only the final output may be unnamed, so add name: to this one",
        ]),
        Case(name: "cycle of three", yaml: """
            name: a
            merge_method: linear
            models:
              - model: c
                parameters: {weight: 1}
            ---
            name: b
            merge_method: linear
            models:
              - model: a
                parameters: {weight: 1}
            ---
            name: c
            merge_method: linear
            models:
              - model: b
                parameters: {weight: 1}
            """, errors: [
            "1:1: cycle between merges: a -> c -> b -> a; a merge cannot read its own output, so remove one of these references",
        ]),
        Case(name: "merge reads itself", yaml: """
            name: self
            merge_method: linear
            models:
              - model: self
                parameters: {weight: 1}
            """, errors: [
            "1:1: cycle between merges: self -> self; a merge cannot read its own output, so remove one of these references",
        ]),
        Case(name: "missing local folder", yaml: """
            merge_method: linear
            models:
              - model: ./models/nowhere
                parameters: {weight: 1}
            """, errors: [
            "3:12: model folder \"./models/nowhere\" not found; looked in $TMP/models/nowhere. Fix the path or pass --models-dir",
        ]),
        Case(name: "unknown bare name near a merge name", yaml: """
            name: stage-one
            merge_method: linear
            models:
              - model: org/a
                parameters: {weight: 1}
            ---
            merge_method: linear
            models:
              - model: stage-on
                parameters: {weight: 1}
            """, errors: [
            "9:12: unknown model or merge name \"stage-on\"; did you mean the merge \"stage-one\"?",
        ]),
        Case(name: "two plus signs in a reference", yaml: """
            merge_method: linear
            models:
              - model: org/a+org/l1+org/l2
                parameters: {weight: 1}
            """, errors: [
            "3:12: invalid model reference \"org/a+org/l1+org/l2\": it has more than one '+'; write MODEL or MODEL+ADAPTER",
        ]),
        Case(name: "two at signs in a reference", yaml: """
            merge_method: linear
            models:
              - model: org/a@v1@v2
                parameters: {weight: 1}
            """, errors: [
            "3:12: invalid model reference \"org/a@v1@v2\": it has more than one '@'; write PATH@REVISION",
        ]),
        Case(name: "revision on a merge name", yaml: """
            name: first
            merge_method: linear
            models:
              - model: org/a
                parameters: {weight: 1}
            ---
            merge_method: linear
            models:
              - model: first@main
                parameters: {weight: 1}
            """, errors: [
            "9:12: \"first@main\" names the merge first, which has no revisions; remove \"@main\"",
        ]),
        Case(name: "model_stock with one ingredient", yaml: """
            merge_method: model_stock
            base_model: org/base
            models:
              - model: org/a
            """, errors: [
            "1:15: model_stock needs a base and at least 2 other models; got 1",
        ]),
        Case(name: "model_stock without base", yaml: """
            merge_method: model_stock
            models:
              - model: org/a
              - model: org/b
            """, errors: [
            "1:15: model_stock needs a base_model; none is given",
        ]),
        Case(name: "slerp with three models", yaml: """
            merge_method: slerp
            base_model: org/base
            models:
              - model: org/a
              - model: org/b
              - model: org/c
            parameters: {t: 0.5}
            """, errors: [
            "1:15: slerp needs a base and exactly 1 other model; got 3",
        ]),
        Case(name: "slerp without t", yaml: """
            merge_method: slerp
            base_model: org/base
            models:
              - model: org/base
              - model: org/a
            """, errors: [
            "1:15: slerp needs parameter t; add it to the top-level parameters, for example parameters: {t: 0.5}",
        ]),
        Case(name: "linear without weight", yaml: """
            merge_method: linear
            models:
              - model: org/a
              - model: org/b
                parameters: {weight: 1}
            """, errors: [
            "3:5: linear needs parameter weight for model org/a; add parameters: {weight: 1.0} to it or to the top-level parameters",
        ]),
        Case(name: "tokenizer_source with tokenizer", yaml: """
            merge_method: linear
            models:
              - model: org/a
                parameters: {weight: 1}
            tokenizer_source: union
            tokenizer: {source: base}
            """, errors: [
            "5:19: tokenizer_source and tokenizer are both given (tokenizer at line 6); keep one, for example tokenizer: {source: union}",
        ]),
        Case(name: "bool parameter given a number", yaml: """
            merge_method: model_stock
            base_model: org/base
            models:
              - model: org/a
              - model: org/b
            parameters: {filter_wise: 0.5}
            """, errors: [
            "6:14: parameter filter_wise of model_stock takes true or false; got 0.5",
        ]),
        Case(name: "number parameter given a string", yaml: """
            merge_method: linear
            models:
              - model: org/a
                parameters: {weight: heavy}
            """, errors: [
            "4:18: parameter weight of linear takes a number, a gradient list of numbers or a list of {filter, value}; got the string \"heavy\"",
        ]),
        Case(name: "invalid dtype", yaml: """
            merge_method: linear
            models:
              - model: org/a
                parameters: {weight: 1}
            dtype: float8
            """, errors: [
            "5:8: invalid dtype float8; use bfloat16, float16, float32 or float64",
        ]),
        Case(name: "invalid out_dtype", yaml: """
            merge_method: linear
            models:
              - model: org/a
                parameters: {weight: 1}
            out_dtype: int8
            """, errors: [
            "5:12: invalid out_dtype int8; use bfloat16, float16, float32 or float64",
        ]),
        Case(name: "layer_range selects nothing", yaml: """
            merge_method: linear
            slices:
              - sources:
                  - model: org/a
                    layer_range: [4, 4]
                    parameters: {weight: 1}
            """, errors: [
            "5:22: layer_range [4, 4] selects no layers; END is exclusive and must be greater than START >= 0",
        ]),
        Case(name: "layer_range not two numbers", yaml: """
            merge_method: linear
            slices:
              - sources:
                  - model: org/a
                    layer_range: [0, 4, 8]
                    parameters: {weight: 1}
            """, errors: [
            "5:22: layer_range takes two whole numbers [START, END) with END exclusive; got [0, 4, 8]",
        ]),
        Case(name: "slice sources of different lengths", yaml: """
            merge_method: linear
            slices:
              - sources:
                  - model: org/a
                    layer_range: [0, 8]
                  - model: org/b
                    layer_range: [0, 10]
            parameters: {weight: 1}
            """, errors: [
            "7:22: all sources of a slice must have the same number of layers; org/b has 10, org/a has 8",
        ]),
        Case(name: "slice without sources", yaml: """
            merge_method: linear
            slices:
              - base_model: org/a
            """, errors: [
            "3:5: a slice needs a sources list; add sources: [{model: ORG/NAME, layer_range: [0, 40]}]",
        ]),
        Case(name: "invalid compat", yaml: """
            merge_method: linear
            models:
              - model: org/a
                parameters: {weight: 1}
            pedigree: {compat: mergekit-0.1.5}
            """, errors: [
            "5:20: invalid compat mergekit-0.1.5; use mergekit (reproduce mergekit 0.1.5) or pedigree",
        ]),
        Case(name: "empty gradient", yaml: """
            merge_method: linear
            models:
              - model: org/a
                parameters: {weight: []}
            """, errors: [
            "4:26: parameter weight is an empty list; give at least one value",
        ]),
        Case(name: "gradient mixing kinds", yaml: """
            merge_method: linear
            models:
              - model: org/a
                parameters: {weight: [0.5, high]}
            """, errors: [
            "4:32: parameter weight mixes kinds in one list; a gradient lists finite numbers only, got a string high",
        ]),
        Case(name: "conditional without value", yaml: """
            merge_method: linear
            models:
              - model: org/a
                parameters:
                  weight: [{filter: mlp}]
            """, errors: [
            "5:16: a conditional value of weight needs a value key; write {filter: mlp, value: 0.5}",
        ]),
        Case(name: "NaN parameter", yaml: """
            merge_method: linear
            models:
              - model: org/a
                parameters: {weight: .nan}
            """, errors: [
            "4:26: parameter weight is .nan; use a finite number",
        ]),
        Case(name: "duplicate key", yaml: """
            merge_method: linear
            merge_method: ties
            models:
              - model: org/a
                parameters: {weight: 1}
            """, errors: [
            "2:1: duplicate key \"merge_method\" (first at line 1, column 1); keep one of them",
        ]),
        Case(name: "unknown alias", yaml: """
            merge_method: linear
            models:
              - model: org/a
                parameters: {weight: *w}
            """, errors: [
            "4:26: unknown alias *w; define &w before using it in the same document",
        ]),
        Case(name: "merge name with a slash", yaml: """
            name: org/mine
            merge_method: linear
            models:
              - model: org/a
                parameters: {weight: 1}
            """, errors: [
            "1:7: invalid merge name \"org/mine\": it contains \"/\", which model references reserve; use letters, digits, '-', '_' and '.'",
        ]),
        Case(name: "modules not supported", yaml: """
            merge_method: linear
            modules:
              text: {models: [{model: org/a}]}
            """, errors: [
            "3:3: modules (multi-module models) is not supported; declare the merge with models or slices",
        ]),
        Case(name: "override_architecture not supported", yaml: """
            merge_method: linear
            models:
              - model: {model: {path: org/a}, override_architecture: MistralForCausalLM}
                parameters: {weight: 1}
            """, errors: [
            "3:58: override_architecture is not supported; remove it and use a model whose config.json names the architecture",
        ]),
        Case(name: "unknown key under strict", yaml: """
            merge_method: linear
            models:
              - model: org/a
                parameters: {weight: 1}
            normalise: true
            """, errors: [
            "5:1: unknown key \"normalise\" in a merge document, which mergekit ignores; did you mean \"normalize\" under parameters:?",
        ], strict: true),
        Case(name: "unknown parameter under strict", yaml: """
            merge_method: model_stock
            base_model: org/base
            models:
              - model: org/a
              - model: org/b
            parameters: {filterwise: true}
            """, errors: [
            "6:14: unknown parameter \"filterwise\" for model_stock, which mergekit ignores; did you mean \"filter_wise\"?",
        ], strict: true),
        Case(name: "chat_template not text", yaml: """
            merge_method: linear
            models:
              - model: org/a
                parameters: {weight: 1}
            chat_template: 3
            """, errors: [
            "5:16: chat_template takes a template name (auto, chatml, llama3, mistral, alpaca, exaone) or Jinja text; got a number 3",
        ]),
    ]

    func testEveryInvalidRecipeReportsItsErrors() throws {
        XCTAssertGreaterThanOrEqual(Self.cases.count, 30)
        for testCase in Self.cases {
            let result = try check(testCase.yaml, strict: testCase.strict)
            XCTAssertEqual(errorLines(result), testCase.errors, testCase.name)
            XCTAssertNil(result.graph, testCase.name)
        }
    }
}
