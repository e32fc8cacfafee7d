extension LineageNode {
    /// One phrase for text reports: the label lines after the name, joined by commas:
    /// `model_stock, built, id 3f2a9c1b04de, content 77aa00bb11cc, mean t 0.412`.
    var textSummary: String {
        labelLines.dropFirst().joined(separator: ", ")
    }
}
