import Foundation
import XCTest
@testable import SafeTensors

/// Cross-checks with a reader and writer no one here wrote: the Python `safetensors`
/// package (its numpy API and its Rust core). These tests fail, never skip, when Python or
/// the package is missing.
final class PythonCrossCheckTests: XCTestCase {
    private var scratch: ScratchDirectory!

    override func setUpWithError() throws {
        scratch = try ScratchDirectory()
    }

    override func tearDown() {
        scratch.remove()
    }

    /// Runs `python3 -c script arguments...` and returns its standard output, or records a
    /// failure with the fix and returns nil.
    private func runPython(_ script: String, _ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> Data? {
        let check = try run(["python3", "-c", "import safetensors, numpy"])
        guard check.status == 0 else {
            XCTFail("Python safetensors is not importable (\(check.errors)); install it with `pip install safetensors numpy`",
                    file: file, line: line)
            return nil
        }
        let result = try run(["python3", "-c", script] + arguments)
        guard result.status == 0 else {
            XCTFail("the Python script failed with status \(result.status): \(result.errors)", file: file, line: line)
            return nil
        }
        return result.output
    }

    private func run(_ arguments: [String]) throws -> (status: Int32, output: Data, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let errorsPath = scratch.file("python-stderr.txt")
        _ = FileManager.default.createFile(atPath: errorsPath, contents: nil)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorsPath))
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errors = (try? String(contentsOfFile: errorsPath, encoding: .utf8)) ?? ""
        return (process.terminationStatus, data, errors.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    // MARK: - Python reads what Pedigree writes

    /// Checks each directory's index against its shards when there is one. Then reports every
    /// tensor as numpy loads it (numpy dtypes) or as the Rust core deserializes it (BF16 and
    /// F8), with BF16 and F16 also widened to float32 by numpy.
    private static let readScript = #"""
import json, os, sys
import numpy as np
from safetensors import deserialize, safe_open

NUMPY = {"F64", "F32", "F16", "I64", "I32", "I16", "I8", "U8", "BOOL"}
report = {}
for directory in sys.argv[1:]:
    files = ["model.safetensors"]
    index_path = os.path.join(directory, "model.safetensors.index.json")
    index = None
    if os.path.exists(index_path):
        with open(index_path) as f:
            index = json.load(f)
        files = sorted(set(index["weight_map"].values()))
    tensors, total = {}, 0
    for name in files:
        path = os.path.join(directory, name)
        with open(path, "rb") as f:
            raw = dict(deserialize(f.read()))
        with safe_open(path, framework="np") as f:
            metadata = f.metadata()
            for key, value in raw.items():
                if index is not None and index["weight_map"][key] != name:
                    raise SystemExit("%s is in %s, but the index names %s" % (key, name, index["weight_map"][key]))
                entry = {"file": name, "shape": list(value["shape"]), "metadata": metadata}
                data = bytes(value["data"])
                total += len(data)
                if value["dtype"] in NUMPY:
                    array = f.get_tensor(key)
                    entry["dtype"] = array.dtype.name
                    entry["hex"] = array.tobytes().hex()
                    if value["dtype"] == "F16":
                        entry["float32"] = array.astype(np.float32).tobytes().hex()
                else:
                    entry["dtype"] = value["dtype"]
                    entry["hex"] = data.hex()
                    if value["dtype"] == "BF16":
                        widened = np.frombuffer(data, dtype="<u2").astype(np.uint32) << 16
                        entry["float32"] = widened.astype("<u4").tobytes().hex()
                tensors[key] = entry
    if index is not None:
        if sorted(index["weight_map"]) != sorted(tensors):
            raise SystemExit("the index and the shards list different tensors")
        if index["metadata"]["total_size"] != total:
            raise SystemExit("total_size %d, but the tensors have %d bytes" % (index["metadata"]["total_size"], total))
    report[directory] = tensors
json.dump(report, sys.stdout)
"""#

    private struct PythonTensor: Decodable {
        var file: String
        var shape: [Int]
        var metadata: [String: String]?
        var dtype: String
        var hex: String
        var float32: String?
    }

    private func assertPythonReads(_ tensors: [(TensorSpec, [UInt8])], in directories: [String]) throws {
        guard let output = try runPython(Self.readScript, directories) else { return }
        let report = try JSONDecoder().decode([String: [String: PythonTensor]].self, from: output)
        for directory in directories {
            let read = try XCTUnwrap(report[directory], directory)
            XCTAssertEqual(read.count, tensors.count, directory)
            for (spec, bytes) in tensors {
                let tensor = try XCTUnwrap(read[spec.name], "\(spec.name) in \(directory)")
                let numpyName = [DType.BOOL: "bool"][spec.dtype] ?? spec.dtype.torchName
                let isNumpyType = ![.BF16, .F8_E4M3, .F8_E5M2].contains(spec.dtype)
                XCTAssertEqual(tensor.dtype, isNumpyType ? numpyName : spec.dtype.rawValue, spec.name)
                XCTAssertEqual(tensor.shape, spec.shape, spec.name)
                XCTAssertEqual(tensor.hex, Self.hex(bytes), spec.name)
                XCTAssertEqual(tensor.metadata, ["format": "pt"], spec.name)
                if spec.dtype == .BF16 || spec.dtype == .F16 {
                    XCTAssertEqual(tensor.float32, Self.hex(widened(bytes, from: spec.dtype)), "\(spec.name) widened")
                }
            }
        }
    }

    /// `bytes` of a 16-bit float type widened to float32 by `Float32Conversion`, as
    /// little-endian bytes.
    private func widened(_ bytes: [UInt8], from dtype: DType) -> [UInt8] {
        var floats = [Float](repeating: 0, count: bytes.count / 2)
        bytes.withUnsafeBytes { source in
            floats.withUnsafeMutableBufferPointer { Float32Conversion.decode(source, as: dtype, into: $0) }
        }
        return floats.withUnsafeBytes { Array($0) }
    }

    func testPythonReadsEveryDTypeSingleAndSharded() throws {
        let tensors = WriterTests.tensorsOfEveryDType(seed: 9)
        let single = try ScratchDirectory(), sharded = try ScratchDirectory(), convenience = try ScratchDirectory()
        defer { [single, sharded, convenience].forEach { $0.remove() } }
        XCTAssertEqual(try WriterTests.writeSharded(tensors, to: single.path, maximumShardBytes: .max).count, 1)
        XCTAssertGreaterThan(try WriterTests.writeSharded(tensors, to: sharded.path, maximumShardBytes: 48).count, 3)
        try SafeTensorsWriter.write(tensors: tensors, to: convenience.file(ShardLayout.singleFileName))
        try assertPythonReads(tensors, in: [single.path, sharded.path, convenience.path])
    }

    // MARK: - Pedigree reads what Python writes

    /// Writes, in the directory given, `numpy.safetensors` with numpy's `save_file` (every
    /// numpy dtype Pedigree reads, edge values, a scalar and an empty tensor),
    /// `raw.safetensors` with the Rust core's `serialize_file` (BF16 and the two F8 types)
    /// and `unsigned.safetensors` (U16, which Pedigree does not read). Prints each tensor's
    /// on-disk dtype, shape and bytes.
    private static let writeScript = #"""
import json, os, sys
import numpy as np
from safetensors import TensorSpec, serialize_file
from safetensors.numpy import save_file

directory = sys.argv[1]
rng = np.random.default_rng(7)
floats = [0.0, -0.0, 1.5, -2.25, np.inf, -np.inf, np.nan, 1e-45, 65504.0, 3.0e38]
arrays = {
    "f64": np.array(floats + [1e300, 5e-324], dtype=np.float64),
    "f32": np.array(floats, dtype=np.float32).reshape(2, 5),
    "f16": np.array([0.0, -0.0, 1.5, np.inf, -np.inf, np.nan, 6e-8, 65504.0], dtype=np.float16),
    "i64": rng.integers(-2**63, 2**63 - 1, size=(3, 2), dtype=np.int64),
    "i32": rng.integers(-2**31, 2**31 - 1, size=7, dtype=np.int32),
    "i16": rng.integers(-2**15, 2**15 - 1, size=(1, 5), dtype=np.int16),
    "i8": np.arange(-128, 128, 37, dtype=np.int8),
    "u8": np.arange(0, 256, 51, dtype=np.uint8),
    "bool": np.array([[True, False], [False, True]]),
    "scalar": np.array(3.5, dtype=np.float32),
    "empty": np.zeros((0, 3), dtype=np.float32),
}
DTYPES = {"float64": "F64", "float32": "F32", "float16": "F16", "int64": "I64", "int32": "I32",
          "int16": "I16", "int8": "I8", "uint8": "U8", "bool": "BOOL"}
save_file(arrays, os.path.join(directory, "numpy.safetensors"), metadata={"writer": "numpy"})
report = {"numpy.safetensors": {name: {"dtype": DTYPES[a.dtype.name], "shape": list(a.shape),
                                       "hex": a.astype(a.dtype.newbyteorder("<")).tobytes().hex()}
                                for name, a in arrays.items()}}

raw = {"bf16": ("bfloat16", [2, 3], 2), "f8_e4m3": ("float8_e4m3fn", [5], 1), "f8_e5m2": ("float8_e5m2", [2, 2], 1)}
buffers, specs = {}, {}
for name, (dtype, shape, size) in raw.items():
    buffers[name] = rng.integers(0, 256, size=int(np.prod(shape)) * size, dtype=np.uint8)
    specs[name] = TensorSpec(dtype=dtype, shape=shape, data_ptr=buffers[name].ctypes.data, data_len=buffers[name].nbytes)
serialize_file(specs, os.path.join(directory, "raw.safetensors"), metadata=None)
names = {"bfloat16": "BF16", "float8_e4m3fn": "F8_E4M3", "float8_e5m2": "F8_E5M2"}
report["raw.safetensors"] = {name: {"dtype": names[dtype], "shape": shape, "hex": buffers[name].tobytes().hex()}
                             for name, (dtype, shape, size) in raw.items()}

save_file({"u16": np.arange(4, dtype=np.uint16)}, os.path.join(directory, "unsigned.safetensors"))
json.dump(report, sys.stdout)
"""#

    private struct ExpectedTensor: Decodable {
        var dtype: String
        var shape: [Int]
        var hex: String
    }

    func testReaderOpensFilesPythonWrote() throws {
        guard let output = try runPython(Self.writeScript, [scratch.path]) else { return }
        let expected = try JSONDecoder().decode([String: [String: ExpectedTensor]].self, from: output)
        XCTAssertEqual(expected.keys.sorted(), ["numpy.safetensors", "raw.safetensors"])
        XCTAssertEqual(expected["numpy.safetensors"]?.count, 11)

        for (fileName, tensors) in expected {
            let file = try SafeTensorsFile(path: scratch.file(fileName))
            XCTAssertEqual(file.metadata, fileName == "numpy.safetensors" ? ["writer": "numpy"] : [:], fileName)
            XCTAssertEqual(file.tensors.map(\.name).sorted(), tensors.keys.sorted(), fileName)
            for (name, tensor) in tensors {
                let info = try XCTUnwrap(file.tensor(named: name), name)
                XCTAssertEqual(info.dtype.rawValue, tensor.dtype, name)
                XCTAssertEqual(info.shape, tensor.shape, name)
                XCTAssertEqual(Self.hex(file.bytes(of: name) ?? []), tensor.hex, name)
            }
        }

        let unsigned = scratch.file("unsigned.safetensors")
        XCTAssertThrowsError(try SafeTensorsFile(path: unsigned)) { error in
            XCTAssertEqual((error as? SafeTensorsError)?.kind, .unknownDType(tensor: "u16", dtype: "U16"))
        }
    }
}
