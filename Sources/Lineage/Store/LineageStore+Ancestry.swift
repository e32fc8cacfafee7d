extension LineageStore {
    /// Returns every model and merge that merge `mergeID` descends from, with the shortest depth
    /// and the number of input paths, sorted by depth, then name, then merges before models.
    ///
    /// The walk is a recursive query whose `UNION` collapses diamonds: a node reached by
    /// several paths of one length yields one row. Path counts come from the reachable
    /// edges, summed in Swift from consumers to inputs, because SQLite does not allow
    /// aggregates inside a recursive query.
    public func ancestry(ofMerge mergeID: Int64) throws -> [Ancestor] {
        try database.transaction(.deferred) {
            let nodes = try database.query(
                """
                WITH RECURSIVE reach(is_merge, id, depth) AS (
                    SELECT 1, ?1, 0
                    UNION
                    SELECT input.input_merge_id IS NOT NULL,
                           coalesce(input.input_merge_id, input.input_model_id),
                           reach.depth + 1
                    FROM reach JOIN merge_inputs AS input ON reach.is_merge AND input.merge_id = reach.id
                )
                SELECT reach.is_merge, reach.id, min(reach.depth),
                       CASE WHEN reach.is_merge THEN merges.name ELSE models.name END
                FROM reach
                LEFT JOIN merges ON reach.is_merge AND merges.id = reach.id
                LEFT JOIN models ON NOT reach.is_merge AND models.id = reach.id
                WHERE reach.depth > 0
                GROUP BY reach.is_merge, reach.id
                """,
                [mergeID]
            ) { row in
                let id = try row.int64(1)
                let node: LineageNode = try row.bool(0) ? .merge(id: id) : .model(id: id)
                return (node: node, depth: try row.int(2), name: try row.text(3))
            }

            let pathCounts = try countPaths(from: mergeID)
            return nodes
                .map { Ancestor(node: $0.node, name: $0.name, depth: $0.depth, pathCount: pathCounts[$0.node] ?? 0) }
                .sorted(by: Self.ancestorOrder)
        }
    }

    /// Number of input paths from merge `mergeID` to each node it descends from.
    private func countPaths(from mergeID: Int64) throws -> [LineageNode: Int] {
        // Every input edge reachable from the merge, consumers in descending id order. Inputs
        // always have smaller ids than their consumer, so when a merge comes up here, all
        // merges that consume it have already added their paths to it.
        let edges = try database.query(
            """
            WITH RECURSIVE reach(id) AS (
                SELECT ?1
                UNION
                SELECT input.input_merge_id
                FROM reach JOIN merge_inputs AS input ON input.merge_id = reach.id
                WHERE input.input_merge_id IS NOT NULL
            )
            SELECT input.merge_id, input.input_merge_id, input.input_model_id
            FROM merge_inputs AS input JOIN reach ON input.merge_id = reach.id
            ORDER BY input.merge_id DESC, input.position
            """,
            [mergeID]
        ) { row in
            let parent: LineageNode
            if let inputMergeID = try row.optionalInt64(1) {
                parent = .merge(id: inputMergeID)
            } else {
                parent = .model(id: try row.int64(2))
            }
            return (consumer: LineageNode.merge(id: try row.int64(0)), input: parent)
        }

        var counts: [LineageNode: Int] = [.merge(id: mergeID): 1]
        for edge in edges {
            // Counts double with each stacked diamond, so they saturate instead of trapping.
            let (sum, overflow) = counts[edge.input, default: 0].addingReportingOverflow(counts[edge.consumer] ?? 0)
            counts[edge.input] = overflow ? Int.max : sum
        }
        counts[.merge(id: mergeID)] = nil
        return counts
    }

    private static func ancestorOrder(_ left: Ancestor, _ right: Ancestor) -> Bool {
        if left.depth != right.depth {
            return left.depth < right.depth
        }
        if left.name != right.name {
            return left.name.utf8.lexicographicallyPrecedes(right.name.utf8)
        }
        switch (left.node, right.node) {
        case (.merge(let a), .merge(let b)), (.model(let a), .model(let b)):
            return a < b
        case (.merge, .model):
            return true
        case (.model, .merge):
            return false
        }
    }

    /// Returns every merge that uses `node` directly or through other merges, with the shortest
    /// depth, sorted by depth, then name, then id.
    public func usedBy(_ node: LineageNode) throws -> [Descendant] {
        let (column, id): (String, Int64)
        switch node {
        case .model(let modelID): (column, id) = ("input_model_id", modelID)
        case .merge(let mergeID): (column, id) = ("input_merge_id", mergeID)
        }
        return try database.query(
            """
            WITH RECURSIVE down(id, depth) AS (
                SELECT merge_id, 1 FROM merge_inputs WHERE \(column) = ?1
                UNION
                SELECT input.merge_id, down.depth + 1
                FROM down JOIN merge_inputs AS input ON input.input_merge_id = down.id
            )
            SELECT merges.id, merges.name, merges.state, min(down.depth) AS depth
            FROM down JOIN merges ON merges.id = down.id
            GROUP BY merges.id
            ORDER BY depth, merges.name, merges.id
            """,
            [id]
        ) { row in
            Descendant(
                mergeID: try row.int64(0),
                name: try row.text(1),
                state: try row.enumeration(2, as: MergeState.self),
                depth: try row.int(3)
            )
        }
    }
}
