import Foundation

extension LineageStore {
    /// Records a built output and its files in one transaction.
    public func recordArtifact(_ artifact: BuiltArtifact) throws -> ArtifactRecord {
        try database.transaction {
            let createdAt = nowMilliseconds
            try database.execute(
                """
                INSERT INTO artifacts (path, content_hash, tensor_count, parameter_count, dtype,
                                       identity_hash, created_at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [artifact.path, artifact.contentHash, artifact.tensorCount, artifact.parameterCount,
                 artifact.dtype, artifact.identityHash, createdAt]
            )
            let id = database.lastInsertRowID
            for file in artifact.files {
                try database.execute(
                    "INSERT INTO artifact_files (artifact_id, name, size, sha256) VALUES (?, ?, ?, ?)",
                    [id, file.name, file.size, file.sha256]
                )
            }
            var stored = artifact
            stored.files.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            return ArtifactRecord(id: id, artifact: stored, createdAt: Date(unixMilliseconds: createdAt))
        }
    }

    /// Returns the artifact with row id `id` and its files sorted by name, or nil.
    public func artifact(id: Int64) throws -> ArtifactRecord? {
        try database.transaction(.deferred) {
            let record = try database.queryFirst(
                """
                SELECT id, path, content_hash, tensor_count, parameter_count, dtype, identity_hash,
                       created_at_ms
                FROM artifacts WHERE id = ?
                """,
                [id]
            ) { row in
                ArtifactRecord(
                    id: try row.int64(0),
                    artifact: BuiltArtifact(
                        path: try row.text(1),
                        contentHash: try row.text(2),
                        tensorCount: try row.int(3),
                        parameterCount: try row.int(4),
                        dtype: try row.text(5),
                        identityHash: try row.text(6),
                        files: []
                    ),
                    createdAt: try row.date(7)
                )
            }
            guard var record else { return nil }
            record.artifact.files = try database.query(
                "SELECT name, size, sha256 FROM artifact_files WHERE artifact_id = ? ORDER BY name", [id]
            ) { row in
                ArtifactFile(name: try row.text(0), size: try row.int(1), sha256: try row.text(2))
            }
            return record
        }
    }
}
