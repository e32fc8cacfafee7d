import Foundation
import XCTest
@testable import SafeTensors

final class WriterTests: XCTestCase {
    private var scratch: ScratchDirectory!

    override func setUpWithError() throws {
        scratch = try ScratchDirectory()
    }

    override func tearDown() {
        scratch.remove()
    }

    /// Makes one tensor per dtype with seeded random bytes, shapes including a scalar and an
    /// empty tensor.
    static func tensorsOfEveryDType(seed: UInt64 = 1) -> [(TensorSpec, [UInt8])] {
        var random = SplitMix64(seed: seed)
        let shapes: [[Int]] = [[3, 5], [7], [], [2, 0, 4], [4, 3, 2], [1, 9]]
        return DType.allCases.enumerated().map { number, dtype in
            let spec = TensorSpec(name: "layers.\(number).\(dtype.rawValue.lowercased())", dtype: dtype, shape: shapes[number % shapes.count])
            var bytes = random.bytes(spec.byteCount)
            if dtype == .BOOL { bytes = bytes.map { $0 & 1 } }
            return (spec, bytes)
        }
    }

    /// Writes `tensors` with a `ShardedWeightsWriter`, one `write` per tensor.
    @discardableResult
    static func writeSharded(_ tensors: [(TensorSpec, [UInt8])], to directory: String, maximumShardBytes: Int) throws -> [String] {
        let writer = try ShardedWeightsWriter(directory: directory, tensors: tensors.map(\.0), maximumShardBytes: maximumShardBytes)
        for (index, (_, bytes)) in tensors.enumerated() {
            try bytes.withUnsafeBytes { try writer.write($0, tensorIndex: index, byteOffset: 0) }
        }
        return try writer.finish()
    }

    /// Reads every tensor's bytes by name, through the index when there is one.
    static func readModel(in directory: String) throws -> [String: (TensorInfo, [UInt8])] {
        let indexPath = directory + "/" + ShardLayout.indexFileName
        var files = [ShardLayout.singleFileName]
        if FileManager.default.fileExists(atPath: indexPath) {
            let index = try JSONParser.parse(String(contentsOfFile: indexPath, encoding: .utf8))
            let weightMap = try XCTUnwrap(index.objectValue?["weight_map"]?.objectValue)
            files = Array(Set(weightMap.members.compactMap(\.value.stringValue))).sorted()
        }
        var tensors: [String: (TensorInfo, [UInt8])] = [:]
        for name in files {
            let file = try SafeTensorsFile(path: directory + "/" + name)
            XCTAssertEqual(file.metadata, ["format": "pt"])
            for tensor in file.tensors {
                XCTAssertNil(tensors[tensor.name], "\(tensor.name) appears twice")
                tensors[tensor.name] = (tensor, file.withBytes(of: tensor) { Array($0) })
            }
        }
        return tensors
    }

    private func assertModel(in directory: String, equals tensors: [(TensorSpec, [UInt8])], file: StaticString = #filePath, line: UInt = #line) throws {
        let read = try Self.readModel(in: directory)
        XCTAssertEqual(read.count, tensors.count, file: file, line: line)
        for (spec, bytes) in tensors {
            let (info, readBytes) = try XCTUnwrap(read[spec.name], spec.name, file: file, line: line)
            XCTAssertEqual(TensorSpec(info), spec, file: file, line: line)
            XCTAssertEqual(readBytes, bytes, spec.name, file: file, line: line)
        }
    }

    // MARK: - Round trips

    func testRoundTripEveryDTypeSingleFile() throws {
        let tensors = Self.tensorsOfEveryDType()
        try SafeTensorsWriter.write(tensors: tensors, to: scratch.file(ShardLayout.singleFileName))
        try assertModel(in: scratch.path, equals: tensors)
        XCTAssertEqual(try scratch.listing(), [ShardLayout.singleFileName])
    }

    func testRoundTripEveryDTypeSharded() throws {
        let tensors = Self.tensorsOfEveryDType()
        let names = try Self.writeSharded(tensors, to: scratch.path, maximumShardBytes: 64)
        XCTAssertGreaterThan(names.count, 2)
        XCTAssertEqual(names.last, ShardLayout.indexFileName)
        XCTAssertEqual(try scratch.listing(), names.sorted())
        try assertModel(in: scratch.path, equals: tensors)
    }

