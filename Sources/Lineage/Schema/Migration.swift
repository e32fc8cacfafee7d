/// One numbered schema change, from a file `migrations/NNNN_name.sql` of the source tree.
///
/// The EmbedMigrations build-tool plugin compiles every such file into `Migration.embedded`,
/// so the installed binary carries its schema.
struct Migration: Sendable {
    /// The number the file name starts with; `PRAGMA user_version` after it is applied.
    let version: Int
    /// The file name, for example `0001_initial.sql`.
    let fileName: String
    /// The file's exact bytes (UTF-8 SQL).
    let bytes: [UInt8]

    var sql: String { String(decoding: bytes, as: UTF8.self) }
}

/// Facts about the lineage schema that the migrations define.
public enum LineageSchema {
    /// `PRAGMA application_id` of a Pedigree lineage database: 0x50444752, the ASCII bytes
    /// "PDGR". `migrations/0001_initial.sql` sets it.
    public static let applicationID: Int64 = 0x5044_4752

    /// The newest schema version this build supports: the number of embedded migrations.
    public static var latestVersion: Int { Migration.embedded.count }
}
