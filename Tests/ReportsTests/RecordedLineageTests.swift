import Foundation
import Lineage
import XCTest

@testable import Reports

final class RecordedLineageTests: XCTestCase {
    private var directory = ""
    private var store: LineageStore!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "pedigree-reports-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try LineageStore(path: directory + "/lineage.db")
    }

    override func tearDownWithError() throws {
        store = nil
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func hash(_ pair: String) -> String { SampleLineage.hash(pair) }

    /// Writes a safetensors file of F32 zeros with the given tensor shapes, in `folder`.
    private func writeModel(_ folder: String, tensors: [(String, [Int])]) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var entries: [String] = []
        var offset = 0
        for (name, shape) in tensors {
            let size = shape.reduce(1, *) * 4
            entries.append("\"\(name)\":{\"dtype\":\"F32\",\"shape\":[\(shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + size)]}")
            offset += size
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        var bytes = withUnsafeBytes(of: UInt64(header.count).littleEndian, Array.init)
        bytes += header + [UInt8](repeating: 0, count: offset)
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/model.safetensors"))
        try Data("{}".utf8).write(to: URL(fileURLWithPath: folder + "/config.json"))
    }

    private func definition(_ name: String, identity: String, method: String = "model_stock") -> MergeDefinition {
        MergeDefinition(
            identityHash: identity, name: name, method: method, semantics: .pedigree,
            parametersJSON: #"{"filter_wise":false}"#, recipePath: "r.yaml",
            recipeDocument: "name: \(name)\npedigree:\n  template: chatml\n  sampling: {temperature: 0.7, min_p: 0.05}\n",
            canonicalJSON: #"{"dtype":"float32","out_dtype":"bfloat16"}"#
        )
    }

    private func build(_ merge: MergeRecord, content: String, artifactPath: String, stats: [TensorStat]) throws {
        try store.markRunning(mergeID: merge.id, engineVersion: "test", inputContentHashes: [0: hash("b0")])
        try store.markDone(mergeID: merge.id, artifact: BuiltArtifact(
            path: artifactPath, contentHash: content, tensorCount: 2, parameterCount: 40, dtype: "F32",
            identityHash: merge.identityHash, files: []))
        try store.recordTensorStats(mergeID: merge.id, stats)
    }

    /// base-12b and ft-a from the Hub, ft-c a local folder, lora-x an adapter; `early` built,
    /// `g` (base early, ft-a with the adapter, ft-c) pending.
    private func recordFamily() throws {
        let base = try store.upsertModel(name: "org/Base-12B", kind: .source, locator: "/hub/base", revision: "abc", isPinned: true)
        let ftA = try store.upsertModel(name: "org/FT-A", kind: .source, locator: "hf:org/FT-A", revision: "main")
        let ftC = try store.upsertModel(name: "/models/ft-c", kind: .source, locator: "/models/ft-c", isPinned: true)
        let lora = try store.upsertModel(name: "org/lora-x", kind: .adapter, locator: "hf:org/lora-x", revision: "main")

        let early = try store.insertMerge(definition("early", identity: hash("e1")), inputs: [
            MergeInput(position: 0, role: .base, source: .model(id: base.id), inputIdentity: hash("b0")),
            MergeInput(position: 1, role: .ingredient, source: .model(id: ftA.id), weight: 1, parametersJSON: #"{"weight":1}"#,
                       inputIdentity: "hf:org/FT-A@main"),
            MergeInput(position: 2, role: .ingredient, source: .model(id: ftC.id), weight: 1, inputIdentity: hash("fc")),
        ])
        try writeModel(directory + "/artifacts/e1", tensors: [("model.layers.0.mlp.up_proj.weight", [2, 5]), ("model.embed_tokens.weight", [6, 5])])
        try build(early, content: hash("e2"), artifactPath: "artifacts/e1", stats: [
            TensorStat(tensor: "model.layers.0.mlp.up_proj.weight", t: 0.8, meanCosine: 0.5, minCosine: 0.4, maxCosine: 0.6),
            TensorStat(tensor: "model.embed_tokens.weight", t: 0.4, meanCosine: 0.2, minCosine: 0.1, maxCosine: 0.3),
        ])
        _ = try store.insertMerge(definition("g", identity: hash("91")), inputs: [
            MergeInput(position: 0, role: .base, source: .merge(id: early.id), inputIdentity: hash("e1")),
            MergeInput(position: 1, role: .ingredient, source: .model(id: ftA.id), weight: 2, parametersJSON: #"{"density":0.5,"weight":2}"#,
                       inputIdentity: "hf:org/FT-A@main"),
            MergeInput(position: 2, role: .adapter, source: .model(id: lora.id), adapterTarget: 1, inputIdentity: "hf:org/lora-x@main"),
            MergeInput(position: 3, role: .ingredient, source: .model(id: ftC.id), weight: 1, inputIdentity: hash("fc")),
        ])
    }

    private func graph(_ names: [String]) throws -> LineageGraph {
        try RecordedLineage.graph(store: store, databasePath: directory + "/lineage.db", around: names)
    }

    func testNodesFromRecords() throws {
        try recordFamily()
        let graph = try graph(["g"])
        XCTAssertEqual(graph.source, .recorded(database: directory + "/lineage.db"))
        XCTAssertEqual(graph.nodes.map(\.name), ["org/Base-12B", "org/FT-A", "/models/ft-c", "org/lora-x", "early", "g"])
        XCTAssertEqual(graph.nodes.map(\.kind), [.source, .source, .source, .adapter, .merge, .merge])
        XCTAssertEqual(graph.nodes.map(\.hubID), ["org/Base-12B", "org/FT-A", nil, "org/lora-x", nil, nil])
        XCTAssertEqual(graph.node(named: "org/Base-12B")?.contentHash, hash("b0"))
        XCTAssertNil(graph.node(named: "org/FT-A")?.contentHash)
        XCTAssertEqual(graph.node(named: "org/FT-A")?.identityHash, "hf:org/FT-A@main")
    }

    func testBuiltMergeDetails() throws {
        try recordFamily()
        let early = try XCTUnwrap(try graph(["early"]).node(named: "early"))
        XCTAssertEqual(early.identityHash, hash("e1"))
        XCTAssertEqual(early.contentHash, hash("e2"))
        let details = try XCTUnwrap(early.merge)
        XCTAssertEqual(details.state, .built)
        XCTAssertEqual(details.methodDisplayName, "Model Stock")
        XCTAssertEqual(details.paper?.url, "https://arxiv.org/abs/2403.19522")
        XCTAssertEqual(details.dtype, "float32")
        XCTAssertEqual(details.outDType, "bfloat16")
        XCTAssertEqual(details.templateNote, "chatml")
        XCTAssertEqual(details.samplingNote, "temperature: 0.7, min_p: 0.05")
        XCTAssertNil(details.notes)
        XCTAssertEqual(details.tensorStatistics.map(\.tensor), ["model.embed_tokens.weight", "model.layers.0.mlp.up_proj.weight"])
        XCTAssertEqual(details.tensorStatistics.map(\.elementCount), [30, 10])
        // (0.8 * 10 + 0.4 * 30) / 40
        XCTAssertEqual(try XCTUnwrap(details.meanT), 0.5, accuracy: 1e-12)
        XCTAssertNotNil(details.timings)
    }

    func testEdgesFromInputs() throws {
        try recordFamily()
        let graph = try graph(["g"])
        XCTAssertEqual(graph.inputs(of: "g").map(\.parent), ["early", "org/FT-A", "org/lora-x", "/models/ft-c"])
        let ingredient = graph.inputs(of: "g")[1]
        XCTAssertEqual(ingredient.weight, 2)
        XCTAssertEqual(ingredient.parameters, JSONObjectFixture.density)
        XCTAssertEqual(graph.inputs(of: "g")[2].adapterTarget, 1)
        XCTAssertEqual(graph.node(named: "g")?.merge?.state, .declared)
    }

    func testModelSeedIncludesDownstream() throws {
        try recordFamily()
        let usedBy = try graph(["/models/ft-c"]).usedBy("/models/ft-c")
        XCTAssertEqual(usedBy.merges.map(\.name), ["early", "g"])
        XCTAssertEqual(usedBy.merges.map(\.depth), [1, 1])
    }

    func testRebuiltMergeKeepsOlderRowApart() throws {
        try recordFamily()
        let ftC = try XCTUnwrap(try store.model(named: "/models/ft-c"))
        _ = try store.insertMerge(definition("early", identity: hash("e3")), inputs: [
            MergeInput(position: 0, role: .base, source: .model(id: ftC.id), inputIdentity: hash("fc")),
        ])
        let graph = try graph(["early", "g"])
        XCTAssertEqual(graph.inputs(of: "g").first?.parent, "early@e1e1e1e1e1e1")
        XCTAssertEqual(graph.node(named: "early")?.identityHash, hash("e3"))
    }

    func testUnknownNameSaysHowToFix() throws {
        XCTAssertThrowsError(try graph(["nothing"])) { error in
            XCTAssertEqual("\(error)", "no merge or model named 'nothing' is recorded in \(directory)/lineage.db; check the name, "
                + "build it with `pedigree run`, or give --recipe FILE to show the declared graph")
        }
    }
}

import SafeTensors

enum JSONObjectFixture {
    static let density = JSONObject(["density": .number("0.5")])
}
