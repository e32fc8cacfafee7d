import Foundation
import XCTest
@testable import SafeTensors

/// SplitMix64, a tiny seeded generator, so that random tests replay exactly.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) }
    }
}

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct ScratchDirectory {
    let path: String

    init() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("pedigree-safetensors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        path = url.path
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// Writes `bytes` to `name` in this directory and returns the path.
    @discardableResult
    func write(_ bytes: [UInt8], to name: String) throws -> String {
        try Data(bytes).write(to: URL(fileURLWithPath: file(name)))
        return file(name)
    }

    func read(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: file(name))))
    }

    /// Names of the entries, sorted.
    func listing() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// A safetensors file from its parts: the 8-byte little-endian length of `header`, the
/// header's UTF-8 bytes, then `data`. `headerLength` overrides the length prefix.
func safetensorsBytes(header: String, data: [UInt8] = [], headerLength: UInt64? = nil) -> [UInt8] {
    safetensorsBytes(headerBytes: Array(header.utf8), data: data, headerLength: headerLength)
}

func safetensorsBytes(headerBytes: [UInt8], data: [UInt8] = [], headerLength: UInt64? = nil) -> [UInt8] {
    let length = headerLength ?? UInt64(headerBytes.count)
    return withUnsafeBytes(of: length.littleEndian) { Array($0) } + headerBytes + data
}

extension SafeTensorsFile {
    /// A copy of the tensor's bytes.
    func bytes(of name: String) -> [UInt8]? {
        guard let tensor = tensor(named: name) else { return nil }
        return withBytes(of: tensor) { Array($0) }
    }
}
