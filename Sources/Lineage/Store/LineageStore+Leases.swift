import Foundation

extension LineageStore {
    /// Tries to acquire the build lease on merge `mergeID`'s identity for `owner`.
    ///
    /// The check and the write happen in one `BEGIN IMMEDIATE` transaction, so of several
    /// processes racing for a free or stale lease exactly one wins. An existing lease is
    /// stale when its heartbeat is older than `staleAfter` seconds, or when its holder is on
    /// this host (`owner.host`) and `isProcessAlive` returns false for its pid. A live lease is
    /// never taken over, even when `owner` is its holder.
    public func acquireLease(
        mergeID: Int64,
        owner: LeaseOwner = .current,
        staleAfter: TimeInterval,
        isProcessAlive: (Int32) -> Bool = LeaseOwner.isProcessAlive
    ) throws -> LeaseAcquisition {
        try database.transaction {
            let identityHash = try requireMerge(id: mergeID).identityHash
            let now = nowMilliseconds
            let previous = try database.queryFirst(
                "\(Self.leaseColumns) WHERE identity_hash = ?", [identityHash], Self.readLease
            )
            if let previous, !isStale(previous, now: now, staleAfter: staleAfter, host: owner.host, isProcessAlive: isProcessAlive) {
                return .heldBy(previous)
            }

            try database.execute(
                """
                INSERT OR REPLACE INTO leases (identity_hash, merge_id, pid, host, acquired_at_ms, heartbeat_at_ms)
                VALUES (?1, ?2, ?3, ?4, ?5, ?5)
                """,
                [identityHash, mergeID, owner.pid, owner.host, now]
            )
            let lease = Lease(
                identityHash: identityHash, mergeID: mergeID, owner: owner,
                acquiredAt: Date(unixMilliseconds: now), heartbeatAt: Date(unixMilliseconds: now)
            )
            if let previous {
                return .tookOver(lease, previous: previous)
            }
            return .acquired(lease)
        }
    }

    /// Moves the heartbeat of `lease` to now.
    ///
    /// - Throws: `LineageError.leaseNotHeld` when the lease was released or taken over.
    public func renewLease(_ lease: Lease) throws -> Lease {
        let now = nowMilliseconds
        try database.execute(
            "UPDATE leases SET heartbeat_at_ms = ? WHERE identity_hash = ? AND pid = ? AND host = ? AND acquired_at_ms = ?",
            [now, lease.identityHash, lease.owner.pid, lease.owner.host, lease.acquiredAt.unixMilliseconds]
        )
        guard database.changes == 1 else {
            throw LineageError.leaseNotHeld(identityHash: lease.identityHash, owner: lease.owner)
        }
        var renewed = lease
        renewed.heartbeatAt = Date(unixMilliseconds: now)
        return renewed
    }

    /// Gives up `lease`.
    ///
    /// - Throws: `LineageError.leaseNotHeld` when the lease was already released or taken
    ///   over; the caller's build may then have been duplicated and must not be recorded.
    public func releaseLease(_ lease: Lease) throws {
        try database.execute(
            "DELETE FROM leases WHERE identity_hash = ? AND pid = ? AND host = ? AND acquired_at_ms = ?",
            [lease.identityHash, lease.owner.pid, lease.owner.host, lease.acquiredAt.unixMilliseconds]
        )
        guard database.changes == 1 else {
            throw LineageError.leaseNotHeld(identityHash: lease.identityHash, owner: lease.owner)
        }
    }

    /// Returns every lease, sorted by identity hash.
    public func leases() throws -> [Lease] {
        try database.query("\(Self.leaseColumns) ORDER BY identity_hash", [], Self.readLease)
    }

    /// Returns the leases that `acquireLease` would take over, seen from `host`, sorted by identity.
    public func staleLeases(
        staleAfter: TimeInterval,
        host: String = LeaseOwner.current.host,
        isProcessAlive: (Int32) -> Bool = LeaseOwner.isProcessAlive
    ) throws -> [Lease] {
        let now = nowMilliseconds
        return try leases().filter {
            isStale($0, now: now, staleAfter: staleAfter, host: host, isProcessAlive: isProcessAlive)
        }
    }

    private func isStale(
        _ lease: Lease, now: Int64, staleAfter: TimeInterval, host: String, isProcessAlive: (Int32) -> Bool
    ) -> Bool {
        let expiry = lease.heartbeatAt.unixMilliseconds + Int64((staleAfter * 1000).rounded())
        if now > expiry {
            return true
        }
        return lease.owner.host == host && !isProcessAlive(lease.owner.pid)
    }

    private static let leaseColumns = """
        SELECT identity_hash, merge_id, pid, host, acquired_at_ms, heartbeat_at_ms FROM leases
        """

    private static func readLease(_ row: Row) throws -> Lease {
        Lease(
            identityHash: try row.text(0),
            mergeID: try row.int64(1),
            owner: LeaseOwner(pid: Int32(truncatingIfNeeded: try row.int64(2)), host: try row.text(3)),
            acquiredAt: try row.date(4),
            heartbeatAt: try row.date(5)
        )
    }
}
