import Foundation
import XCTest

/// Runs the built `pedigree` binary and captures what it prints.
struct CLIResult {
    var exitCode: Int32
    var stdout: String
    var stderr: String
}

enum CLI {
    /// The `pedigree` executable beside the test bundle in the build directory.
    static var executable: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pedigree").path
    }

    /// The package root, found from this file's path.
    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// `shared/` beside the checkout, which holds the parity models and fixtures.
    static var shared: String {
        URL(fileURLWithPath: packageRoot).deletingLastPathComponent().appendingPathComponent("shared").path
    }

    static func run(_ arguments: [String], environment: [String: String] = [:], directory: String? = nil) throws -> CLIResult {
        try runProcess(executable, arguments, environment: environment, directory: directory)
    }

    static func runProcess(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                           directory: String? = nil) throws -> CLIResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        // Read both pipes before waiting so a large output cannot block the child.
        let errData = ReadInBackground(errPipe.fileHandleForReading)
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(exitCode: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData.wait(), as: UTF8.self))
    }
}

/// Reads a file handle to its end on another thread.
final class ReadInBackground: @unchecked Sendable {
    // @unchecked: `data` is written once before `done` is signalled and read after.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
