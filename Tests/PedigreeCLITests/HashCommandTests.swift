import Foundation
import XCTest

final class HashCommandTests: XCTestCase {
    func testHashWithFiles() throws {
        let path = CLI.shared + "/parity/models/ft3"
        let result = try CLI.run(["hash", path, "--files", "--threads", "1"])

        XCTAssertEqual(result.exitCode, 0)
        XCTAssertEqual(result.stdout, """
            sha256:05465235f10dc31215fc6a3a4cf1c02ca5b5c7bde20d2da082a1ed76fb7e3017  \(path)
            bb898dfd6e429cf85415fac5e90f8ddbd4a6cb00cd4b3c2af675f65e81000724  model-00001-of-00002.safetensors
            353dd6dcf46dd8630dc1a059614337289fc821fa43ecc4bbfdcf3d49a5c464f3  model-00002-of-00002.safetensors

            """)
    }

    func testContentHashAgreesWithIndependentPython() throws {
        for model in ["base", "ft3", "ft_vocab260", "base_fp32"] {
            let path = CLI.shared + "/parity/models/" + model
            let result = try CLI.run(["hash", path])
            XCTAssertEqual(result.stdout, "\(try IndependentHash.contentHash(of: path))  \(path)\n", model)
        }
    }
}