    func testShardedWriterAndSingleFileWriterAgree() throws {
        let tensors = Self.tensorsOfEveryDType()
        let sharded = try ScratchDirectory()
        defer { sharded.remove() }
        XCTAssertEqual(try Self.writeSharded(tensors, to: sharded.path, maximumShardBytes: 1 << 30), [ShardLayout.singleFileName])
        try SafeTensorsWriter.write(tensors: tensors, to: scratch.file("single.safetensors"))
        XCTAssertEqual(try sharded.read(ShardLayout.singleFileName), try scratch.read("single.safetensors"))
    }

    func testReshardingOneToThreeAndBackKeepsBytes() throws {
        let tensors = (0..<6).map { number -> (TensorSpec, [UInt8]) in
            var random = SplitMix64(seed: UInt64(number))
            let spec = TensorSpec(name: "model.layers.\(number).weight", dtype: .BF16, shape: [4, 5])
            return (spec, random.bytes(spec.byteCount))
        }
        let one = try ScratchDirectory(), three = try ScratchDirectory(), back = try ScratchDirectory()
        defer { [one, three, back].forEach { $0.remove() } }

        try Self.writeSharded(tensors, to: one.path, maximumShardBytes: .max)
        let original = try SafeTensorsFile(path: one.file(ShardLayout.singleFileName))
        let reread = original.tensors.map { (TensorSpec($0), original.withBytes(of: $0) { Array($0) }) }

        // 40 bytes per tensor and 80 per shard: three shards of two tensors.
        let names = try Self.writeSharded(reread, to: three.path, maximumShardBytes: 80)
        XCTAssertEqual(names, [
            "model-00001-of-00003.safetensors", "model-00002-of-00003.safetensors",
            "model-00003-of-00003.safetensors", "model.safetensors.index.json",
        ])
        try assertModel(in: three.path, equals: tensors)

        let fromThree = try Self.readModel(in: three.path)
        let ordered = tensors.map { spec, _ in (spec, fromThree[spec.name]!.1) }
        try Self.writeSharded(ordered, to: back.path, maximumShardBytes: .max)
        XCTAssertEqual(try back.read(ShardLayout.singleFileName), try one.read(ShardLayout.singleFileName))
    }

    // MARK: - Bytes on disk

    func testHeaderBytesAreExact() throws {
        let tensors: [(TensorSpec, [UInt8])] = [
            (TensorSpec(name: "b", dtype: .BF16, shape: [2, 1]), [1, 2, 3, 4]),
            (TensorSpec(name: "a\"q", dtype: .U8, shape: []), [9]),
        ]
        try SafeTensorsWriter.write(tensors: tensors, to: scratch.file("exact.safetensors"))
        let header = #"{"__metadata__":{"format":"pt"},"b":{"dtype":"BF16","shape":[2,1],"data_offsets":[0,4]},"a\"q":{"dtype":"U8","shape":[],"data_offsets":[4,5]}}"#
        let padded = header + String(repeating: " ", count: (8 - header.utf8.count % 8) % 8)
        XCTAssertEqual(padded.utf8.count % 8, 0)
        XCTAssertEqual(try scratch.read("exact.safetensors"), safetensorsBytes(header: padded, data: [1, 2, 3, 4, 9]))
    }

