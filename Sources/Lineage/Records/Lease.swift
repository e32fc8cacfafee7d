import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A process that can hold leases and start runs: its process id and host name.
public struct LeaseOwner: Equatable, Hashable, Sendable {
    public var pid: Int32
    public var host: String

    public init(pid: Int32, host: String) {
        self.pid = pid
        self.host = host
    }

    /// This process on this host.
    public static var current: LeaseOwner {
        LeaseOwner(pid: getpid(), host: currentHostName())
    }

    private static func currentHostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// True unless the process `pid` on this host is known to be gone. A process of another
    /// user still counts as alive (`kill` fails with `EPERM`, not `ESRCH`).
    public static func isProcessAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno != ESRCH
    }
}

/// The right of one process to build one merge identity (a row of `leases`).
public struct Lease: Equatable, Sendable {
    public var identityHash: String
    /// The merge row the holder is building.
    public var mergeID: Int64
    public var owner: LeaseOwner
    public var acquiredAt: Date
    /// When the holder last renewed the lease.
    public var heartbeatAt: Date

    public init(identityHash: String, mergeID: Int64, owner: LeaseOwner, acquiredAt: Date, heartbeatAt: Date) {
        self.identityHash = identityHash
        self.mergeID = mergeID
        self.owner = owner
        self.acquiredAt = acquiredAt
        self.heartbeatAt = heartbeatAt
    }
}

/// The result of trying to acquire a lease.
public enum LeaseAcquisition: Equatable, Sendable {
    /// The lease was free, and the caller holds it now.
    case acquired(Lease)
    /// A stale lease (holder gone or heartbeat expired) was taken over; `previous` is the
    /// lease that was replaced, whose partial output the caller should discard.
    case tookOver(Lease, previous: Lease)
    /// Another live holder has the lease.
    case heldBy(Lease)

    /// The caller's lease, or nil when another process holds it.
    public var acquiredLease: Lease? {
        switch self {
        case .acquired(let lease), .tookOver(let lease, _):
            return lease
        case .heldBy:
            return nil
        }
    }
}
