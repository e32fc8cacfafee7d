import Recipes

/// The `pedigree:` notes of a recorded recipe document, which the database keeps only as
/// part of the document's text.
struct RecipeNotes {
    var notes: String?
    var template: String?
    /// The `sampling:` mapping as text: `temperature: 1.0, min_p: 0.05`.
    var sampling: String?

    /// Reads the notes from `document`; every field is nil when the text does not parse or
    /// has no `pedigree:` mapping.
    init(document: String) {
        let (documents, _) = YAMLParser.parse(document, file: "recorded recipe")
        guard let pedigree = documents.first?.root["pedigree"] else { return }
        notes = pedigree["notes"]?.stringValue
        template = pedigree["template"]?.stringValue
        if let entries = pedigree["sampling"]?.mappingValue {
            sampling = entries.compactMap { entry in
                guard let key = entry.key.scalarText, let value = entry.value.scalarText else { return nil }
                return "\(key): \(value)"
            }.joined(separator: ", ")
        }
    }
}
