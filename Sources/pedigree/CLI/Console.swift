import Foundation

/// Where a command writes: results to standard output, errors, warnings and progress to
/// standard error.
final class Console: @unchecked Sendable {
    // @unchecked: writes are serialized by `lock`.
    private let lock = NSLock()
    /// Whether standard error is a terminal, so progress can be drawn as a bar.
    let isErrorTerminal: Bool

    init() {
        isErrorTerminal = isatty(STDERR_FILENO) == 1
    }

    /// Writes `text` and a newline to standard output.
    func print(_ text: String) {
        write(text + "\n", to: FileHandle.standardOutput)
    }

    /// Writes `text` to standard output as is.
    func printRaw(_ text: String) {
        write(text, to: FileHandle.standardOutput)
    }

    func error(_ message: String) {
        write("error: \(message)\n", to: FileHandle.standardError)
    }

    func warning(_ message: String) {
        write("warning: \(message)\n", to: FileHandle.standardError)
    }

    /// A plain line on standard error (log lines, notes).
    func log(_ message: String) {
        write(message + "\n", to: FileHandle.standardError)
    }

    /// Writes to standard error without a newline (progress bars redraw with `\r`).
    func status(_ text: String) {
        write(text, to: FileHandle.standardError)
    }

    private func write(_ text: String, to handle: FileHandle) {
        lock.lock()
        defer { lock.unlock() }
        handle.write(Data(text.utf8))
    }
}
