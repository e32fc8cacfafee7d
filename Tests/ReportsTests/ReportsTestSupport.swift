import Foundation
import SafeTensors
import XCTest

@testable import Reports

/// A small recorded lineage with the shapes reports must handle. It has a diamond (`early`
/// reaches `final` through `g` as base and through `g2` as ingredient) and a variant pair
/// (`g` and `g2` have the same ingredients and different bases). It also has an adapter
/// applied to an ingredient and a final merge on an unmerged base.
///
/// Estimated shares in `final` (Model Stock: ingredient i gets t * w_i / sum(w), the base
/// 1 - t): instruct 0.7 + 0.0125 + 0.04 + 0.065 * 0.4 / 3 = 0.761167; base-12b
/// 0.1 + 0.065 * 0.6 = 0.139; ft-a 0.025 + 0.03 + 0.008667 = 0.063667; ft-b 0.008667;
/// ft-c 0.0125 + 0.015 = 0.0275; the adapter 0.025 + 0.03 = 0.055.
enum SampleLineage {
    static func hash(_ pair: String) -> String {
        "sha256:" + String(repeating: pair, count: 32)
    }

    static let database = ".pedigree/lineage.db"

    static func graph(source: GraphSource = .recorded(database: database)) throws -> LineageGraph {
        try LineageGraph(source: source, nodes: nodes, edges: edges)
    }

    static let modelStockPaper = MergeDetails.Paper(
        title: "Model Stock: All we need is just a few fine-tuned models (Jang et al., 2024)",
        url: "https://arxiv.org/abs/2403.19522"
    )

    static func modelStock(meanT: Double?, statistics: [TensorStatistic] = [], document: String? = nil,
                           template: String? = nil, sampling: String? = nil) -> MergeDetails {
        MergeDetails(
            method: "model_stock", methodDisplayName: "Model Stock", paper: modelStockPaper, semantics: "pedigree",
            dtype: "float32", outDType: "bfloat16", parameters: JSONObject(["filter_wise": .bool(false)]),
            state: meanT == nil ? .declared : .built, meanT: meanT, tensorStatistics: statistics,
            timings: meanT == nil ? nil : .init(started: Date(timeIntervalSince1970: 1_800_000_000),
                                                finished: Date(timeIntervalSince1970: 1_800_000_042.5)),
            recipePath: meanT == nil ? nil : "recipes/family.yaml", recipeDocument: document,
            templateNote: template, samplingNote: sampling
        )
    }

    static let finalDocument = """
        name: final
        merge_method: model_stock
        base_model: org/Instruct-12B
        models:
          - model: g
          - model: g2
          - model: org/Base-12B
        dtype: float32
        out_dtype: bfloat16
        """

    /// Two layers of two kinds plus the embedding, with element counts that make the
    /// parameter-weighted mean t (540 / 1800 = 0.3) differ from the plain mean (0.328).
    static let finalStatistics = [
        TensorStatistic(tensor: "model.embed_tokens.weight", t: 0.24, meanCosine: 0.05, minCosine: 0.01, maxCosine: 0.09, elementCount: 1000),
        TensorStatistic(tensor: "model.layers.0.self_attn.q_proj.weight", t: 0.2, meanCosine: 0.1, minCosine: 0.05, maxCosine: 0.2, elementCount: 100),
        TensorStatistic(tensor: "model.layers.0.mlp.down_proj.weight", t: 0.3, meanCosine: 0.15, minCosine: 0.1, maxCosine: 0.25, elementCount: 300),
        TensorStatistic(tensor: "model.layers.1.self_attn.q_proj.weight", t: 0.4, meanCosine: 0.2, minCosine: 0.12, maxCosine: 0.3, elementCount: 100),
        TensorStatistic(tensor: "model.layers.1.mlp.down_proj.weight", t: 0.5, meanCosine: 0.35, minCosine: 0.3, maxCosine: 0.4, elementCount: 300),
    ]

    static let nodes: [LineageNode] = [
        .source("org/Base-12B", hubID: "org/Base-12B", content: hash("b0")),
        .source("org/Instruct-12B", hubID: "org/Instruct-12B", content: hash("1a")),
        .source("org/FT-A", hubID: "org/FT-A", content: hash("fa")),
        .source("org/FT-B", hubID: "org/FT-B", identity: "hf:org/FT-B@main"),
        .source("./models/ft-c", content: hash("fc")),
        .adapter("org/lora-x", hubID: "org/lora-x", content: hash("ad")),
        .merge("early", identity: hash("e1"), content: hash("e2"), modelStock(meanT: 0.4)),
        .merge("g", identity: hash("91"), content: hash("92"), modelStock(meanT: 0.5)),
        .merge("g2", identity: hash("21"), content: hash("22"), modelStock(meanT: 0.6)),
        .merge("final", identity: hash("f1"), content: hash("f2"), modelStock(
            meanT: TensorStatistic.parameterWeightedMeanT(of: finalStatistics), statistics: finalStatistics, document: finalDocument,
            template: "Mistral V3-Tekken", sampling: "temperature 1, smoothing factor 0.3"
        )),
    ]

    static let edges: [LineageEdge] = [
        LineageEdge(child: "early", parent: "org/Base-12B", role: .base, position: 0),
        LineageEdge(child: "early", parent: "org/FT-A", role: .ingredient, position: 1),
        LineageEdge(child: "early", parent: "org/FT-B", role: .ingredient, position: 2),
        LineageEdge(child: "early", parent: "org/Instruct-12B", role: .ingredient, position: 3),

        LineageEdge(child: "g", parent: "early", role: .base, position: 0),
        LineageEdge(child: "g", parent: "./models/ft-c", role: .ingredient, position: 1, weight: 1),
        LineageEdge(child: "g", parent: "org/FT-A", role: .ingredient, position: 2, weight: 2),
        LineageEdge(child: "g", parent: "org/lora-x", role: .adapter, position: 3, adapterTarget: 2),
        LineageEdge(child: "g", parent: "org/Instruct-12B", role: .ingredient, position: 4, weight: 1),

        LineageEdge(child: "g2", parent: "org/Instruct-12B", role: .base, position: 0),
        LineageEdge(child: "g2", parent: "./models/ft-c", role: .ingredient, position: 1, weight: 1),
        LineageEdge(child: "g2", parent: "org/FT-A", role: .ingredient, position: 2, weight: 2),
        LineageEdge(child: "g2", parent: "org/lora-x", role: .adapter, position: 3, adapterTarget: 2),
        LineageEdge(child: "g2", parent: "early", role: .ingredient, position: 4, weight: 1),

        LineageEdge(child: "final", parent: "org/Instruct-12B", role: .base, position: 0),
        LineageEdge(child: "final", parent: "g", role: .ingredient, position: 1),
        LineageEdge(child: "final", parent: "g2", role: .ingredient, position: 2),
        LineageEdge(child: "final", parent: "org/Base-12B", role: .ingredient, position: 3),
    ]
}

/// Fails with a line-by-line comparison when `actual` differs from `expected`.
func assertText(_ actual: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
    guard actual != expected else { return }
    let actualLines = actual.components(separatedBy: "\n")
    let expectedLines = expected.components(separatedBy: "\n")
    let index = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(actualLines.count, expectedLines.count)
    let got = index < actualLines.count ? actualLines[index] : "(end)"
    let expectedLine = index < expectedLines.count ? expectedLines[index] : "(end)"
    XCTFail("output differs at line \(index + 1):\n  got:      \(got)\n  expected: \(expectedLine)\nfull output:\n\(actual)", file: file, line: line)
}
