import Foundation
import SafeTensors

/// A synthetic family of models that share a base, like the fine-tunes of one open model:
/// `base`, `instruct` (the base plus a strong task vector of its own) and `ft1`...`ftN`, whose
/// task vectors share a common direction, so their pairwise cosines are about
/// `sharedFraction^2 / (sharedFraction^2 + (1 - sharedFraction^2))`, as with real fine-tunes.
struct ModelFamily: Sendable {
    var shape: MistralShape
    var fineTuneCount: Int
    var seed: UInt64 = 2407
    /// Standard deviation of the base's matrix entries; norms are 1 plus noise.
    var baseScale: Float = 0.02
    /// Size of a task vector relative to `baseScale`.
    var taskScale: Float = 0.1
    /// Weight of the common direction in each fine-tune's task vector (the rest is its own).
    var sharedFraction: Float = 0.6

    var memberNames: [String] {
        ["base", "instruct"] + (0..<fineTuneCount).map { "ft\($0 + 1)" }
    }

    /// Writes every member that is not complete yet into `directory/NAME`, and returns the
    /// names written. Output is deterministic: the same family writes the same bytes.
    func write(to directory: String, threads: Int, log: (String) -> Void) throws -> [String] {
        var written: [String] = []
        for (index, name) in memberNames.enumerated() {
            let path = (directory as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("config.json")) { continue }
            log("writing synthetic model \(name) (\(shape.parameterCount) parameters) to \(path)")
            try writeMember(index: index, to: path, threads: threads)
            written.append(name)
        }
        return written
    }

    private func writeMember(index member: Int, to path: String, threads: Int) throws {
        let temporary = path + ".partial"
        try? FileManager.default.removeItem(atPath: temporary)
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let tensors = shape.tensors
        let writer = try ShardedWeightsWriter(directory: temporary, tensors: tensors, maximumShardBytes: 2_000_000_000)
        do {
            for (tensorIndex, spec) in tensors.enumerated() {
                try writeTensor(spec, index: tensorIndex, member: member, writer: writer, threads: threads)
            }
            _ = try writer.finish()
        } catch {
            writer.abandon()
            throw error
        }
        try Data(shape.configJSON.prettyPrinted().utf8 + [0x0A]).write(to: URL(fileURLWithPath: temporary + "/config.json"))
        let generation = #"{"bos_token_id": 1, "eos_token_id": 2}"# + "\n"
        try Data(generation.utf8).write(to: URL(fileURLWithPath: temporary + "/generation_config.json"))
        try FileManager.default.moveItem(atPath: temporary, toPath: path)
    }

    /// Fills one tensor in row blocks spread over `threads`. Each element depends only on the
    /// seed, the tensor, the member and its index, so any thread count gives the same bytes.
    private func writeTensor(_ spec: TensorSpec, index tensorIndex: Int, member: Int, writer: ShardedWeightsWriter, threads: Int) throws {
        let isNorm = spec.shape.count == 1
        let tensorSeed = seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(tensorIndex) &* 0xBF58_476D_1CE4_E5B9
        let blockElements = 1 << 16
        let blockCount = (spec.elementCount + blockElements - 1) / blockElements
        let failure = FirstError()
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, blockCount))) { worker in
            var values = [Float](repeating: 0, count: blockElements)
            var encoded = [UInt8](repeating: 0, count: blockElements * 2)
            var block = worker
            while block < blockCount {
                let start = block * blockElements
                let count = min(blockElements, spec.elementCount - start)
                for offset in 0..<count {
                    values[offset] = value(at: UInt64(start + offset), tensorSeed: tensorSeed, member: member, isNorm: isNorm)
                }
                values.withUnsafeBufferPointer { source in
                    encoded.withUnsafeMutableBytes { destination in
                        Float32Conversion.encode(UnsafeBufferPointer(rebasing: source[0..<count]), as: .BF16, into: destination)
                    }
                }
                do {
                    try encoded.withUnsafeBytes { bytes in
                        try writer.write(UnsafeRawBufferPointer(rebasing: bytes[0..<(count * 2)]), tensorIndex: tensorIndex, byteOffset: start * 2)
                    }
                } catch {
                    failure.record(error)
                    return
                }
                block += threads
            }
        }
        if let error = failure.error { throw error }
    }

    /// Computes the value of element `index` of a tensor for family member `member` (0 base, 1 instruct,
    /// 2... fine-tunes): the base plus that member's task vector.
    @inline(__always)
    private func value(at index: UInt64, tensorSeed: UInt64, member: Int, isNorm: Bool) -> Float {
        let base = isNorm ? 1 + 0.05 * gaussian(tensorSeed, index, stream: 0) : baseScale * gaussian(tensorSeed, index, stream: 0)
        guard member > 0 else { return base }
        let scale = (isNorm ? 0.05 : baseScale) * taskScale
        if member == 1 {
            return base + 2 * scale * gaussian(tensorSeed, index, stream: 1)
        }
        let shared = gaussian(tensorSeed, index, stream: 2)
        let own = gaussian(tensorSeed, index, stream: UInt64(member + 1))
        let ownFraction = (1 - sharedFraction * sharedFraction).squareRoot()
        return base + scale * (sharedFraction * shared + ownFraction * own)
    }

    /// An approximately standard normal value from a counter-based hash (SplitMix64's
    /// finalizer) of the seed, the element index and the stream. The Irwin-Hall sum of four
    /// uniforms is close enough to Gaussian for synthetic weights.
    @inline(__always)
    private func gaussian(_ tensorSeed: UInt64, _ index: UInt64, stream: UInt64) -> Float {
        var z = tensorSeed &+ index &* 0x9E37_79B9_7F4A_7C15 &+ stream &* 0xD1B5_4A32_D192_ED03
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        let a = Float(z & 0xFFFF), b = Float((z >> 16) & 0xFFFF), c = Float((z >> 32) & 0xFFFF), d = Float(z >> 48)
        // Four uniforms on [0, 1) have mean 2 and variance 1/3: center and scale to unit variance.
        return ((a + b + c + d) / 65536 - 2) * 1.7320508
    }
}

/// The first error thrown by any worker thread.
final class FirstError: @unchecked Sendable {
    // @unchecked: `stored` is only touched under `lock`.
    private let lock = NSLock()
    private var stored: Error?

    func record(_ error: Error) {
        lock.lock()
        if stored == nil { stored = error }
        lock.unlock()
    }

    var error: Error? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
