import XCTest
@testable import Recipes

/// Parameters follow mergekit's precedence (slice source > slice > top level) and get the
/// method's defaults; settings mergekit would ignore are warned about.
final class ParameterPrecedenceTests: XCTestCase {
    func testSourceOverSliceOverTopLevel() throws {
        let result = try check("""
            merge_method: ties
            base_model: org/base
            parameters: {weight: 0.1, density: 0.9, normalize: false}
            slices:
              - sources:
                  - {model: org/base, layer_range: [0, 4]}
                  - {model: org/a, layer_range: [0, 4], parameters: {weight: 0.7}}
                  - {model: org/b, layer_range: [0, 4]}
                parameters: {weight: 0.3, normalize: true}
              - sources:
                  - {model: org/base, layer_range: [4, 8]}
                  - {model: org/a, layer_range: [4, 8]}
            """)
        XCTAssertEqual(errorLines(result), [])
        let slices = try XCTUnwrap(result.graph?.merges.first?.slices)
        XCTAssertEqual(slices[0].sources.map { $0.parameters["weight"] }, [.number(0.3), .number(0.7), .number(0.3)])
        XCTAssertEqual(slices[0].sources.map { $0.parameters["density"] }, [.number(0.9), .number(0.9), .number(0.9)])
        XCTAssertEqual(slices[0].parameters, ["normalize": .bool(true), "lambda": .number(1)])
        XCTAssertEqual(slices[1].sources.map { $0.parameters["weight"] }, [.number(0.1), .number(0.1)])
        XCTAssertEqual(slices[1].parameters, ["normalize": .bool(false), "lambda": .number(1)])
        XCTAssertEqual(slices[1].sources.map(\.layerRange), [4..<8, 4..<8])
    }

    func testDefaultsFilledIn() throws {
        let result = try check("""
            merge_method: ties
            base_model: org/base
            models:
              - model: org/a
                parameters: {weight: [0, 0.5, 1]}
            """)
        let merge = try XCTUnwrap(result.graph?.merges.first)
        XCTAssertEqual(merge.parameters, ["normalize": .bool(true), "lambda": .number(1)])
        XCTAssertEqual(merge.ingredients.first?.parameters, ["weight": .gradient([0, 0.5, 1]), "density": .number(1)])
    }

    func testIgnoredSettingsWarn() throws {
        let result = try check("""
            merge_method: model_stock
            base_model: org/base
            models:
              - model: org/base
              - model: org/a
                parameters: {filter_wise: true, wieght: 2}
              - model: org/b
            parameters: {t: 0.5}
            """)
        XCTAssertEqual(errorLines(result), [])
        XCTAssertEqual(warningLines(result), [
            "4:12: the base model org/base is listed again among the models; it is dropped from the ingredients, as in mergekit",
            "6:18: filter_wise is a global parameter of model_stock, which mergekit ignores in a models entry; move it to the top-level parameters",
            "6:37: unknown parameter \"wieght\" for model_stock, which mergekit ignores; did you mean \"weight\"?",
            "8:14: unknown parameter \"t\" for model_stock, which mergekit ignores; model_stock takes filter_wise, weight",
        ])
        XCTAssertEqual(result.graph?.merges.first?.ingredients.map(\.input.reference.description), ["org/a", "org/b"])
    }

    func testLinearIgnoresBaseWithWarning() throws {
        let result = try check("""
            merge_method: linear
            base_model: org/base
            models: [{model: org/a, parameters: {weight: 1}}]
            """)
        XCTAssertEqual(warningLines(result), [
            "2:13: linear does not use base_model, so org/base is ignored; list it under models to include it",
        ])
        XCTAssertNil(result.graph?.merges.first?.base)
    }

    func testSlerpListsBaseWithoutWarning() throws {
        let result = try check("""
            merge_method: slerp
            base_model: org/a
            models: [{model: org/a}, {model: org/b}]
            parameters: {t: [0, 1]}
            """)
        // The only warning is that the engine does not run slerp yet; none is about the base.
        XCTAssertEqual(errorLines(result) + warningLines(result), [
            "1:15: slerp is validated but not implemented by Pedigree's engine yet, so pedigree run will fail on this merge; the engine merges model_stock and linear",
        ])
        XCTAssertEqual(result.graph?.merges.first?.ingredients.map(\.input.reference.description), ["org/b"])
    }
}
