import Foundation

extension LineageStore {
    /// Records a new pending merge and its inputs in one transaction.
    ///
    /// - Throws: `DatabaseError` when a constraint fails, for example an input that refers
    ///   to a missing row or to a merge recorded after this one.
    public func insertMerge(_ definition: MergeDefinition, inputs: [MergeInput]) throws -> MergeRecord {
        try database.transaction {
            try database.execute(
                """
                INSERT INTO merges (identity_hash, name, method, semantics, parameters_json,
                                    recipe_path, recipe_document, canonical_json, created_at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [definition.identityHash, definition.name, definition.method, definition.semantics.rawValue,
                 definition.parametersJSON, definition.recipePath, definition.recipeDocument,
                 definition.canonicalJSON, nowMilliseconds]
            )
            let id = database.lastInsertRowID
            try insertInputs(inputs, mergeID: id)
            return try requireMerge(id: id)
        }
    }

    /// Replaces the definition and inputs of a pending merge.
    ///
    /// - Throws: `LineageError.mergeNotFound`, or `.invalidTransition` when the merge is not
    ///   pending (a started build's record is history and stays as it is).
    public func updateMerge(id: Int64, _ definition: MergeDefinition, inputs: [MergeInput]) throws -> MergeRecord {
        try database.transaction {
            let merge = try requireMerge(id: id)
            guard merge.state == .pending else {
                throw LineageError.invalidTransition(mergeID: id, name: merge.name, from: merge.state, to: .pending)
            }
            try database.execute(
                """
                UPDATE merges SET identity_hash = ?, name = ?, method = ?, semantics = ?,
                                  parameters_json = ?, recipe_path = ?, recipe_document = ?,
                                  canonical_json = ?
                WHERE id = ?
                """,
                [definition.identityHash, definition.name, definition.method, definition.semantics.rawValue,
                 definition.parametersJSON, definition.recipePath, definition.recipeDocument,
                 definition.canonicalJSON, id]
            )
            try database.execute("DELETE FROM merge_inputs WHERE merge_id = ?", [id])
            try insertInputs(inputs, mergeID: id)
            return try requireMerge(id: id)
        }
    }

    private func insertInputs(_ inputs: [MergeInput], mergeID: Int64) throws {
        // Adapters refer to the position of their target, so targets go in first.
        let ordered = inputs.filter { $0.role != .adapter } + inputs.filter { $0.role == .adapter }
        for input in ordered {
            let (modelID, inputMergeID): (Int64?, Int64?)
            switch input.source {
            case .model(let id): (modelID, inputMergeID) = (id, nil)
            case .merge(let id): (modelID, inputMergeID) = (nil, id)
            }
            try database.execute(
                """
                INSERT INTO merge_inputs (merge_id, position, role, input_model_id, input_merge_id,
                                          adapter_target, weight, parameters_json, input_identity,
                                          input_content_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [mergeID, input.position, input.role.rawValue, modelID, inputMergeID, input.adapterTarget,
                 input.weight, input.parametersJSON, input.inputIdentity, input.inputContentHash]
            )
        }
    }

    /// Returns the merge with row id `id`, or nil.
    public func merge(id: Int64) throws -> MergeRecord? {
        try database.queryFirst("\(Self.mergeColumns) WHERE id = ?", [id], Self.readMerge)
    }

    /// Returns the most recently recorded merge named `name`, or nil.
    public func latestMerge(named name: String) throws -> MergeRecord? {
        try database.queryFirst("\(Self.mergeColumns) WHERE name = ? ORDER BY id DESC LIMIT 1", [name], Self.readMerge)
    }

    /// Returns every merge recorded for `identityHash`, oldest first.
    public func merges(identityHash: String) throws -> [MergeRecord] {
        try database.query("\(Self.mergeColumns) WHERE identity_hash = ? ORDER BY id", [identityHash], Self.readMerge)
    }

    /// Returns the done merge for `identityHash` that finished last, or nil. An up-to-date
    /// check verifies this record's artifact.
    public func latestDoneMerge(identityHash: String) throws -> MergeRecord? {
        try database.queryFirst(
            "\(Self.mergeColumns) WHERE identity_hash = ? AND state = 'done' ORDER BY finished_at_ms DESC, id DESC LIMIT 1",
            [identityHash], Self.readMerge
        )
    }

    /// Returns the inputs of merge `mergeID`, by position.
    public func inputs(ofMerge mergeID: Int64) throws -> [MergeInput] {
        try database.query(
            """
            SELECT position, role, input_model_id, input_merge_id, adapter_target, weight,
                   parameters_json, input_identity, input_content_hash
            FROM merge_inputs WHERE merge_id = ? ORDER BY position
            """,
            [mergeID]
        ) { row in
            let source: MergeInputSource
            if let modelID = try row.optionalInt64(2) {
                source = .model(id: modelID)
            } else {
                source = .merge(id: try row.int64(3))
            }
            return MergeInput(
                position: try row.int(0),
                role: try row.enumeration(1, as: InputRole.self),
                source: source,
                adapterTarget: try row.optionalInt64(4).map(Int.init),
                weight: try row.optionalDouble(5),
                parametersJSON: try row.text(6),
                inputIdentity: try row.text(7),
                inputContentHash: try row.optionalText(8)
            )
        }
    }

    /// Number of merges in each state; every state is present, with 0 when none.
    public func mergeCountsByState() throws -> [MergeState: Int] {
        var counts = Dictionary(uniqueKeysWithValues: MergeState.allCases.map { ($0, 0) })
        let rows = try database.query("SELECT state, count(*) FROM merges GROUP BY state") { row in
            (try row.enumeration(0, as: MergeState.self), try row.int(1))
        }
        for (state, count) in rows {
            counts[state] = count
        }
        return counts
    }

    func requireMerge(id: Int64) throws -> MergeRecord {
        guard let merge = try merge(id: id) else {
            throw LineageError.mergeNotFound(id: id)
        }
        return merge
    }

    fileprivate static let mergeColumns = """
        SELECT id, identity_hash, name, method, semantics, parameters_json, recipe_path,
               recipe_document, state, error, engine_version, started_at_ms, finished_at_ms,
               output_artifact_id, created_at_ms, canonical_json
        FROM merges
        """

    fileprivate static func readMerge(_ row: Row) throws -> MergeRecord {
        MergeRecord(
            id: try row.int64(0),
            definition: MergeDefinition(
                identityHash: try row.text(1),
                name: try row.text(2),
                method: try row.text(3),
                semantics: try row.enumeration(4, as: MergeSemantics.self),
                parametersJSON: try row.text(5),
                recipePath: try row.optionalText(6),
                recipeDocument: try row.optionalText(7),
                canonicalJSON: try row.optionalText(15)
            ),
            state: try row.enumeration(8, as: MergeState.self),
            error: try row.optionalText(9),
            engineVersion: try row.optionalText(10),
            startedAt: try row.optionalDate(11),
            finishedAt: try row.optionalDate(12),
            outputArtifactID: try row.optionalInt64(13),
            createdAt: try row.date(14)
        )
    }
}

extension LineageStore {
    /// Returns every merge in `state`, oldest first.
    public func merges(inState state: MergeState) throws -> [MergeRecord] {
        try database.query("\(Self.mergeColumns) WHERE state = ? ORDER BY id", [state.rawValue], Self.readMerge)
    }
}
