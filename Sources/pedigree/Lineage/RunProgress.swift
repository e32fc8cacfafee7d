import Foundation
import Merging
import Scheduler

/// Renders run events: a progress bar per merge on a terminal, plain log lines otherwise.
final class RunProgress: @unchecked Sendable {
    // @unchecked: `barShown` and `lastDraw` are only touched under `lock`.
    private let console: Console
    private let lock = NSLock()
    private var barShown = false
    private var lastDraw = Date.distantPast
    private var started: [String: Date] = [:]

    init(console: Console) {
        self.console = console
    }

    func handle(_ event: RunEvent) {
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .progress(let merge, let progress):
            guard console.isErrorTerminal else { return }
            let now = Date()
            guard now.timeIntervalSince(lastDraw) > 0.1 || progress.tensorsDone == progress.tensorCount else { return }
            lastDraw = now
            console.status("\r\u{1B}[K" + bar(merge, progress, elapsed: now.timeIntervalSince(started[merge] ?? now)))
            barShown = true
        case .started(let merge, let reasons):
            started[merge] = Date()
            line("building \(merge): \(reasons.map(\.description).joined(separator: "; "))")
        case .finished(let merge, let contentHash, let seconds, let path):
            line("built \(merge) in \(String(format: "%.2f", seconds)) s: \(contentHash) at \(path)")
        case .reused(let merge, let contentHash, _):
            line("up to date \(merge): \(contentHash)")
        case .failed(let merge, let error):
            line("error: \(merge) failed: \(error)")
        case .skipped(let merge, let reason):
            line("skipped \(merge): \(reason)")
        case .waiting(let merge, let owner):
            line("waiting for \(merge), which \(owner) is building")
        case .recovered(let merge, let detail):
            line("recovered \(merge): \(detail)")
        case .warning(let merge, let message):
            line("warning: \(merge.map { "\($0): " } ?? "")\(message)")
        }
    }

    /// Clears a progress bar left on the terminal.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if barShown { console.status("\r\u{1B}[K") }
        barShown = false
    }

    private func line(_ text: String) {
        if barShown {
            console.status("\r\u{1B}[K")
            barShown = false
        }
        console.log(text)
    }

    private func bar(_ merge: String, _ progress: MergeProgress, elapsed: TimeInterval) -> String {
        let fraction = progress.byteCount > 0 ? Double(progress.bytesWritten) / Double(progress.byteCount) : 0
        let width = 30
        let filled = Int(fraction * Double(width))
        let eta = fraction > 0.01 ? String(format: " ETA %.0f s", elapsed / fraction - elapsed) : ""
        return "\(merge) [" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            + "\(progress.tensorsDone)/\(progress.tensorCount) tensors, \(ByteSize.format(progress.bytesWritten))"
            + " of \(ByteSize.format(progress.byteCount))\(eta)"
    }
}
