import Foundation
import Models
import XCTest
@testable import Lineage

final class FileHashCacheStoreTests: XCTestCase {
    private let digest = String(repeating: "ab", count: 32)
    private let identity = FileIdentity(device: 2049, inode: 131_075, size: 4_000_000_000, modificationTimeNanoseconds: 1_767_225_600_123_456_789)

    private func makeCache(onError: @escaping @Sendable (Error) -> Void = { _ in }) throws -> FileHashCacheStore {
        let path = try makeTemporaryFolder(self).appendingPathComponent("lineage.db").path
        return try FileHashCacheStore(path: path, onError: onError)
    }

    func testStoredDigestIsFoundForSameIdentityOnly() throws {
        let cache = try makeCache()
        XCTAssertNil(try cache.lookupSHA256(for: identity))

        try cache.saveSHA256(digest, for: identity, path: "/models/a/model-00001-of-00002.safetensors")

        XCTAssertEqual(try cache.lookupSHA256(for: identity), digest)
        var touched = identity
        touched.modificationTimeNanoseconds += 1
        XCTAssertNil(try cache.lookupSHA256(for: touched))
        var resized = identity
        resized.size -= 1
        XCTAssertNil(try cache.lookupSHA256(for: resized))
        var otherInode = identity
        otherInode.inode += 1
        XCTAssertNil(try cache.lookupSHA256(for: otherInode))
    }

    func testTensorDigestsAndFileDigestShareEntry() throws {
        let cache = try makeCache()
        let lines = "a\tF32\t2\t\(digest)\n"

        try cache.saveTensorDigests(lines, for: identity, path: "/m/model.safetensors")
        XCTAssertNil(try cache.lookupSHA256(for: identity))
        try cache.saveSHA256(digest, for: identity, path: "/m/model.safetensors")

        XCTAssertEqual(try cache.lookupTensorDigests(for: identity), lines)
        XCTAssertEqual(try cache.lookupSHA256(for: identity), digest)
    }

    func testChangedFileReplacesOldEntry() throws {
        let cache = try makeCache()
        try cache.saveTensorDigests("old\n", for: identity, path: "/m/model.safetensors")
        try cache.saveSHA256(digest, for: identity, path: "/m/model.safetensors")
        var rewritten = identity
        rewritten.modificationTimeNanoseconds += 1_000
        let newDigest = String(repeating: "cd", count: 32)

        try cache.saveSHA256(newDigest, for: rewritten, path: "/m/model.safetensors")

        XCTAssertEqual(try cache.lookupSHA256(for: rewritten), newDigest)
        XCTAssertNil(try cache.lookupTensorDigests(for: rewritten), "digest lines of the old bytes are dropped")
        XCTAssertNil(try cache.lookupSHA256(for: identity))
    }

    func testLargestDeviceAndInodeRoundTrip() throws {
        let cache = try makeCache()
        let large = FileIdentity(device: .max, inode: UInt64(Int64.max) + 1, size: 0, modificationTimeNanoseconds: -1)

        try cache.saveSHA256(digest, for: large, path: "/m/empty")

        XCTAssertEqual(try cache.lookupSHA256(for: large), digest)
    }

    func testProtocolMethodsReportErrors() throws {
        let errors = ErrorLog()
        let cache: any FileHashCache = try makeCache(onError: { errors.append($0) })

        cache.storeSHA256("NOT-HEX", for: identity, path: "/m/x")

        XCTAssertNil(cache.cachedSHA256(for: identity))
        XCTAssertEqual(errors.messages, [
            "CHECK constraint failed: sha256 IS NULL OR (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*')",
        ])
    }

    func testContentHasherReusesCachedDigests() throws {
        let folder = try makeTemporaryFolder(self)
        let modelFolder = folder.appendingPathComponent("model")
        try FileManager.default.createDirectory(at: modelFolder, withIntermediateDirectories: true)
        let weights = modelFolder.appendingPathComponent("model.safetensors")
        try Self.safetensorsBytes(values: [1, 2, 3, 4]).write(to: weights)
        let cache = try FileHashCacheStore(path: folder.appendingPathComponent("lineage.db").path)
        let hasher = ContentHasher(threadCount: 1, cache: cache)

        let first = hasher.hash(try ModelDirectory(path: modelFolder.path), includeFiles: true)
        let fileIdentity = try XCTUnwrap(FileIdentity(path: weights.path))
        let cachedLines = try cache.lookupTensorDigests(for: fileIdentity)
        let second = hasher.hash(try ModelDirectory(path: modelFolder.path), includeFiles: true)

        XCTAssertEqual(cachedLines, first.manifest)
        XCTAssertEqual(try cache.lookupSHA256(for: fileIdentity), first.fileSHA256["model.safetensors"])
        XCTAssertEqual(second, first)
    }

    /// Returns a safetensors file with one F32 tensor `w` of the given values.
    private static func safetensorsBytes(values: [Float]) -> Data {
        let header = #"{"w":{"dtype":"F32","shape":[\#(values.count)],"data_offsets":[0,\#(values.count * 4)]}}"#
        var bytes = Data()
        withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: header.utf8)
        for value in values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }
}

/// Error messages passed to `onError`, collected under a lock.
private final class ErrorLog: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [String] = []

    func append(_ error: Error) {
        lock.withLock { collected.append((error as? DatabaseError)?.message ?? "\(error)") }
    }

    var messages: [String] { lock.withLock { collected } }
}
