import Foundation
import Merging
import Models
import SafeTensors
import XCTest

/// Collects output tensors in memory (tests use tiny models only).
final class MemorySink: TensorSink, @unchecked Sendable {
    // @unchecked: `buffers` is guarded by `lock`.
    private let lock = NSLock()
    private var buffers: [[UInt8]]
    let outputs: [OutputTensor]

    init(outputs: [OutputTensor]) {
        self.outputs = outputs
        buffers = outputs.map { [UInt8](repeating: 0, count: $0.byteCount) }
    }

    func write(_ bytes: UnsafeRawBufferPointer, tensorIndex: Int, byteOffset: Int) throws {
        lock.lock()
        defer { lock.unlock() }
        buffers[tensorIndex].withUnsafeMutableBytes { target in
            target.baseAddress!.advanced(by: byteOffset).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        }
    }

    func bytes(of name: String) -> [UInt8] {
        buffers[outputs.firstIndex { $0.name == name }!]
    }

    /// Decodes the values of tensor `name` to Float32.
    func floats(of name: String) -> [Float] {
        let output = outputs.first { $0.name == name }!
        var values = [Float](repeating: 0, count: output.byteCount / output.dtype.size)
        bytes(of: name).withUnsafeBytes { raw in
            values.withUnsafeMutableBufferPointer { Float32Conversion.decode(raw, as: output.dtype, into: $0) }
        }
        return values
    }

    func sha256(of name: String) -> String {
        bytes(of: name).withUnsafeBytes { SHA256Hasher.hex(of: $0) }
    }

    /// Writes the collected tensors as one safetensors file (for inputs of later stages).
    func writeModel(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var entries: [String] = []
        var offset = 0
        for output in outputs {
            let shape = output.shape.map(String.init).joined(separator: ",")
            entries.append(#""\#(output.name)":{"dtype":"\#(output.dtype.rawValue)","shape":[\#(shape)],"data_offsets":[\#(offset),\#(offset + output.byteCount)]}"#)
            offset += output.byteCount
        }
        var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        var file = withUnsafeBytes(of: UInt64(header.count).littleEndian) { Array($0) }
        file += header
        for buffer in buffers { file += buffer }
        try Data(file).write(to: URL(fileURLWithPath: directory + "/model.safetensors"))
    }
}

/// Collects engine events from worker threads.
final class EventLog: @unchecked Sendable {
    // @unchecked: `events` is guarded by `lock`.
    private let lock = NSLock()
    private var events: [MergeEvent] = []

    var handler: @Sendable (MergeEvent) -> Void {
        { [self] event in
            lock.lock()
            events.append(event)
            lock.unlock()
        }
    }

    var warnings: [String] {
        lock.lock()
        defer { lock.unlock() }
        return events.compactMap { if case .warning(let text) = $0 { text } else { nil } }
    }
}

enum TestFiles {
    /// `shared/` beside the checkout, which holds the parity models and the LoRA fixtures
    /// (CI lays a copy there too).
    static let shared = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared").path

    /// Skips the test when a fixture is missing, except under CI (`CI` set), where that fails.
    static func requireFixture(_ path: String, _ what: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else { return }
        let message = "\(what) not found at \(path)"
        if ProcessInfo.processInfo.environment["CI"] != nil {
            XCTFail(message)
        }
        throw XCTSkip(message)
    }

    /// Creates a temporary directory that is removed when the test ends.
    static func temporaryDirectory(_ test: XCTestCase) throws -> String {
        let path = NSTemporaryDirectory() + "pedigree-merging-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    /// Writes a safetensors file of Float32 (or other dtype) tensors given as Float arrays.
    static func writeModel(_ tensors: [(name: String, dtype: DType, shape: [Int], values: [Float])], to directory: String) throws {
        let sink = MemorySink(outputs: tensors.map { OutputTensor(name: $0.name, dtype: $0.dtype, shape: $0.shape) })
        for (index, tensor) in tensors.enumerated() {
            var bytes = [UInt8](repeating: 0, count: tensor.values.count * tensor.dtype.size)
            bytes.withUnsafeMutableBytes { raw in
                tensor.values.withUnsafeBufferPointer { Float32Conversion.encode($0, as: tensor.dtype, into: raw) }
            }
            try bytes.withUnsafeBytes { try sink.write($0, tensorIndex: index, byteOffset: 0) }
        }
        try sink.writeModel(to: directory)
    }

    /// Runs `job` through a fresh engine into memory.
    static func merge(_ job: MergeJob, options: MergeOptions = MergeOptions(), log: EventLog = EventLog()) throws -> (MemorySink, [String: TensorStatistics]) {
        let engine = MergeEngine(options: options, handler: log.handler)
        let plan = try engine.plan(job)
        let sink = MemorySink(outputs: plan.outputs)
        let statistics = try engine.run(plan, into: sink)
        return (sink, statistics)
    }
}
