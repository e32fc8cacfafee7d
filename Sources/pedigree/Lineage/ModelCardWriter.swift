import Lineage
import Reports

/// Renders the model card of a recorded merge for the `README.md` in its output.
enum ModelCardWriter {
    @Sendable
    static func card(of merge: String, databasePath: String) throws -> String {
        let store = try LineageStore(path: databasePath)
        let graph = try RecordedLineage.graph(store: store, databasePath: databasePath, around: [merge])
        return ModelCard().render(try graph.lineageReport(of: merge))
    }
}
