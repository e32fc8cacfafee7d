import Foundation

/// `pedigree synthesize DIR`: writes a synthetic Mistral-shaped model family for trying
/// Pedigree out and for benchmarks.
enum SynthesizeCommand: Command {
    static let name = "synthesize"
    static let summary = "Write a synthetic Mistral-shaped model family (base, instruct, fine-tunes) for demos and benchmarks"
    static let positionalUsage = "DIR"
    static let positionalCount = 1...1
    static let options: [OptionSpec] = [
        .value("--size", "tiny|benchmark", "tiny: about 180 thousand parameters per model; benchmark: about 300 million (default: tiny)"),
        .value("--fine-tunes", "N", "number of fine-tunes besides the base and the instruct model (default: 4)"),
        .value("--threads", "N", "threads used to generate weights (default: all cores)"),
    ]

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        let shape: MistralShape
        switch arguments.value("--size") ?? "tiny" {
        case "tiny": shape = .tiny
        case "benchmark": shape = .benchmark
        case let other: throw UsageError("--size takes tiny or benchmark; got \"\(other)\"")
        }
        let fineTunes = try arguments.integer("--fine-tunes", minimum: 2) ?? 4
        let threads = try arguments.integer("--threads", minimum: 1) ?? ProcessInfo.processInfo.activeProcessorCount
        let directory = arguments.positionals[0]
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)

        let family = ModelFamily(shape: shape, fineTuneCount: fineTunes)
        let written = try family.write(to: directory, threads: threads) { console.log($0) }
        let kept = family.memberNames.filter { !written.contains($0) }
        if !kept.isEmpty {
            console.log("kept existing models: \(kept.joined(separator: ", "))")
        }
        console.print(family.memberNames.map { (directory as NSString).appendingPathComponent($0) }.joined(separator: "\n"))
        return 0
    }
}
