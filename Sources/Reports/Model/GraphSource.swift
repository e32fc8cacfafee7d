/// Where a lineage graph came from, so every report can say which graph it shows.
public enum GraphSource: Equatable, Sendable {
    /// The merges declared in recipe files, whether built or not.
    case declared(recipeFiles: [String])
    /// The merges recorded in a lineage database.
    case recorded(database: String)

    /// `declared` or `recorded`, as JSON reports spell it.
    public var kind: String {
        switch self {
        case .declared: return "declared"
        case .recorded: return "recorded"
        }
    }

    /// One phrase for report headers: `declared graph from a.yaml, b.yaml` or
    /// `recorded merges in .pedigree/lineage.db`.
    public var description: String {
        switch self {
        case .declared(let files):
            return files.isEmpty ? "declared graph" : "declared graph from " + files.joined(separator: ", ")
        case .recorded(let database):
            return "recorded merges in \(database)"
        }
    }
}
