import XCTest
@testable import SafeTensors

/// One hand-made file per rule of the format, each checked for its error case and its
/// exact message (which names the file and, where one is involved, the tensor).
final class ReaderErrorTests: XCTestCase {
    private struct Fixture {
        var name: String
        var bytes: [UInt8]
        var kind: SafeTensorsError.Kind
        var tensor: String?
        /// The message after "PATH: invalid safetensors file: ".
        var detail: String
    }

    private static let f32Pair = #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#

    private static let fixtures: [Fixture] = [
        Fixture(
            name: "fileTooSmall", bytes: [1, 2, 3],
            kind: .fileTooSmall(size: 3), tensor: nil,
            detail: "the file has 3 bytes, fewer than the 8-byte header length prefix"),
        Fixture(
            name: "headerTooLarge", bytes: safetensorsBytes(header: "{}", headerLength: 100_000_001),
            kind: .headerTooLarge(length: 100_000_001), tensor: nil,
            detail: "the header length is 100000001 bytes, over the limit of 100000000 bytes"),
        Fixture(
            name: "headerExceedsFile", bytes: safetensorsBytes(header: "{}", headerLength: 3),
            kind: .headerExceedsFile(length: 3, fileSize: 10), tensor: nil,
            detail: "the header length is 3 bytes, but the file has only 10 bytes"),
        Fixture(
            name: "headerNotUTF8", bytes: safetensorsBytes(headerBytes: Array(#"{"a"#.utf8) + [0xFF] + Array(#"":1}"#.utf8)),
            kind: .headerNotUTF8(byteOffset: 3), tensor: nil,
            detail: "the header is not valid UTF-8 (at byte 3 of the header)"),
        Fixture(
            name: "headerNotJSON", bytes: safetensorsBytes(header: #"{"w":}"#),
            kind: .headerNotJSON(detail: "unexpected '}' at byte 5"), tensor: nil,
            detail: "the header is not valid JSON: unexpected '}' at byte 5"),
        Fixture(
            name: "headerNotObject", bytes: safetensorsBytes(header: "[1,2]"),
            kind: .headerNotObject(found: "an array"), tensor: nil,
            detail: "the header is an array, not a JSON object"),
        Fixture(
            name: "invalidMetadata", bytes: safetensorsBytes(header: #"{"__metadata__":{"format":1}}"#),
            kind: .invalidMetadata(key: "format", found: "a number"), tensor: nil,
            detail: #"__metadata__ value for "format" is a number, not a string"#),
        Fixture(
            name: "malformedTensorEntry",
            bytes: safetensorsBytes(header: #"{"w":{"dtype":"F32","shape":[2]}}"#, data: [UInt8](repeating: 0, count: 8)),
            kind: .malformedTensorEntry(tensor: "w", detail: #"missing field "data_offsets""#), tensor: "w",
            detail: #"tensor "w": missing field "data_offsets""#),
        Fixture(
            name: "unknownDType",
            bytes: safetensorsBytes(header: #"{"w":{"dtype":"F17","shape":[2],"data_offsets":[0,8]}}"#, data: [UInt8](repeating: 0, count: 8)),
            kind: .unknownDType(tensor: "w", dtype: "F17"), tensor: "w",
            detail: #"tensor "w" has unknown dtype "F17" (known: F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL, F8_E4M3, F8_E5M2)"#),
        Fixture(
            name: "invalidShape",
            bytes: safetensorsBytes(header: #"{"w":{"dtype":"F32","shape":[2,-1],"data_offsets":[0,8]}}"#, data: [UInt8](repeating: 0, count: 8)),
            kind: .invalidShape(tensor: "w", detail: "dimension 1 is -1, not a non-negative integer"), tensor: "w",
            detail: #"tensor "w" has an invalid shape: dimension 1 is -1, not a non-negative integer"#),
        Fixture(
            name: "sizeOverflow",
            bytes: safetensorsBytes(header: #"{"w":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}}"#),
            kind: .sizeOverflow(tensor: "w", shape: [4_294_967_296, 4_294_967_296], dtype: .F32), tensor: "w",
            detail: #"tensor "w" with shape [4294967296, 4294967296] and dtype F32 has a byte size that overflows 64 bits"#),
        Fixture(
            name: "invalidOffsets",
            bytes: safetensorsBytes(header: #"{"w":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}}"#),
            kind: .invalidOffsets(tensor: "w", detail: "begin 8 is after end 0"), tensor: "w",
            detail: #"tensor "w" has invalid data_offsets: begin 8 is after end 0"#),
        Fixture(
            name: "sizeMismatch",
            bytes: safetensorsBytes(header: #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]),
            kind: .sizeMismatch(tensor: "w", expectedBytes: 8, offsets: [0, 4]), tensor: "w",
            detail: #"tensor "w" needs 8 bytes for its shape and dtype, but data_offsets [0, 4] span 4 bytes"#),
        Fixture(
            name: "duplicateTensorName",
            bytes: safetensorsBytes(
                header: #"{"w":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"w":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}}"#,
                data: [1, 2]),
            kind: .duplicateTensorName(tensor: "w"), tensor: "w",
            detail: #"tensor name "w" appears more than once"#),
        Fixture(
            name: "dataNotAtStart",
            bytes: safetensorsBytes(header: #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, data: [UInt8](repeating: 0, count: 8)),
            kind: .dataNotAtStart(tensor: "w", begin: 4), tensor: "w",
            detail: #"the first tensor's data ("w") starts at offset 4, not 0"#),
        Fixture(
            name: "gapBetweenTensors",
            bytes: safetensorsBytes(
                header: #"{"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},"b":{"dtype":"U8","shape":[2],"data_offsets":[5,7]}}"#,
                data: [UInt8](repeating: 0, count: 7)),
            kind: .gapBetweenTensors(previous: "a", previousEnd: 2, tensor: "b", begin: 5), tensor: "b",
            detail: #"3 unused bytes between tensor "a" (ends at 2) and tensor "b" (begins at 5)"#),
        Fixture(
            name: "overlappingTensors",
            bytes: safetensorsBytes(
                header: #"{"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]},"b":{"dtype":"U8","shape":[2],"data_offsets":[2,4]}}"#,
                data: [UInt8](repeating: 0, count: 4)),
            kind: .overlappingTensors(previous: "a", previousEnd: 4, tensor: "b", begin: 2), tensor: "b",
            detail: #"tensor "b" begins at 2, inside tensor "a" (ends at 4)"#),
        Fixture(
            name: "dataSizeMismatch",
            bytes: safetensorsBytes(header: f32Pair, data: [UInt8](repeating: 0, count: 6)),
            kind: .dataSizeMismatch(tensorsEnd: 8, dataSize: 6, lastTensor: "w"), tensor: "w",
            detail: #"the tensors need 8 bytes of data (the last is "w"), but the data section has only 6 bytes (truncated file?)"#),
    ]

    /// The case name of `kind`. The switch is exhaustive, so a new case breaks the build
    /// here until it gets a fixture.
    private static func caseName(_ kind: SafeTensorsError.Kind) -> String {
        switch kind {
        case .fileTooSmall: return "fileTooSmall"
        case .headerTooLarge: return "headerTooLarge"
        case .headerExceedsFile: return "headerExceedsFile"
        case .headerNotUTF8: return "headerNotUTF8"
        case .headerNotJSON: return "headerNotJSON"
        case .headerNotObject: return "headerNotObject"
        case .invalidMetadata: return "invalidMetadata"
        case .malformedTensorEntry: return "malformedTensorEntry"
        case .unknownDType: return "unknownDType"
        case .invalidShape: return "invalidShape"
        case .sizeOverflow: return "sizeOverflow"
        case .invalidOffsets: return "invalidOffsets"
        case .sizeMismatch: return "sizeMismatch"
        case .duplicateTensorName: return "duplicateTensorName"
        case .dataNotAtStart: return "dataNotAtStart"
        case .gapBetweenTensors: return "gapBetweenTensors"
        case .overlappingTensors: return "overlappingTensors"
        case .dataSizeMismatch: return "dataSizeMismatch"
        }
    }

    private var scratch: ScratchDirectory!

    override func setUpWithError() throws {
        scratch = try ScratchDirectory()
    }

    override func tearDown() {
        scratch.remove()
    }

    /// Opens `bytes` as a file named `name` and returns the SafeTensorsError it throws.
    private func openError(_ bytes: [UInt8], name: String) throws -> SafeTensorsError? {
        let path = try scratch.write(bytes, to: name + ".safetensors")
        do {
            _ = try SafeTensorsFile(path: path)
            XCTFail("\(name): opened without an error")
            return nil
        } catch let error as SafeTensorsError {
            return error
        }
    }

    func testEveryErrorCaseHasAFixture() {
        let covered = Set(Self.fixtures.map { Self.caseName($0.kind) })
        XCTAssertEqual(covered.count, Self.fixtures.count, "two fixtures test the same case")
        XCTAssertEqual(covered.count, 18)
        for fixture in Self.fixtures {
            XCTAssertEqual(Self.caseName(fixture.kind), fixture.name)
        }
    }

    func testEachFixtureThrowsItsCaseAndMessage() throws {
        for fixture in Self.fixtures {
            guard let error = try openError(fixture.bytes, name: fixture.name) else { continue }
            let path = scratch.file(fixture.name + ".safetensors")
            XCTAssertEqual(error.kind, fixture.kind, fixture.name)
            XCTAssertEqual(error.file, path, fixture.name)
            XCTAssertEqual(error.tensor, fixture.tensor, fixture.name)
            XCTAssertEqual(error.description, "\(path): invalid safetensors file: \(fixture.detail)", fixture.name)
            if let tensor = fixture.tensor {
                XCTAssertTrue(error.description.contains("\"\(tensor)\""), fixture.name)
            }
        }
    }

    /// Cases with more than one way to break the rule, each with its own detail.
    func testVariantsOfTensorEntryErrors() throws {
        let variants: [(header: String, data: Int, kind: SafeTensorsError.Kind)] = [
            (#"{"__metadata__":[]}"#, 0, .invalidMetadata(key: nil, found: "an array")),
            (#"{"w":[1]}"#, 0, .malformedTensorEntry(tensor: "w", detail: "the entry is an array, not an object")),
            (#"{"w":{"dtype":"U8","shape":[1],"data_offsets":[0,1],"extra":1}}"#, 1,
             .malformedTensorEntry(tensor: "w", detail: #"unknown field "extra""#)),
            (#"{"w":{"dtype":8,"shape":[1],"data_offsets":[0,1]}}"#, 1,
             .malformedTensorEntry(tensor: "w", detail: #""dtype" is a number, not a string"#)),
            (#"{"w":{"dtype":"U8","data_offsets":[0,1]}}"#, 1,
             .malformedTensorEntry(tensor: "w", detail: #"missing field "shape""#)),
            (#"{"w":{"dtype":"U8","shape":"1","data_offsets":[0,1]}}"#, 1,
             .invalidShape(tensor: "w", detail: #""shape" is a string, not an array"#)),
            (#"{"w":{"dtype":"U8","shape":[1.0],"data_offsets":[0,1]}}"#, 1,
             .invalidShape(tensor: "w", detail: "dimension 0 is 1.0, not a non-negative integer")),
            (#"{"w":{"dtype":"U8","shape":[1],"data_offsets":[0]}}"#, 1,
             .invalidOffsets(tensor: "w", detail: "[0] is not a pair [begin, end]")),
            (#"{"w":{"dtype":"U8","shape":[1],"data_offsets":[-1,0]}}"#, 1,
             .invalidOffsets(tensor: "w", detail: "[-1,0] are not non-negative 64-bit integers")),
            (#"{"w":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}"#, 3,
             .dataSizeMismatch(tensorsEnd: 1, dataSize: 3, lastTensor: "w")),
            ("{}", 2, .dataSizeMismatch(tensorsEnd: 0, dataSize: 2, lastTensor: nil)),
        ]
        for (number, variant) in variants.enumerated() {
            let bytes = safetensorsBytes(header: variant.header, data: [UInt8](repeating: 7, count: variant.data))
            let error = try openError(bytes, name: "variant\(number)")
            XCTAssertEqual(error?.kind, variant.kind, variant.header)
        }
    }

    func testTrailingBytesMessage() throws {
        let bytes = safetensorsBytes(header: Self.f32Pair, data: [UInt8](repeating: 0, count: 11))
        let error = try XCTUnwrap(try openError(bytes, name: "trailing"))
        XCTAssertEqual(
            error.description,
            scratch.file("trailing.safetensors")
                + #": invalid safetensors file: the tensors end at data offset 8 (the last is "w"), but the data section has 11 bytes: 3 trailing bytes"#)
    }

    func testMissingFileThrowsSystemCallError() {
        let path = scratch.file("absent.safetensors")
        XCTAssertThrowsError(try SafeTensorsFile(path: path)) { error in
            XCTAssertEqual((error as? SystemCallError)?.description, "open failed for \(path): No such file or directory")
        }
    }

    func testDirectoryThrowsSystemCallError() {
        XCTAssertThrowsError(try SafeTensorsFile(path: scratch.path)) { error in
            XCTAssertEqual((error as? SystemCallError)?.errno, EISDIR)
        }
    }

    func testFIFOThrowsWithoutWaiting() {
        let path = scratch.file("pipe.safetensors")
        XCTAssertEqual(mkfifo(path, 0o600), 0)
        XCTAssertThrowsError(try SafeTensorsFile(path: path)) { error in
            XCTAssertEqual("\(error)", "open failed for \(path): Invalid argument")
        }
    }
}
