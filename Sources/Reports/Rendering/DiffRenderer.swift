/// The text format of `pedigree diff`: only what differs, then the fields that are equal.
public struct DiffRenderer: ReportRenderer {
    public init() {}

    public func render(_ diff: MergeDiff) -> String {
        var lines = ["Differences from \(diff.old) to \(diff.new) (\(diff.graph.source.description))"]
        var rows: [[String]] = []
        for change in diff.fields + diff.parameters + diff.ingredientChanges {
            rows.append([change.field, Self.text(change.old), "->", Self.text(change.new)])
        }
        lines += formatTable(rows)
        if !diff.ingredientsRemoved.isEmpty {
            lines.append("ingredients only in \(diff.old): " + diff.ingredientsRemoved.joined(separator: ", "))
        }
        if !diff.ingredientsAdded.isEmpty {
            lines.append("ingredients only in \(diff.new): " + diff.ingredientsAdded.joined(separator: ", "))
        }
        if diff.isEmpty { lines.append("No differences.") }
        if !diff.sameFields.isEmpty { lines.append("same: " + diff.sameFields.joined(separator: ", ")) }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func text(_ value: String?) -> String {
        value ?? "(unset)"
    }
}
