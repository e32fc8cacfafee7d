import Foundation
import XCTest

final class SynthesizeCommandTests: XCTestCase {
    func testFamilyIsDeterministicAcrossThreadCounts() throws {
        let root = NSTemporaryDirectory() + "pedigree-synth-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }

        let one = try CLI.run(["synthesize", root + "/a", "--threads", "1", "--fine-tunes", "2"])
        let three = try CLI.run(["synthesize", root + "/b", "--threads", "3", "--fine-tunes", "2"])
        XCTAssertEqual(one.exitCode, 0, one.stderr)
        XCTAssertEqual(three.exitCode, 0, three.stderr)
        XCTAssertEqual(one.stdout, ["base", "instruct", "ft1", "ft2"].map { root + "/a/" + $0 }.joined(separator: "\n") + "\n")

        for member in ["base", "instruct", "ft1", "ft2"] {
            let first = try CLI.run(["hash", root + "/a/" + member]).stdout.prefix(71)
            let second = try CLI.run(["hash", root + "/b/" + member]).stdout.prefix(71)
            XCTAssertEqual(first, second, member)
        }
        // Pinned so that a change to the generator (and so to the demo's hashes) is deliberate.
        XCTAssertEqual(try CLI.run(["hash", root + "/a/ft1"]).stdout.prefix(71),
                       "sha256:bc02b13cb9039d0497ba211976562fb2154cb816b9284e939055af8268d9132c")
    }

    func testExistingMembersAreKept() throws {
        let root = NSTemporaryDirectory() + "pedigree-synth-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = try CLI.run(["synthesize", root, "--fine-tunes", "2"])

        let again = try CLI.run(["synthesize", root, "--fine-tunes", "2"])

        XCTAssertEqual(again.exitCode, 0)
        XCTAssertEqual(again.stderr, "kept existing models: base, instruct, ft1, ft2\n")
    }

    func testUnknownSizeIsUsageError() throws {
        let result = try CLI.run(["synthesize", "/tmp/x", "--size", "huge"])
        XCTAssertEqual(result.exitCode, 64)
        XCTAssertTrue(result.stderr.hasPrefix("error: --size takes tiny or benchmark; got \"huge\"\n"), result.stderr)
    }
}
