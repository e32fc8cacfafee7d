import Foundation
import XCTest
@testable import Recipes
import SafeTensors

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

extension TemporaryFolder {
    /// Writes a tiny model at `relative`: a `config.json` naming `architecture` and `layers`,
    /// and F32 tensors `model.embed_tokens.weight` [vocabulary, 4], one
    /// `model.layers.N.mlp.weight` [4, 4] per layer and `model.norm.weight` [4], all filled
    /// with `fill`. Returns the folder's absolute path.
    @discardableResult
    func makeModel(_ relative: String, architecture: String = "MistralForCausalLM", layers: Int = 2,
                   vocabulary: Int = 8, fill: Float = 1) throws -> String {
        let folder = try makeFolder(relative)
        try write(#"{"architectures": ["\#(architecture)"], "num_hidden_layers": \#(layers)}"#, to: relative + "/config.json")
        func tensor(_ name: String, _ shape: [Int]) -> (TensorSpec, [UInt8]) {
            let count = shape.reduce(1, *)
            let bytes = Array(repeating: fill, count: count).withUnsafeBytes { Array($0) }
            return (TensorSpec(name: name, dtype: .F32, shape: shape), bytes)
        }
        var tensors = [tensor("model.embed_tokens.weight", [vocabulary, 4])]
        for layer in 0..<layers {
            tensors.append(tensor("model.layers.\(layer).mlp.weight", [4, 4]))
        }
        tensors.append(tensor("model.norm.weight", [4]))
        try SafeTensorsWriter.write(tensors: tensors, to: folder + "/model.safetensors")
        return folder
    }
}
