import Foundation
import Models
import SafeTensors

extension ShardedWeightsWriter: TensorSink {}

/// A merged model written to disk.
public struct MergeOutput: Sendable {
    public var path: String
    /// `sha256:` content hash of the written tensors (see `ContentHasher`).
    public var contentHash: String
    /// SHA-256 of each weights file by file name.
    public var fileSHA256: [String: String]
    public var statistics: [String: TensorStatistics]
}

extension MergeEngine {
    /// Runs `plan` and writes a complete model directory at `destination`. It contains the
    /// shards and the side files of the layout source (tokenizer files come from
    /// `tokenizerSource` when given). Its `config.json` has `torch_dtype` and `dtype` set to
    /// the dtype actually written, and `mergekit_config.yml` contains `recipeText` when given.
    ///
    /// Everything is written to a temporary sibling directory, hashed, and renamed into place
    /// only when complete; a directory already at `destination` is replaced. On failure
    /// nothing appears at `destination`.
    public func write(
        _ plan: TensorPlan, to destination: String, recipeText: String?,
        tokenizerSource: MergeInput? = nil, maximumShardBytes: Int = 5_000_000_000
    ) throws -> MergeOutput {
        let fileManager = FileManager.default
        // Split by hand: Foundation's NSString path methods trap on one-character paths
        // (swift-corelibs-foundation in Swift 6.3.1).
        var trimmed = Substring(destination)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        let slash = trimmed.lastIndex(of: "/")
        let parent = slash.map { String(trimmed[...$0]) } ?? "./"
        let name = slash.map { String(trimmed[trimmed.index(after: $0)...]) } ?? String(trimmed)
        let staging = parent + ".\(name).pedigree-partial-\(UUID().uuidString)"
        do {
            try fileManager.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw MergeError.outputFailed(path: destination, detail: "cannot create \(staging): \(error.localizedDescription)")
        }
        do {
            let writer = try ShardedWeightsWriter(
                directory: staging, tensors: plan.outputs.map { TensorSpec(name: $0.name, dtype: $0.dtype, shape: $0.shape) },
                maximumShardBytes: maximumShardBytes)
            let statistics: [String: TensorStatistics]
            do {
                statistics = try run(plan, into: writer)
                _ = try writer.finish()
            } catch {
                writer.abandon()
                throw error
            }
            try copySideFiles(plan, into: staging, tokenizerSource: tokenizerSource)
            if let recipeText {
                try Data(recipeText.utf8).write(to: URL(fileURLWithPath: staging + "/mergekit_config.yml"))
            }
            let written = try ModelDirectory(path: staging)
            let hashes = ContentHasher(threadCount: options.threadCount).hash(written, includeFiles: true)
            try replace(destination, with: staging)
            return MergeOutput(path: destination, contentHash: hashes.contentHash, fileSHA256: hashes.fileSHA256, statistics: statistics)
        } catch {
            try? fileManager.removeItem(atPath: staging)
            throw error
        }
    }

    private func copySideFiles(_ plan: TensorPlan, into staging: String, tokenizerSource: MergeInput?) throws {
        let fileManager = FileManager.default
        guard let layout = plan.job.layoutSource else { return }
        for file in SideFiles.names {
            let donor = SideFiles.tokenizerNames.contains(file) ? (tokenizerSource ?? layout) : layout
            let source = donor.model.path + "/" + file
            guard fileManager.fileExists(atPath: source) else { continue }
            if file == "config.json" {
                try writeConfig(from: donor.model.config, plan: plan, to: staging + "/config.json")
            } else {
                try fileManager.copyItem(atPath: source, toPath: staging + "/" + file)
            }
        }
    }

    /// Writes the donor's config with `torch_dtype` and `dtype` set to the floating-point type
    /// of most of the written elements.
    private func writeConfig(from config: JSONObject?, plan: TensorPlan, to path: String) throws {
        guard var config else { return }
        var elements: [DType: Int] = [:]
        for output in plan.outputs where output.dtype.isFloatingPoint {
            elements[output.dtype, default: 0] += output.shape.reduce(1, *)
        }
        if let written = elements.max(by: { ($0.value, $0.key.rawValue) < ($1.value, $1.key.rawValue) })?.key, let torchName = written.torchName {
            config["torch_dtype"] = .string(torchName)
            config["dtype"] = .string(torchName)
        }
        try Data((JSONValue.object(config).prettyPrinted(indent: 2) + "\n").utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Moves `staging` to `destination`, replacing what is there only after the new directory
    /// is complete.
    private func replace(_ destination: String, with staging: String) throws {
        let fileManager = FileManager.default
        var previous: String?
        if fileManager.fileExists(atPath: destination) {
            let aside = staging + "-previous"
            guard rename(destination, aside) == 0 else {
                throw MergeError.outputFailed(path: destination, detail: "cannot move the existing directory aside: \(String(cString: strerror(errno)))")
            }
            previous = aside
        }
        guard rename(staging, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            if let previous { _ = rename(previous, destination) }
            throw MergeError.outputFailed(path: destination, detail: "cannot rename \(staging) into place: \(reason)")
        }
        if let previous { try? fileManager.removeItem(atPath: previous) }
    }
}
