import Foundation
import Models
import SafeTensors
import XCTest

final class ContentHasherTests: XCTestCase {
    func testContentHashMatchesDefinition() throws {
        let directory = try Fixtures.temporaryDirectory(self)
        try Fixtures.write(Fixtures.safetensors(Fixtures.sampleTensors), to: directory + "/model.safetensors")

        let hashes = ContentHasher(threadCount: 2).hash(try ModelDirectory(path: directory))

        // The manifest, written out by hand from the definition: lines sorted by name bytes.
        var expected = ""
        for tensor in Fixtures.sampleTensors.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) {
            let digest = tensor.bytes.withUnsafeBytes { SHA256Hasher.hex(of: $0) }
            expected += "\(tensor.name)\t\(tensor.dtype)\t\(tensor.shape.map(String.init).joined(separator: ","))\t\(digest)\n"
        }
        XCTAssertEqual(hashes.manifest, expected)
        XCTAssertEqual(hashes.contentHash, "sha256:" + SHA256Hasher.hex(of: expected))
    }

    func testScalarTensorHasEmptyShape() throws {
        let directory = try Fixtures.temporaryDirectory(self)
        let scalar = Fixtures.Tensor(name: "scale", dtype: "F32", shape: [], bytes: [0, 0, 128, 63])
        try Fixtures.write(Fixtures.safetensors([scalar]), to: directory + "/model.safetensors")

        let manifest = ContentHasher().hash(try ModelDirectory(path: directory)).manifest

        let digest = scalar.bytes.withUnsafeBytes { SHA256Hasher.hex(of: $0) }
        XCTAssertEqual(manifest, "scale\tF32\t\t\(digest)\n")
    }

    func testShardingHeaderOrderAndMetadataDoNotChangeContentHash() throws {
        let single = try Fixtures.temporaryDirectory(self)
        try Fixtures.write(Fixtures.safetensors(Fixtures.sampleTensors), to: single + "/model.safetensors")
        let sharded = try Fixtures.temporaryDirectory(self)
        try Fixtures.writeSharded(Fixtures.sampleTensors.reversed(), shardCount: 3, to: sharded)
        let otherMetadata = try Fixtures.temporaryDirectory(self)
        try Fixtures.write(Fixtures.safetensors(Fixtures.sampleTensors, metadata: #"{"format":"np","note":"x"}"#),
                           to: otherMetadata + "/model.safetensors")

        let hasher = ContentHasher(threadCount: 3)
        let reference = hasher.hash(try ModelDirectory(path: single), includeFiles: true)
        let resharded = hasher.hash(try ModelDirectory(path: sharded), includeFiles: true)

        XCTAssertEqual(resharded.contentHash, reference.contentHash)
        XCTAssertEqual(hasher.hash(try ModelDirectory(path: otherMetadata)).contentHash, reference.contentHash)
        XCTAssertEqual(resharded.fileSHA256.count, 3)
        XCTAssertFalse(Set(resharded.fileSHA256.values).contains(reference.fileSHA256["model.safetensors"]!))
    }

    func testChangingOneByteChangesContentHash() throws {
        let directory = try Fixtures.temporaryDirectory(self)
        var tensors = Fixtures.sampleTensors
        try Fixtures.write(Fixtures.safetensors(tensors), to: directory + "/model.safetensors")
        let before = ContentHasher().hash(try ModelDirectory(path: directory)).contentHash

        tensors[1].bytes[5] ^= 1
        try Fixtures.write(Fixtures.safetensors(tensors), to: directory + "/model.safetensors")

        XCTAssertNotEqual(ContentHasher().hash(try ModelDirectory(path: directory)).contentHash, before)
    }

    func testFileHashEqualsSHA256OfFile() throws {
        let directory = try Fixtures.temporaryDirectory(self)
        let bytes = Fixtures.safetensors(Fixtures.sampleTensors)
        try Fixtures.write(bytes, to: directory + "/model.safetensors")

        let hashes = ContentHasher().hash(try ModelDirectory(path: directory), includeFiles: true)

        XCTAssertEqual(hashes.fileSHA256, ["model.safetensors": bytes.withUnsafeBytes { SHA256Hasher.hex(of: $0) }])
    }

    func testThreadCountDoesNotChangeResult() throws {
        let directory = try Fixtures.temporaryDirectory(self)
        try Fixtures.writeSharded(Fixtures.sampleTensors, shardCount: 2, to: directory)
        let model = try ModelDirectory(path: directory)
        let one = ContentHasher(threadCount: 1).hash(model, includeFiles: true)
        XCTAssertEqual(ContentHasher(threadCount: 7).hash(model, includeFiles: true), one)
    }

    func testCacheServesUnchangedFilesAndIsRefilled() throws {
        let directory = try Fixtures.temporaryDirectory(self)
        try Fixtures.writeSharded(Fixtures.sampleTensors, shardCount: 2, to: directory)
        let model = try ModelDirectory(path: directory)
        let cache = MemoryHashCache()

        let first = ContentHasher(cache: cache).hash(model, includeFiles: true)
        XCTAssertEqual(cache.fileDigests.count, 2)
        XCTAssertEqual(cache.tensorDigests.count, 2)

        // Poison the cache: a served entry must show up in the result.
        for key in cache.tensorDigests.keys { cache.tensorDigests[key] = "fake\tF32\t1\tabc\n" }
        let second = ContentHasher(cache: cache).hash(model, includeFiles: true)
        XCTAssertEqual(second.manifest, "fake\tF32\t1\tabc\nfake\tF32\t1\tabc\n")
        XCTAssertEqual(second.fileSHA256, first.fileSHA256)
    }

    func testParityModelHashMatchesIndependentValue() throws {
        // Computed with a few lines of Python (hashlib over the raw tensor bytes) from the same files.
        let hashes = ContentHasher().hash(try ModelDirectory(path: Fixtures.parityModels + "/ft3"))
        XCTAssertEqual(hashes.contentHash, "sha256:05465235f10dc31215fc6a3a4cf1c02ca5b5c7bde20d2da082a1ed76fb7e3017")
    }
}

/// A cache held in memory, for tests.
final class MemoryHashCache: FileHashCache, @unchecked Sendable {
    var fileDigests: [FileIdentity: String] = [:]
    var tensorDigests: [FileIdentity: String] = [:]

    func cachedSHA256(for identity: FileIdentity) -> String? { fileDigests[identity] }
    func storeSHA256(_ hex: String, for identity: FileIdentity, path: String) { fileDigests[identity] = hex }
    func cachedTensorDigests(for identity: FileIdentity) -> String? { tensorDigests[identity] }
    func storeTensorDigests(_ lines: String, for identity: FileIdentity, path: String) { tensorDigests[identity] = lines }
}
