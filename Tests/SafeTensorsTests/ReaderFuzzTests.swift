import Foundation
import XCTest
@testable import SafeTensors

/// Random and hostile input never crashes the reader: each file either opens with a layout
/// that tiles its data section, or throws `SafeTensorsError` or `SystemCallError`.
final class ReaderFuzzTests: XCTestCase {
    private var scratch: ScratchDirectory!

    override func setUpWithError() throws {
        scratch = try ScratchDirectory()
    }

    override func tearDown() {
        scratch.remove()
    }

    private enum Outcome: Equatable {
        case opened(tensorCount: Int)
        case rejected(SafeTensorsError.Kind)
    }

    /// Opens the file at `path`; when it opens, checks that its tensors tile the data section
    /// and touches every tensor's first and last byte.
    private func outcome(ofOpening path: String, file: StaticString = #filePath, line: UInt = #line) throws -> Outcome {
        let opened: SafeTensorsFile
        do {
            opened = try SafeTensorsFile(path: path)
        } catch let error as SafeTensorsError {
            return .rejected(error.kind)
        }
        var end = 0
        for tensor in opened.tensors {
            XCTAssertEqual(tensor.dataOffsets.lowerBound, end, path, file: file, line: line)
            end = tensor.dataOffsets.upperBound
            XCTAssertEqual(tensor.byteCount, tensor.elementCount * tensor.dtype.size, path, file: file, line: line)
            opened.withBytes(of: tensor) { bytes in
                _ = bytes.first.map { $0 ^ bytes[bytes.count - 1] }
            }
        }
        XCTAssertEqual(opened.dataStart + end, opened.fileSize, path, file: file, line: line)
        return .opened(tensorCount: opened.tensors.count)
    }

    // MARK: - Seeded random input

    func testRandomByteStringsNeverCrash() throws {
        var random = SplitMix64(seed: 11)
        var rejected = 0
        for _ in 0..<1500 {
            let count = Int(random.next() % 200)
            var bytes = random.bytes(count)
            // Half the strings get a length prefix that fits, so the header parser runs too.
            if count >= 8 && random.next() % 2 == 0 {
                let length = UInt64(random.next() % UInt64(count - 7))
                withUnsafeBytes(of: length.littleEndian) { bytes.replaceSubrange(0..<8, with: $0) }
            }
            let path = try scratch.write(bytes, to: "random.safetensors")
            if case .rejected = try outcome(ofOpening: path) { rejected += 1 }
        }
        XCTAssertGreaterThan(rejected, 1400)
    }

    /// Valid files of several kinds, written by the writer, as seeds for mutation.
    private func validFiles() throws -> [[UInt8]] {
        var files: [[UInt8]] = []
        let layouts: [[(TensorSpec, [UInt8])]] = [
            WriterTests.tensorsOfEveryDType(seed: 3),
            [(TensorSpec(name: "embed.weight", dtype: .BF16, shape: [3, 4]), [UInt8](repeating: 0x3F, count: 24))],
            [(TensorSpec(name: "scalar", dtype: .F64, shape: []), [0, 0, 0, 0, 0, 0, 0xF0, 0x3F]),
             (TensorSpec(name: "empty", dtype: .I32, shape: [0, 3]), [])],
            [],
        ]
        for (number, tensors) in layouts.enumerated() {
            try SafeTensorsWriter.write(tensors: tensors, to: scratch.file("seed\(number).safetensors"))
            files.append(try scratch.read("seed\(number).safetensors"))
        }
        return files
    }

