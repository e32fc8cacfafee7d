extension LineageStore {
    /// Inserts the model named `name`, or updates its kind, locator, revision and pin flag
    /// when it exists. `updatedAt` changes only when one of those values changed.
    @discardableResult
    public func upsertModel(
        name: String, kind: ModelKind, locator: String, revision: String? = nil, isPinned: Bool = false
    ) throws -> ModelRecord {
        try database.transaction {
            try database.execute(
                """
                INSERT INTO models (name, kind, locator, revision, is_pinned, created_at_ms, updated_at_ms)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
                ON CONFLICT (name) DO UPDATE SET
                    kind = excluded.kind, locator = excluded.locator, revision = excluded.revision,
                    is_pinned = excluded.is_pinned,
                    updated_at_ms = CASE
                        WHEN kind IS excluded.kind AND locator IS excluded.locator
                            AND revision IS excluded.revision AND is_pinned IS excluded.is_pinned
                        THEN updated_at_ms ELSE excluded.updated_at_ms END
                """,
                [name, kind.rawValue, locator, revision, isPinned, nowMilliseconds]
            )
            guard let model = try model(named: name) else {
                preconditionFailure("model '\(name)' missing right after its upsert")
            }
            return model
        }
    }

    /// Returns the model named `name`, or nil.
    public func model(named name: String) throws -> ModelRecord? {
        try database.queryFirst("\(Self.modelColumns) WHERE name = ?", [name], Self.readModel)
    }

    /// Returns the model with row id `id`, or nil.
    public func model(id: Int64) throws -> ModelRecord? {
        try database.queryFirst("\(Self.modelColumns) WHERE id = ?", [id], Self.readModel)
    }

    /// Returns every model, sorted by name.
    public func models() throws -> [ModelRecord] {
        try database.query("\(Self.modelColumns) ORDER BY name", [], Self.readModel)
    }

    private static let modelColumns = """
        SELECT id, name, kind, locator, revision, is_pinned, created_at_ms, updated_at_ms FROM models
        """

    private static func readModel(_ row: Row) throws -> ModelRecord {
        ModelRecord(
            id: try row.int64(0),
            name: try row.text(1),
            kind: try row.enumeration(2, as: ModelKind.self),
            locator: try row.text(3),
            revision: try row.optionalText(4),
            isPinned: try row.bool(5),
            createdAt: try row.date(6),
            updatedAt: try row.date(7)
        )
    }
}
