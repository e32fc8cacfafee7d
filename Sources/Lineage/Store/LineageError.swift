/// A failure of the lineage store that is not a plain SQLite error.
public enum LineageError: Error, Equatable, CustomStringConvertible {
    /// The file is a SQLite database that another program made.
    case notLineageDatabase(path: String, applicationID: Int64)
    /// The file is not a SQLite database at all.
    case notSQLiteDatabase(path: String, message: String)
    /// A newer Pedigree wrote the file with a schema this build does not know.
    case schemaTooNew(path: String, version: Int, supported: Int)
    /// SQLite would not switch the file to write-ahead logging.
    case writeAheadLogUnavailable(path: String, journalMode: String)
    /// A migration's SQL failed; the migration was rolled back.
    case migrationFailed(fileName: String, error: DatabaseError)
    /// A migration left rows that break foreign keys; it was rolled back.
    case migrationBrokeForeignKeys(fileName: String, violations: [ForeignKeyViolation])
    /// No merge row has this id.
    case mergeNotFound(id: Int64)
    /// A merge state change that the state machine does not allow.
    case invalidTransition(mergeID: Int64, name: String, from: MergeState, to: MergeState)
    /// An artifact recorded for a merge was built for another identity.
    case artifactIdentityMismatch(mergeID: Int64, mergeIdentity: String, artifactIdentity: String)
    /// The caller does not hold the lease it tried to renew or release.
    case leaseNotHeld(identityHash: String, owner: LeaseOwner)

    public var description: String {
        switch self {
        case .notLineageDatabase(let path, let applicationID):
            let found = "0x" + String(applicationID, radix: 16)
            return "\(path) is a SQLite database of another program (application_id \(found), "
                + "Pedigree uses 0x50444752); choose another database path"
        case .notSQLiteDatabase(let path, let message):
            return "\(path) is not a SQLite database (\(message)); choose another database path"
        case .schemaTooNew(let path, let version, let supported):
            return "\(path) has lineage schema version \(version), but this Pedigree supports "
                + "versions up to \(supported); upgrade Pedigree to open it"
        case .writeAheadLogUnavailable(let path, let journalMode):
            return "\(path): SQLite kept journal mode '\(journalMode)' instead of 'wal'; "
                + "put the database on a local file system"
        case .migrationFailed(let fileName, let error):
            return "migration \(fileName) failed and was rolled back: \(error)"
        case .migrationBrokeForeignKeys(let fileName, let violations):
            let rows = violations.map(\.description).joined(separator: "; ")
            return "migration \(fileName) was rolled back because it left rows that break "
                + "foreign keys: \(rows)"
        case .mergeNotFound(let id):
            return "no merge with id \(id) in the lineage database"
        case .invalidTransition(let mergeID, let name, let from, let to):
            return "merge '\(name)' (id \(mergeID)) is \(from.rawValue) and cannot become \(to.rawValue)"
        case .artifactIdentityMismatch(let mergeID, let mergeIdentity, let artifactIdentity):
            return "artifact built for \(artifactIdentity) cannot complete merge \(mergeID), whose "
                + "identity is \(mergeIdentity); build the merge's current identity"
        case .leaseNotHeld(let identityHash, let owner):
            return "process \(owner.pid) on \(owner.host) does not hold the lease on \(identityHash); "
                + "another process may have taken it over after its heartbeat expired"
        }
    }
}
