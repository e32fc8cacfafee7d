import Foundation
import XCTest

/// `pedigree export-lock` and `pedigree status` after a run of the parity chain.
final class LockFileTests: XCTestCase {
    func testLockFileListsLatestBuildsInStableOrder() throws {
        let folder = try LineageFolder(self)
        // A real folder under the lock file's folder; the other models are links that resolve
        // to the shared parity models outside it.
        try folder.makeWritableCopy(ofModel: "ft5")
        XCTAssertEqual(try folder.pedigree(["run", "chain.yml", "--threads", "1"]).exitCode, 0)

        let export = try folder.pedigree(["export-lock", folder.root + "/pedigree.lock", "--db", folder.databasePath])
        XCTAssertEqual(export.exitCode, 0, export.stderr)
        let text = try String(contentsOfFile: folder.root + "/pedigree.lock", encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)

        XCTAssertEqual(lines.filter { $0.hasPrefix("  - name: ") }, ChainHashes.buildOrder.sorted().map { "  - name: \"\($0)\"" })
        for name in ChainHashes.buildOrder {
            XCTAssertTrue(text.contains("    identity: \(ChainHashes.identities[name]!)\n"), name)
            XCTAssertTrue(text.contains("    output: \(ChainHashes.outputs[name]!)\n"), name)
        }
        // Paths under the lock file's folder are relative, so the file is the same in any checkout.
        let sharedModels = URL(fileURLWithPath: parityRoot + "/models").resolvingSymlinksInPath().path
        XCTAssertEqual(Set(lines.filter { $0.hasPrefix("        model: ") }), Set([
            "        model: \"models/ft5\"",
        ] + ["base", "ft1", "ft2", "ft3", "ft4", "instruct"].map { "        model: \"\(sharedModels)/\($0)\"" }))
        XCTAssertTrue(lines.contains("        merge: \"stageA\""), text)
        XCTAssertTrue(lines.contains("        content: \(ChainHashes.outputs["stageA"]!)"), text)

        let again = try folder.pedigree(["export-lock", folder.root + "/again.lock", "--db", folder.databasePath])
        XCTAssertEqual(again.exitCode, 0, again.stderr)
        XCTAssertEqual(try String(contentsOfFile: folder.root + "/again.lock", encoding: .utf8), text)
    }

    func testStatusCountsStatesAndLastRun() throws {
        let folder = try LineageFolder(self)
        XCTAssertEqual(try folder.pedigree(["run", "chain.yml", "--threads", "1"]).exitCode, 0)

        let status = try folder.pedigree(["status", "--db", folder.databasePath])

        XCTAssertEqual(status.exitCode, 0, status.stderr)
        let lines = status.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "merges: 0 pending, 0 running, 4 done, 0 failed")
        XCTAssertTrue(lines.dropFirst().first?.hasPrefix("last run: succeeded, started ") ?? false, status.stdout)
    }
}
