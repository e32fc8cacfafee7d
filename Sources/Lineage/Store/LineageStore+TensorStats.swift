extension LineageStore {
    /// Records per-tensor statistics of merge `mergeID` in one transaction, replacing any
    /// earlier statistics of the same tensors.
    public func recordTensorStats(mergeID: Int64, _ stats: [TensorStat]) throws {
        try database.transaction {
            for stat in stats {
                try database.execute(
                    """
                    INSERT OR REPLACE INTO tensor_stats
                        (merge_id, tensor, t, mean_cosine, min_cosine, max_cosine, row_summary_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                    [mergeID, stat.tensor, stat.t, stat.meanCosine, stat.minCosine, stat.maxCosine,
                     stat.rowSummaryJSON]
                )
            }
        }
    }

    /// Returns the statistics of merge `mergeID`, sorted by the tensor name's UTF-8 bytes.
    public func tensorStats(mergeID: Int64) throws -> [TensorStat] {
        try database.query(
            """
            SELECT tensor, t, mean_cosine, min_cosine, max_cosine, row_summary_json
            FROM tensor_stats WHERE merge_id = ? ORDER BY tensor
            """,
            [mergeID]
        ) { row in
            TensorStat(
                tensor: try row.text(0),
                t: try row.double(1),
                meanCosine: try row.double(2),
                minCosine: try row.double(3),
                maxCosine: try row.double(4),
                rowSummaryJSON: try row.optionalText(5)
            )
        }
    }
}
