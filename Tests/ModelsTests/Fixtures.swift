import Foundation
import XCTest

/// Builds small model directories and safetensors files for tests.
enum Fixtures {
    /// A fresh temporary directory, removed when the test ends.
    static func temporaryDirectory(_ test: XCTestCase) throws -> String {
        let path = NSTemporaryDirectory() + "pedigree-models-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    /// A tensor to write: name, dtype string, shape and raw bytes.
    struct Tensor {
        var name: String
        var dtype: String
        var shape: [Int]
        var bytes: [UInt8]
    }

    /// The bytes of a safetensors file holding `tensors` in the given order.
    static func safetensors(_ tensors: [Tensor], metadata: String? = #"{"format":"pt"}"#) -> [UInt8] {
        var entries: [String] = []
        if let metadata { entries.append(#""__metadata__":"# + metadata) }
        var offset = 0
        for tensor in tensors {
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append(#""\#(tensor.name)":{"dtype":"\#(tensor.dtype)","shape":[\#(shape)],"data_offsets":[\#(offset),\#(offset + tensor.bytes.count)]}"#)
            offset += tensor.bytes.count
        }
        var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        var file = withUnsafeBytes(of: UInt64(header.count).littleEndian) { Array($0) }
        file += header
        for tensor in tensors { file += tensor.bytes }
        return file
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Deterministic pseudo-random bytes (SplitMix64).
    static func bytes(count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        var output: [UInt8] = []
        output.reserveCapacity(count)
        while output.count < count {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            withUnsafeBytes(of: z) { output.append(contentsOf: $0.prefix(count - output.count)) }
        }
        return output
    }

    /// Four tensors of mixed dtypes used by several tests.
    static let sampleTensors: [Tensor] = [
        Tensor(name: "model.embed_tokens.weight", dtype: "BF16", shape: [8, 4], bytes: bytes(count: 64, seed: 1)),
        Tensor(name: "model.layers.0.mlp.up_proj.weight", dtype: "F32", shape: [4, 4], bytes: bytes(count: 64, seed: 2)),
        Tensor(name: "model.norm.weight", dtype: "F16", shape: [4], bytes: bytes(count: 8, seed: 3)),
        Tensor(name: "position_ids", dtype: "I64", shape: [1, 3], bytes: bytes(count: 24, seed: 4)),
    ]

    /// Writes `tensors` as shards named like Hugging Face's, with an index.
    static func writeSharded(_ tensors: [Tensor], shardCount: Int, to directory: String) throws {
        var weightMap: [String] = []
        for shard in 0..<shardCount {
            let name = String(format: "model-%05d-of-%05d.safetensors", shard + 1, shardCount)
            let part = Array(tensors[(tensors.count * shard / shardCount)..<(tensors.count * (shard + 1) / shardCount)])
            try write(safetensors(part), to: directory + "/" + name)
            weightMap += part.map { #""\#($0.name)": "\#(name)""# }
        }
        let index = #"{"metadata": {"total_size": 0}, "weight_map": {"# + weightMap.joined(separator: ", ") + "}}"
        try write(index, to: directory + "/model.safetensors.index.json")
    }

    /// The directory of the shared tiny parity models, found from this file's path.
    static var parityModels: String {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/parity/models").path
    }
}
