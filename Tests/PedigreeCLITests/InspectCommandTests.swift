import Foundation
import XCTest

final class InspectCommandTests: XCTestCase {
    func testInspectShardedParityModel() throws {
        let path = CLI.shared + "/parity/models/ft3"
        let result = try CLI.run(["inspect", path])

        XCTAssertEqual(result.exitCode, 0)
        XCTAssertEqual(result.stderr, "")
        XCTAssertEqual(result.stdout, """
            path:          \(path)
            architecture:  MistralForCausalLM
            tensors:       39
            parameters:    180,800 (elements of floating-point tensors)
            elements:      180,800
            dtypes:        BF16 39
            files:
              model-00001-of-00002.safetensors  182,960 bytes
              model-00002-of-00002.safetensors  182,696 bytes
            total bytes:   365,656
            content hash:  sha256:05465235f10dc31215fc6a3a4cf1c02ca5b5c7bde20d2da082a1ed76fb7e3017

            """)
    }

    func testInspectJSON() throws {
        let path = CLI.shared + "/parity/models/base"
        let result = try CLI.run(["inspect", path, "--json"])

        XCTAssertEqual(result.exitCode, 0)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["format_version"] as? Int, 1)
        XCTAssertEqual(object["tensor_count"] as? Int, 39)
        XCTAssertEqual(object["parameter_count"] as? Int, 180_800)
        XCTAssertEqual(object["dtypes"] as? [String: Int], ["BF16": 39])
        XCTAssertEqual(object["total_bytes"] as? Int, 365_640)
    }

    func testInspectRealMiniLM() throws {
        let model = try MiniLMWheel.modelDirectory()
        let result = try CLI.run(["inspect", model, "--json"])

        XCTAssertEqual(result.exitCode, 0, result.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["architecture"] as? String, "BertModel")
        XCTAssertEqual(object["tensor_count"] as? Int, 104)
        XCTAssertEqual(object["parameter_count"] as? Int, 22_713_216)
        XCTAssertEqual(object["element_count"] as? Int, 22_713_728)
        XCTAssertEqual(object["dtypes"] as? [String: Int], ["F32": 103, "I64": 1])
        XCTAssertEqual(object["total_bytes"] as? Int, 90_868_376)
        XCTAssertEqual(object["content_hash"] as? String, try IndependentHash.contentHash(of: model))
    }

    func testInspectPickleOnlyDirectoryFails() throws {
        let directory = NSTemporaryDirectory() + "pedigree-pickle-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data([0x80]).write(to: URL(fileURLWithPath: directory + "/pytorch_model.bin"))

        let result = try CLI.run(["inspect", directory])

        XCTAssertEqual(result.exitCode, 1)
        XCTAssertEqual(result.stdout, "")
        XCTAssertTrue(result.stderr.hasPrefix("error: \(directory) holds only PyTorch pickle checkpoints (pytorch_model.bin); Pedigree never unpickles."),
                      result.stderr)
    }
}

/// The content hash computed by a few lines of Python over the same files, independently of
/// Pedigree's code.
enum IndependentHash {
    static let script = """
        import glob, hashlib, json, os, struct, sys
        lines = []
        for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.safetensors"))):
            with open(path, "rb") as f:
                n = struct.unpack("<Q", f.read(8))[0]
                header = json.loads(f.read(n))
                data = f.read()
            header.pop("__metadata__", None)
            for name, entry in header.items():
                begin, end = entry["data_offsets"]
                digest = hashlib.sha256(data[begin:end]).hexdigest()
                shape = ",".join(str(d) for d in entry["shape"])
                lines.append((name.encode(), f"{name}\\t{entry['dtype']}\\t{shape}\\t{digest}\\n"))
        lines.sort()
        print("sha256:" + hashlib.sha256("".join(line for _, line in lines).encode()).hexdigest())
        """

    static func contentHash(of directory: String) throws -> String {
        let result = try CLI.runProcess("/usr/bin/env", ["python3", "-c", script, directory])
        guard result.exitCode == 0 else { throw XCTSkip.failure("python3 failed: \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
