import Foundation

/// Runs Graphviz's `dot` to lay out graphs, when it is installed.
public enum Graphviz {
    /// Finds the first executable `dot` on `PATH`; nil when Graphviz is not installed.
    public static func executablePath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let directories = (environment["PATH"] ?? "").split(separator: ":")
        return directories.map { "\($0)/dot" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `executable` with `arguments` on `input` and returns what it writes. Input and
    /// output go through temporary files, so a large graph cannot fill a pipe and stall.
    /// - Throws: `GraphvizError` when it cannot start or exits with a non-zero status.
    public static func run(_ executable: String, arguments: [String], input: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pedigree-dot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputURL = directory.appendingPathComponent("graph.dot")
        let outputURL = directory.appendingPathComponent("output")
        let errorURL = directory.appendingPathComponent("errors")
        try input.write(to: inputURL, atomically: false, encoding: .utf8)
        guard FileManager.default.createFile(atPath: errorURL.path, contents: nil) else {
            throw GraphvizError(message: "could not create \(errorURL.path) for the output of \(executable)")
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments + ["-o", outputURL.path, inputURL.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        defer { try? errorHandle.close() }
        process.standardError = errorHandle
        do {
            try process.run()
        } catch {
            throw GraphvizError(message: "could not start \(executable): \(error)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let errors = (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
            throw GraphvizError(message: "\(executable) exited with status \(process.terminationStatus): "
                + errors.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return try String(contentsOf: outputURL, encoding: .utf8)
    }
}

/// `dot` could not be run or failed.
public struct GraphvizError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
