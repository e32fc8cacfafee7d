import Foundation
import XCTest
@testable import Recipes

/// A temporary folder, removed when released, with an empty Hugging Face cache so tests
/// never read the machine's real cache.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("pedigree-recipes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: hubCache, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    var hubCache: String { (path as NSString).appendingPathComponent("hub-cache") }

    /// Creates the folder `relative` (and its parents) and returns its absolute path.
    @discardableResult
    func makeFolder(_ relative: String) throws -> String {
        let folder = (path as NSString).appendingPathComponent(relative)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Writes `text` to `relative` and returns the absolute path.
    @discardableResult
    func write(_ text: String, to relative: String) throws -> String {
        let file = (path as NSString).appendingPathComponent(relative)
        try makeFolder((relative as NSString).deletingLastPathComponent)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Load options that resolve against this folder only.
    func options(strict: Bool = false) -> RecipeLoadOptions {
        var options = RecipeLoadOptions()
        options.strict = strict
        options.currentDirectory = path
        options.environment = ["HF_HUB_CACHE": hubCache, "HOME": path]
        return options
    }
}

/// Loads one recipe text named `bad.yaml` in a fresh temporary folder.
func check(_ yaml: String, strict: Bool = false, file: String = "bad.yaml") throws -> RecipeCheck {
    let folder = try TemporaryFolder()
    return RecipeLoader.load([RecipeSource(path: file, text: yaml)], options: folder.options(strict: strict))
}

/// Returns the errors of a load as `line:column: message`.
func errorLines(_ check: RecipeCheck) -> [String] {
    lines(check.errors)
}

func warningLines(_ check: RecipeCheck) -> [String] {
    lines(check.diagnostics.filter { $0.severity == .warning })
}

func noteLines(_ check: RecipeCheck) -> [String] {
    lines(check.diagnostics.filter { $0.severity == .note })
}

/// Diagnostics as `line:column: message`, with temporary folder paths shown as `$TMP`.
private func lines(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { diagnostic in
        let location = diagnostic.location.map { "\($0.line):\($0.column)" } ?? "-"
        let message = diagnostic.message.replacing(#//[^ ,]*pedigree-recipes-[0-9A-F-]+/#, with: "$TMP")
        return "\(location): \(message)"
    }
}

/// The package root, found from this file's path.
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()
