import XCTest

/// `pedigree verify` re-hashes recorded outputs and reports each changed file.
final class VerifyTests: XCTestCase {
    func testFlippedByteReportedUntilRebuilt() throws {
        let folder = try LineageFolder(self)
        XCTAssertEqual(try folder.pedigree(["run", "chain.yml", "--threads", "1"]).exitCode, 0)
        let path = folder.artifactPath(of: "stageC")
        try flipByte(ofTensor: "model.norm.weight", inFile: path + "/model.safetensors")

        let damaged = try folder.pedigree(["verify", "--db", folder.databasePath])

        XCTAssertEqual(damaged.exitCode, 1, damaged.stderr)
        let lines = damaged.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first { $0.hasPrefix("MODIFIED") }, "MODIFIED  stageC  identity fa83f9a9739c  \(path)")
        XCTAssertEqual(lines.filter { $0.hasPrefix("ok ") }.count, 3, damaged.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("          model.safetensors: SHA-256 ") && $0.hasSuffix(", recorded 360adddd3ce9") },
                      damaged.stdout)
        XCTAssertEqual(lines.last, "4 outputs checked, 1 modified")

        XCTAssertEqual(try folder.pedigree(["run", "chain.yml", "--threads", "1"]).stdout, "1 built, 3 up to date\n")
        let repaired = try folder.pedigree(["verify", "--db", folder.databasePath, "stageC"])
        XCTAssertEqual(repaired.exitCode, 0, repaired.stdout)
        XCTAssertEqual(repaired.stdout, "ok        stageC  identity fa83f9a9739c  content edecb405e2a4\n1 output checked, 0 modified\n")
    }
}