    /// Characters that move a JSON header between its structural states.
    private static let jsonBytes = Array(#"{}[]",:-.e0123456789 "#.utf8) + [0, 0x80, 0xFF]

    /// Applies one to four random edits, most of them inside the header.
    private func mutate(_ original: [UInt8], using random: inout SplitMix64) -> [UInt8] {
        var bytes = original
        let headerLength = Int(original.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) } & 0xFFFF)
        for _ in 0...(random.next() % 4) {
            guard !bytes.isEmpty else { break }
            let headerEnd = min(bytes.count, 8 + headerLength)
            let anywhere = Int(random.next() % UInt64(bytes.count))
            let inHeader = headerEnd > 8 ? 8 + Int(random.next() % UInt64(headerEnd - 8)) : anywhere
            switch random.next() % 8 {
            case 0: bytes[anywhere] ^= UInt8(1 << (random.next() % 8))
            case 1: bytes[inHeader] = Self.jsonBytes[Int(random.next() % UInt64(Self.jsonBytes.count))]
            case 2: bytes.insert(Self.jsonBytes[Int(random.next() % UInt64(Self.jsonBytes.count))], at: inHeader)
            case 3: bytes.remove(at: inHeader)
            case 4: bytes.removeLast(Int(random.next() % UInt64(min(bytes.count, 16))) + 1)
            case 5: bytes.append(contentsOf: random.bytes(Int(random.next() % 9)))
            case 6: bytes[Int(random.next() % 8) % bytes.count] = UInt8(truncatingIfNeeded: random.next())
            default:
                // Copy a run of the header over another place in it (moves names, numbers, keys).
                let length = Int(random.next() % 12)
                let source = inHeader
                let target = headerEnd > 8 ? 8 + Int(random.next() % UInt64(headerEnd - 8)) : anywhere
                let run = Array(bytes[source..<min(source + length, bytes.count)])
                bytes.replaceSubrange(target..<min(target + run.count, bytes.count), with: run)
            }
        }
        return bytes
    }

    /// Random JSON values, from scalars to values that overflow or nest.
    private func randomValue(using random: inout SplitMix64) -> JSONValue {
        switch random.next() % 8 {
        case 0: return .null
        case 1: return .integer(Int(random.next() % 64))
        case 2: return .number("9223372036854775807")
        case 3: return .number("-\(random.next() % 4)")
        case 4: return .string(["F32", "BF16", "x", "", "__metadata__"][Int(random.next() % 5)])
        case 5: return .array([.integer(Int(random.next() % 16))])
        case 6: return .object(JSONObject(["k": .string("v")]))
        default: return .bool(true)
        }
    }

    /// Edits the parsed header of a valid file the way a buggy writer might (shifted offsets,
    /// a reused name, a dropped tensor, a replaced value) and writes it back with the data.
    private func mutateHeader(_ original: [UInt8], using random: inout SplitMix64) throws -> [UInt8] {
        let headerLength = Int(original.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
        guard case .object(var root) = try original[8..<(8 + headerLength)].withUnsafeBytes({ try JSONParser.parse($0) }),
              !root.members.isEmpty else { return original }
        let member = Int(random.next() % UInt64(root.members.count))
        switch random.next() % 6 {
        case 0:
            let delta = Int(random.next() % 17) - 8
            if case .object(var entry) = root.members[member].value, let offsets = entry["data_offsets"]?.arrayValue,
               let begin = offsets.first?.intValue, let end = offsets.last?.intValue {
                entry["data_offsets"] = .array([.integer(begin + delta), .integer(end + delta)])
                root.members[member].value = .object(entry)
            }
        case 1:
            root.members[member].key = root.members[Int(random.next() % UInt64(root.members.count))].key
        case 2:
            root.members.remove(at: member)
        case 3:
            if case .object(var entry) = root.members[member].value {
                let field = ["dtype", "shape", "data_offsets"][Int(random.next() % 3)]
                entry[field] = randomValue(using: &random)
                root.members[member].value = .object(entry)
            }
        case 4:
            if case .object(var entry) = root.members[member].value, var shape = entry["shape"]?.arrayValue, !shape.isEmpty {
                shape[Int(random.next() % UInt64(shape.count))] = .number("4611686018427387904")
                entry["shape"] = .array(shape)
                root.members[member].value = .object(entry)
            }
        default:
            root.members[member].value = randomValue(using: &random)
        }
        return safetensorsBytes(header: JSONValue.object(root).serialized(), data: Array(original[(8 + headerLength)...]))
    }

    func testMutatedValidFilesNeverCrash() throws {
        let seeds = try validFiles()
        var random = SplitMix64(seed: 23)
        var kinds = Set<String>()
        var opened = 0
        for iteration in 0..<4000 {
            var bytes = seeds[iteration % seeds.count]
            if random.next() % 2 == 0 {
                bytes = try mutateHeader(bytes, using: &random)
            }
            if random.next() % 3 != 0 {
                bytes = mutate(bytes, using: &random)
            }
            let path = try scratch.write(bytes, to: "mutated.safetensors")
            switch try outcome(ofOpening: path) {
            case .opened: opened += 1
            case .rejected(let kind): kinds.insert(String("\(kind)".prefix { $0 != "(" }))
            }
        }
        // The mutations reach deep into validation, and some leave a valid file.
        XCTAssertGreaterThan(opened, 500)
        XCTAssertGreaterThanOrEqual(kinds.count, 15, "\(kinds.sorted())")
    }

    // MARK: - Hostile files

    private static let hostileDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("Fixtures/hostile").path

    /// Each file in Fixtures/hostile (written by its generate.py) and what opening it gives.
    private static let hostileOutcomes: [String: Outcome] = [
        "byte-order-mark": .rejected(.headerNotJSON(detail: "unexpected 0xef at byte 0")),
        "dimension-beyond-int64": .rejected(.invalidShape(tensor: "w", detail: "dimension 0 is 18446744073709551616, not a non-negative integer")),
        "dimension-exponent": .rejected(.invalidShape(tensor: "w", detail: "dimension 0 is 1e0, not a non-negative integer")),
        "dimension-many-digits": .rejected(.invalidShape(tensor: "w", detail: "dimension 0 is \(String(repeating: "9", count: 4000)), not a non-negative integer")),
        "duplicate-key-escaped": .rejected(.duplicateTensorName(tensor: "a")),
        "empty-tensors-inside-data": .rejected(.overlappingTensors(previous: "a", previousEnd: 4, tensor: "b", begin: 2)),
        "escaped-nul-in-name": .opened(tensorCount: 1),
        "header-all-spaces": .rejected(.headerNotJSON(detail: "unexpected end of input at byte 64")),
        "length-max-u64": .rejected(.headerTooLarge(length: .max)),
        "length-past-end": .rejected(.headerExceedsFile(length: 1000, fileSize: 20)),
        "lone-surrogate-escape": .rejected(.headerNotJSON(detail: "invalid \\u escape (lone surrogate) at byte 8")),
        "many-empty-tensors": .opened(tensorCount: 300),
        "nested-arrays": .rejected(.headerNotJSON(detail: "nesting deeper than 128 levels at byte 133")),
        "nested-objects-in-metadata": .rejected(.invalidMetadata(key: "k", found: "an object")),
        "offsets-beyond-int64": .rejected(.invalidOffsets(tensor: "w", detail: "[0,18446744073709551615] are not non-negative 64-bit integers")),
        "offsets-fraction": .rejected(.invalidOffsets(tensor: "w", detail: "[0,1.0] are not non-negative 64-bit integers")),
        "offsets-near-int64-max": .rejected(.dataNotAtStart(tensor: "w", begin: 9_223_372_036_854_775_800)),
        "overlong-utf8": .rejected(.headerNotUTF8(byteOffset: 2)),
        "raw-nul-in-name": .rejected(.headerNotJSON(detail: "unescaped control character in a string at byte 3")),
        "shape-huge-after-zero": .opened(tensorCount: 1),
        "shape-overflow": .rejected(.sizeOverflow(tensor: "w", shape: [4_611_686_018_427_387_904, 4], dtype: .F32)),
        "shape-zero-after-huge": .rejected(.sizeOverflow(tensor: "w", shape: [.max, .max, 0], dtype: .F32)),
        "tensor-past-end": .rejected(.dataSizeMismatch(tensorsEnd: 16, dataSize: 4, lastTensor: "w")),
        "utf8-encoded-surrogate": .rejected(.headerNotUTF8(byteOffset: 2)),
    ]

    func testHostileFilesGiveExpectedOutcomes() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.hostileDirectory)
            .filter { $0.hasSuffix(".safetensors") }
            .map { String($0.dropLast(".safetensors".count)) }
        XCTAssertEqual(names.sorted(), Self.hostileOutcomes.keys.sorted())
        for name in names.sorted() {
            let path = Self.hostileDirectory + "/" + name + ".safetensors"
            XCTAssertEqual(try outcome(ofOpening: path), Self.hostileOutcomes[name], name)
        }
    }
}
