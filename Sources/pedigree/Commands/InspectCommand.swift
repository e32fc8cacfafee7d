import Foundation
import Models
import SafeTensors

/// `pedigree inspect PATH`: what a model directory or weights file holds.
enum InspectCommand: Command {
    static let name = "inspect"
    static let summary = "Show a model's architecture, tensor and parameter counts, dtypes, files and content hash"
    static let positionalUsage = "PATH"
    static let positionalCount = 1...1
    static let options: [OptionSpec] = [
        .flag("--json", "print JSON instead of text"),
        .value("--threads", "N", "threads used for hashing (default: all cores)"),
    ]

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        let path = arguments.positionals[0]
        let threads = try arguments.integer("--threads", minimum: 1) ?? ProcessInfo.processInfo.activeProcessorCount
        let model = try ModelDirectory(path: path)
        let summary = ModelSummary(model: model, hashes: ContentHasher(threadCount: threads).hash(model))
        if arguments.flag("--json") {
            console.print(summary.json.prettyPrinted())
        } else {
            console.print(summary.text)
        }
        return 0
    }
}

/// The figures `inspect` reports.
struct ModelSummary {
    var path: String
    var architecture: String?
    var tensorCount = 0
    /// Elements of floating-point tensors.
    var parameterCount = 0
    var elementCount = 0
    var tensorsByDType: [DType: Int] = [:]
    var files: [(name: String, bytes: Int)] = []
    var contentHash: String

    init(model: ModelDirectory, hashes: ModelHashes) {
        path = model.path
        architecture = model.architecture
        contentHash = hashes.contentHash
        for file in model.weightFiles {
            files.append((file.fileName, file.fileSize))
            for info in file.tensors {
                tensorCount += 1
                elementCount += info.elementCount
                if info.dtype.isFloatingPoint { parameterCount += info.elementCount }
                tensorsByDType[info.dtype, default: 0] += 1
            }
        }
    }

    var totalBytes: Int { files.reduce(0) { $0 + $1.bytes } }

    private var sortedDTypes: [(DType, Int)] {
        tensorsByDType.sorted { $0.key.rawValue < $1.key.rawValue }
    }

    var text: String {
        var lines = [
            "path:          \(path)",
            "architecture:  \(architecture ?? "unknown (no config.json architectures)")",
            "tensors:       \(grouped(tensorCount))",
            "parameters:    \(grouped(parameterCount)) (elements of floating-point tensors)",
            "elements:      \(grouped(elementCount))",
            "dtypes:        " + sortedDTypes.map { "\($0.0.rawValue) \($0.1)" }.joined(separator: ", "),
            "files:",
        ]
        let width = files.map(\.name.count).max() ?? 0
        for file in files {
            lines.append("  \(file.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(grouped(file.bytes)) bytes")
        }
        lines.append("total bytes:   \(grouped(totalBytes))")
        lines.append("content hash:  \(contentHash)")
        return lines.joined(separator: "\n")
    }

    var json: JSONValue {
        var dtypes = JSONObject()
        for (dtype, count) in sortedDTypes { dtypes[dtype.rawValue] = .integer(count) }
        let fileList = files.map { file in
            JSONValue.object(JSONObject(["name": .string(file.name), "bytes": .integer(file.bytes)]))
        }
        return .object(JSONObject([
            "format_version": .integer(1),
            "path": .string(path),
            "architecture": architecture.map(JSONValue.string) ?? .null,
            "tensor_count": .integer(tensorCount),
            "parameter_count": .integer(parameterCount),
            "element_count": .integer(elementCount),
            "dtypes": .object(dtypes),
            "files": .array(fileList),
            "total_bytes": .integer(totalBytes),
            "content_hash": .string(contentHash),
        ]))
    }
}

/// `22713216` -> `22,713,216`.
func grouped(_ number: Int) -> String {
    let digits = String(number.magnitude)
    var output = ""
    for (index, character) in digits.enumerated() {
        if index > 0, (digits.count - index) % 3 == 0 { output.append(",") }
        output.append(character)
    }
    return number < 0 ? "-" + output : output
}
