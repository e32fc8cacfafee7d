import Foundation
import Lineage

/// Renews a build lease every `interval` seconds on a thread of its own, so other runs can
/// tell a long build from a dead one.
final class Heartbeat: @unchecked Sendable {
    // @unchecked: `isStopped` is only touched under `condition`.
    private let condition = NSCondition()
    private var isStopped = false
    private let finished = DispatchSemaphore(value: 0)

    init(databasePath: String, lease: Lease, interval: TimeInterval) {
        let thread = Thread { [self] in
            defer { finished.signal() }
            // A failure here only means other runs may take the lease over after the timeout.
            guard let store = try? LineageStore(path: databasePath) else { return }
            var current = lease
            condition.lock()
            while !isStopped {
                _ = condition.wait(until: Date().addingTimeInterval(interval))
                if isStopped { break }
                condition.unlock()
                if let renewed = try? store.renewLease(current) { current = renewed }
                condition.lock()
            }
            condition.unlock()
        }
        thread.start()
    }

    /// Stops renewing and waits for the thread to end.
    func stop() {
        condition.lock()
        isStopped = true
        condition.signal()
        condition.unlock()
        finished.wait()
    }
}
