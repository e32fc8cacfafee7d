import Foundation
import Models
import SafeTensors

/// Checks a merge's inputs that are already on disk, reading only `config.json` and
/// safetensors headers, so a recipe that cannot work fails in seconds rather than after a
/// long merge. Inputs that are merges or not downloaded are skipped.
struct DiskChecks {
    let directories: ModelDirectoryCache

    func check(_ merge: ResolvedMerge, log: inout DiagnosticLog) {
        var opened: [(input: ResolvedInput, model: ModelDirectory)] = []
        for input in merge.allInputs {
            if case .directory(let path, _)? = input.adapter, !FileManager.default.fileExists(atPath: path + "/adapter_config.json") {
                let written = input.reference.adapter.map { "\($0)" } ?? path
                log.error(input.reference.location, "adapter folder \(written) has no adapter_config.json; after '+' name a PEFT LoRA adapter folder")
            }
            guard case .directory(let path, _) = input.model else { continue }
            switch directories.open(path) {
            case .success(let model):
                opened.append((input, model))
            case .failure(let error):
                log.error(input.reference.location, "cannot read model \(input.reference.model): \(error)")
            }
        }
        guard let reference = opened.first else { return }
        checkArchitectures(opened, reference: reference, log: &log)
        checkLayerRanges(merge, log: &log)
        // NOTE: tensors of slice merges are not compared, because their layers are renumbered.
        if merge.slices == nil {
            checkTensors(merge, log: &log)
        }
    }

    private func checkArchitectures(_ opened: [(input: ResolvedInput, model: ModelDirectory)],
                                    reference: (input: ResolvedInput, model: ModelDirectory), log: inout DiagnosticLog) {
        guard let expected = reference.model.architecture else { return }
        for (input, model) in opened.dropFirst() {
            if let architecture = model.architecture, architecture != expected {
                log.error(input.reference.location, "\(input.reference.model) is a \(architecture) but \(reference.input.reference.model) is a \(expected); all inputs of a merge need the same architecture")
            }
        }
    }

    private func checkLayerRanges(_ merge: ResolvedMerge, log: inout DiagnosticLog) {
        for slice in merge.slices ?? [] {
            for source in slice.sources {
                guard let range = source.layerRange, let layerCount = openedModel(source.input)?.layerCount,
                      range.upperBound > layerCount else { continue }
                log.error(source.input.reference.location, "layer_range [\(range.lowerBound), \(range.upperBound)) goes past the \(layerCount) layers of \(source.input.reference.model) (num_hidden_layers in its config.json); END is exclusive, so it can be at most \(layerCount)")
            }
        }
    }

    /// Compares each ingredient's tensor names and shapes with the base's (or, without a base
    /// on disk, with the first ingredient's).
    private func checkTensors(_ merge: ResolvedMerge, log: inout DiagnosticLog) {
        let inputs = ([merge.base].compactMap { $0 } + merge.ingredients.map(\.input)).compactMap { input in
            openedModel(input).map { (input: input, model: $0) }
        }
        guard let reference = inputs.first else { return }
        for (input, model) in inputs.dropFirst() {
            let missing = reference.model.tensorNames.filter { model.location(of: $0) == nil }
            if let first = missing.first {
                log.error(input.reference.location, "\(input.reference.model) lacks \(missing.count) tensor\(missing.count == 1 ? "" : "s") that \(reference.input.reference.model) has (first: \(first)); merge models of the same architecture and size")
                continue
            }
            for name in reference.model.tensorNames {
                guard let expected = reference.model.location(of: name)?.info.shape,
                      let actual = model.location(of: name)?.info.shape, actual != expected else { continue }
                let isEmbedding = Self.isEmbedding(name) && actual.dropFirst() == expected.dropFirst()
                if isEmbedding, merge.tokenizer != nil { continue }
                var message = "tensor \(name) has shape \(actual) in \(input.reference.model) but \(expected) in \(reference.input.reference.model)"
                message += isEmbedding
                    ? "; the vocabularies differ, so add tokenizer: {source: union} (or tokenizer_source) to align them"
                    : "; merge models of the same architecture and size"
                log.error(input.reference.location, message)
                break
            }
        }
    }

    /// Returns the opened model directory of an input on disk, or nil when it is elsewhere or
    /// failed to open (that failure is already reported).
    private func openedModel(_ input: ResolvedInput) -> ModelDirectory? {
        guard case .directory(let path, _) = input.model, case .success(let model) = directories.open(path) else { return nil }
        return model
    }

    /// Returns whether the tensor is indexed by token: an input embedding or an output head.
    static func isEmbedding(_ name: String) -> Bool {
        ["embed_tokens", "lm_head", "wte", "word_embeddings", "embed_out", "output.weight"].contains { name.contains($0) }
    }
}

/// Model directories opened during one load, so each is opened once however many merges
/// read it. Not thread-safe: one load runs on one thread.
final class ModelDirectoryCache {
    private var opened: [String: Result<ModelDirectory, any Error>] = [:]

    func open(_ path: String) -> Result<ModelDirectory, any Error> {
        if let result = opened[path] { return result }
        let result = Result { try ModelDirectory(path: path) }
        opened[path] = result
        return result
    }
}

/// Content hashes from the Models module's `ContentHasher`, which reads every tensor byte
/// (on several threads) unless its file hash cache has the file's digests.
public struct ContentHashSources: SourceIdentityProvider {
    public var hasher: ContentHasher

    public init(hasher: ContentHasher = ContentHasher()) {
        self.hasher = hasher
    }

    public func contentHash(ofDirectoryAt path: String) throws -> String? {
        hasher.hash(try ModelDirectory(path: path)).contentHash
    }
}