    func testHeaderIsPaddedToEightBytes() throws {
        for length in 1...16 {
            let name = String(repeating: "x", count: length)
            try SafeTensorsWriter.write(tensors: [(TensorSpec(name: name, dtype: .U8, shape: [1]), [0])], to: scratch.file("\(length).safetensors"))
            let bytes = try scratch.read("\(length).safetensors")
            let headerLength = Int(bytes[0..<8].withUnsafeBytes { $0.loadUnaligned(as: UInt64.self).littleEndian })
            XCTAssertEqual(headerLength % 8, 0, "name length \(length)")
            let header = String(decoding: bytes[8..<(8 + headerLength)], as: UTF8.self)
            XCTAssertTrue(header.hasPrefix(#"{"__metadata__":{"format":"pt"},""#), header)
            let unpadded = header.replacingOccurrences(of: " ", with: "")
            XCTAssertTrue(unpadded.hasSuffix("}}"), header)
            XCTAssertLessThan(header.utf8.count - unpadded.utf8.count, 8, header)
        }
    }

    func testOutputIsByteDeterministic() throws {
        let tensors = Self.tensorsOfEveryDType(seed: 5)
        let first = try ScratchDirectory(), second = try ScratchDirectory()
        defer { first.remove(); second.remove() }
        let names = try Self.writeSharded(tensors, to: first.path, maximumShardBytes: 100)
        XCTAssertEqual(try Self.writeSharded(tensors, to: second.path, maximumShardBytes: 100), names)
        for name in names {
            XCTAssertEqual(try first.read(name), try second.read(name), name)
        }
    }

    func testIndexOnlyForSeveralShards() throws {
        let tensors: [(TensorSpec, [UInt8])] = [
            (TensorSpec(name: "z.weight", dtype: .F32, shape: [2]), [UInt8](repeating: 1, count: 8)),
            (TensorSpec(name: "a.weight", dtype: .F16, shape: [3]), [UInt8](repeating: 2, count: 6)),
            (TensorSpec(name: "m.bias", dtype: .I64, shape: [1]), [UInt8](repeating: 3, count: 8)),
        ]
        XCTAssertEqual(try Self.writeSharded(tensors, to: scratch.path, maximumShardBytes: 22), [ShardLayout.singleFileName])
        XCTAssertEqual(try scratch.listing(), [ShardLayout.singleFileName])

        let sharded = try ScratchDirectory()
        defer { sharded.remove() }
        XCTAssertEqual(try Self.writeSharded(tensors, to: sharded.path, maximumShardBytes: 14), [
            "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors", ShardLayout.indexFileName,
        ])
        let index = String(decoding: try sharded.read(ShardLayout.indexFileName), as: UTF8.self)
        XCTAssertEqual(index, """
            {
              "metadata": {
                "total_size": 22
              },
              "weight_map": {
                "a.weight": "model-00001-of-00002.safetensors",
                "m.bias": "model-00002-of-00002.safetensors",
                "z.weight": "model-00001-of-00002.safetensors"
              }
            }

            """)
    }

    func testParallelWritesMatchSequentialWrites() throws {
        var random = SplitMix64(seed: 42)
        let tensors = (0..<8).map { number -> (TensorSpec, [UInt8]) in
            let spec = TensorSpec(name: "t\(number)", dtype: .F32, shape: [64 + number, 33])
            return (spec, random.bytes(spec.byteCount))
        }
        let sequential = try ScratchDirectory()
        defer { sequential.remove() }
        let names = try Self.writeSharded(tensors, to: sequential.path, maximumShardBytes: 30_000)
        XCTAssertEqual(names.count, 4)

        // Every tensor in chunks of 100 bytes (the last one shorter), written in a shuffled order
        // from several threads.
        var chunks: [(tensor: Int, offset: Int)] = []
        for (index, (spec, _)) in tensors.enumerated() {
            chunks += stride(from: 0, to: spec.byteCount, by: 100).map { (index, $0) }
        }
        chunks.shuffle(using: &random)
        let shuffled = chunks
        let writer = try ShardedWeightsWriter(directory: scratch.path, tensors: tensors.map(\.0), maximumShardBytes: 30_000)
        let failures = FailureList()
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for chunk in shuffled[(shuffled.count * worker / 4)..<(shuffled.count * (worker + 1) / 4)] {
                let bytes = tensors[chunk.tensor].1
                let end = min(chunk.offset + 100, bytes.count)
                do {
                    try bytes[chunk.offset..<end].withUnsafeBytes { try writer.write($0, tensorIndex: chunk.tensor, byteOffset: chunk.offset) }
                } catch {
                    failures.append("\(error)")
                }
            }
        }
        XCTAssertEqual(failures.all, [])
        XCTAssertEqual(try writer.finish(), names)
        for name in names {
            XCTAssertEqual(try scratch.read(name), try sequential.read(name), name)
        }
    }

    // MARK: - Layout

    func testPlanSplitsAtTheLimit() {
        let sizes = [4, 4, 4, 20, 0, 4, 8]
        let specs = sizes.enumerated().map { TensorSpec(name: "t\($0.offset)", dtype: .U8, shape: [$0.element]) }
        let layout = ShardLayout.plan(tensors: specs, maximumShardBytes: 8)
        XCTAssertEqual(layout.shards.map { $0.tensors.map(\.tensor.name) }, [["t0", "t1"], ["t2"], ["t3"], ["t4", "t5"], ["t6"]])
        XCTAssertEqual(layout.shards.map { $0.tensors.map(\.dataOffsets) }, [[0..<4, 4..<8], [0..<4], [0..<20], [0..<0, 0..<4], [0..<8]])
        XCTAssertEqual(layout.shards.map(\.dataSize), [8, 4, 20, 4, 8])
        XCTAssertEqual(layout.shards.map(\.fileName), (1...5).map { "model-0000\($0)-of-00005.safetensors" })
        XCTAssertEqual(layout.locations.map(\.shard), [0, 0, 1, 2, 3, 3, 4])
        XCTAssertEqual(layout.locations.map(\.position), [0, 1, 0, 0, 0, 1, 0])
        XCTAssertEqual(layout.totalSize, 44)
    }

    func testPlanWithoutTensorsGivesOneEmptyFile() {
        let layout = ShardLayout.plan(tensors: [], maximumShardBytes: 8)
        XCTAssertEqual(layout.shards, [ShardLayout.Shard(fileName: "model.safetensors", tensors: [], dataSize: 0)])
    }

    func testShardFileNames() {
        XCTAssertEqual(ShardLayout.shardFileName(number: 2, of: 3), "model-00002-of-00003.safetensors")
        XCTAssertEqual(ShardLayout.shardFileName(number: 12, of: 163), "model-00012-of-00163.safetensors")
        XCTAssertEqual(ShardLayout.shardFileName(number: 1, of: 123_456), "model-00001-of-123456.safetensors")
    }

    // MARK: - Errors and cleanup

    func testRejectsDuplicateAndReservedNames() {
        let spec = TensorSpec(name: "w", dtype: .U8, shape: [1])
        XCTAssertThrowsError(try ShardedWeightsWriter(directory: scratch.path, tensors: [spec, spec])) { error in
            XCTAssertEqual(error as? SafeTensorsWriterError, SafeTensorsWriterError(destination: scratch.path, kind: .duplicateTensorName("w")))
            XCTAssertEqual("\(error)", "\(scratch.path): cannot write safetensors: tensor name \"w\" appears more than once; give each tensor a unique name")
        }
        let reserved = TensorSpec(name: "__metadata__", dtype: .U8, shape: [1])
        XCTAssertThrowsError(try SafeTensorsWriter.write(tensors: [(reserved, [0])], to: scratch.file("r.safetensors"))) { error in
            XCTAssertEqual((error as? SafeTensorsWriterError)?.kind, .reservedTensorName("__metadata__"))
        }
        XCTAssertEqual(try scratch.listing(), [])
    }

    func testRejectsWrongByteCount() {
        let spec = TensorSpec(name: "w", dtype: .F32, shape: [2])
        XCTAssertThrowsError(try SafeTensorsWriter.write(tensors: [(spec, [1, 2, 3])], to: scratch.file("w.safetensors"))) { error in
            XCTAssertEqual(
                "\(error)",
                "\(scratch.file("w.safetensors")): cannot write safetensors: tensor \"w\" needs 8 bytes for its shape and dtype, but 3 were given")
        }
    }

    func testWriteChecksIndexAndBounds() throws {
        let writer = try ShardedWeightsWriter(directory: scratch.path, tensors: [TensorSpec(name: "w", dtype: .F32, shape: [2])])
        defer { writer.abandon() }
        let four: [UInt8] = [1, 2, 3, 4]
        try four.withUnsafeBytes { bytes in
            XCTAssertThrowsError(try writer.write(bytes, tensorIndex: 1, byteOffset: 0)) { error in
                XCTAssertEqual((error as? SafeTensorsWriterError)?.kind, .tensorIndexOutOfRange(index: 1, tensorCount: 1))
            }
            XCTAssertThrowsError(try writer.write(bytes, tensorIndex: 0, byteOffset: 5)) { error in
                XCTAssertEqual(
                    "\(error)",
                    "\(scratch.path): cannot write safetensors: writing 4 bytes at byte 5 of tensor \"w\" overruns its 8 bytes")
            }
            XCTAssertThrowsError(try writer.write(bytes, tensorIndex: 0, byteOffset: -1))
            XCTAssertThrowsError(try writer.write(bytes, tensorIndex: 0, byteOffset: .max))
            try writer.write(bytes, tensorIndex: 0, byteOffset: 4)
        }
    }

    func testFinishRejectsIncompleteTensor() throws {
        let writer = try ShardedWeightsWriter(directory: scratch.path, tensors: [TensorSpec(name: "w", dtype: .F32, shape: [2])])
        try [UInt8](repeating: 1, count: 4).withUnsafeBytes { try writer.write($0, tensorIndex: 0, byteOffset: 0) }
        XCTAssertThrowsError(try writer.finish()) { error in
            XCTAssertEqual(
                "\(error)",
                "\(scratch.file(".model.safetensors.partial")): cannot write safetensors: tensor \"w\" got 4 of its 8 bytes; write every byte once before finish()")
        }
        XCTAssertEqual(try scratch.listing(), [".model.safetensors.partial"])
        writer.abandon()
        XCTAssertEqual(try scratch.listing(), [])
    }

    func testTemporaryNamesUntilFinishThenClosed() throws {
        let specs = [TensorSpec(name: "a", dtype: .U8, shape: [3]), TensorSpec(name: "b", dtype: .U8, shape: [3])]
        let writer = try ShardedWeightsWriter(directory: scratch.path, tensors: specs, maximumShardBytes: 3)
        XCTAssertEqual(try scratch.listing(), [".model-00001-of-00002.safetensors.partial", ".model-00002-of-00002.safetensors.partial"])
        for index in 0..<2 {
            try [UInt8](repeating: 5, count: 3).withUnsafeBytes { try writer.write($0, tensorIndex: index, byteOffset: 0) }
        }
        XCTAssertEqual(try writer.finish().sorted(), try scratch.listing())
        XCTAssertThrowsError(try writer.finish()) { error in
            XCTAssertEqual((error as? SafeTensorsWriterError)?.kind, .writerClosed)
        }
        XCTAssertThrowsError(try [UInt8](repeating: 5, count: 3).withUnsafeBytes { try writer.write($0, tensorIndex: 0, byteOffset: 0) })
        writer.abandon()
        XCTAssertEqual(try scratch.listing().count, 3)
    }

    func testAbandonAndDeinitRemoveTemporaryFiles() throws {
        let specs = [TensorSpec(name: "a", dtype: .U8, shape: [3]), TensorSpec(name: "b", dtype: .U8, shape: [3])]
        let writer = try ShardedWeightsWriter(directory: scratch.path, tensors: specs, maximumShardBytes: 3)
        writer.abandon()
        XCTAssertEqual(try scratch.listing(), [])
        XCTAssertThrowsError(try writer.finish())

        var dropped: ShardedWeightsWriter? = try ShardedWeightsWriter(directory: scratch.path, tensors: specs)
        XCTAssertEqual(try scratch.listing(), [".model.safetensors.partial"])
        XCTAssertNotNil(dropped)
        dropped = nil
        XCTAssertEqual(try scratch.listing(), [])
    }

    func testMissingDirectoryNamesThePath() {
        let directory = scratch.file("absent")
        XCTAssertThrowsError(try ShardedWeightsWriter(directory: directory, tensors: [])) { error in
            XCTAssertEqual("\(error)", "open failed for \(directory)/.model.safetensors.partial: No such file or directory")
        }
    }
}

/// Error messages collected from several threads.
private final class FailureList: @unchecked Sendable {
    // @unchecked: `lock` guards `messages`.
    private let lock = NSLock()
    private var messages: [String] = []

    func append(_ message: String) {
        lock.withLock { messages.append(message) }
    }

    var all: [String] { lock.withLock { messages } }
}
