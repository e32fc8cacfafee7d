extension LineageStore {
    /// Marks a pending merge as running: sets the start time, the engine version and the
    /// content hashes of the inputs as the build reads them.
    ///
    /// - Parameter inputContentHashes: `sha256:` content hash by input position; positions
    ///   not listed keep no hash.
    /// - Throws: `LineageError.invalidTransition` unless the merge is pending.
    @discardableResult
    public func markRunning(
        mergeID: Int64, engineVersion: String, inputContentHashes: [Int: String] = [:]
    ) throws -> MergeRecord {
        try changeState(of: mergeID, to: .running) {
            try database.execute(
                "UPDATE merges SET state = 'running', engine_version = ?, started_at_ms = ? WHERE id = ?",
                [engineVersion, nowMilliseconds, mergeID]
            )
            for (position, hash) in inputContentHashes.sorted(by: { $0.key < $1.key }) {
                try database.execute(
                    "UPDATE merge_inputs SET input_content_hash = ? WHERE merge_id = ? AND position = ?",
                    [hash, mergeID, position]
                )
            }
        }
    }

    /// Marks a running merge as done and records its artifact, in one transaction, so a
    /// merge is never done without its output's hashes.
    ///
    /// - Throws: `LineageError.invalidTransition` unless the merge is running;
    ///   `.artifactIdentityMismatch` when the artifact was built for another identity.
    @discardableResult
    public func markDone(mergeID: Int64, artifact: BuiltArtifact) throws -> MergeRecord {
        try changeState(of: mergeID, to: .done) {
            let merge = try requireMerge(id: mergeID)
            guard artifact.identityHash == merge.identityHash else {
                throw LineageError.artifactIdentityMismatch(
                    mergeID: mergeID, mergeIdentity: merge.identityHash, artifactIdentity: artifact.identityHash)
            }
            let record = try recordArtifact(artifact)
            try database.execute(
                "UPDATE merges SET state = 'done', finished_at_ms = ?, output_artifact_id = ? WHERE id = ?",
                [nowMilliseconds, record.id, mergeID]
            )
        }
    }

    /// Marks a running merge as failed with `error`, the message to show.
    ///
    /// - Throws: `LineageError.invalidTransition` unless the merge is running.
    @discardableResult
    public func markFailed(mergeID: Int64, error: String) throws -> MergeRecord {
        try changeState(of: mergeID, to: .failed) {
            try database.execute(
                "UPDATE merges SET state = 'failed', error = ?, finished_at_ms = ? WHERE id = ?",
                [error, nowMilliseconds, mergeID]
            )
        }
    }

    /// Returns a running merge (whose build was abandoned) or a failed one (to retry) to
    /// pending, clearing its start and end times, error, engine version and input hashes.
    ///
    /// - Throws: `LineageError.invalidTransition` unless the merge is running or failed.
    @discardableResult
    public func markPending(mergeID: Int64) throws -> MergeRecord {
        try changeState(of: mergeID, to: .pending) {
            try database.execute(
                """
                UPDATE merges SET state = 'pending', error = NULL, engine_version = NULL,
                                  started_at_ms = NULL, finished_at_ms = NULL
                WHERE id = ?
                """,
                [mergeID]
            )
            try database.execute("UPDATE merge_inputs SET input_content_hash = NULL WHERE merge_id = ?", [mergeID])
        }
    }

    /// Checks under the write lock that merge `id` may change to `next`, runs `update`, and
    /// returns the merge as it is afterwards.
    private func changeState(of id: Int64, to next: MergeState, _ update: () throws -> Void) throws -> MergeRecord {
        try database.transaction {
            let merge = try requireMerge(id: id)
            guard merge.state.canChange(to: next) else {
                throw LineageError.invalidTransition(mergeID: id, name: merge.name, from: merge.state, to: next)
            }
            try update()
            return try requireMerge(id: id)
        }
    }
}
