/// One-line Unicode bar charts: each value becomes one of eight block characters.
enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One block per value, scaled so `low` is the lowest block and `high` the highest; a
    /// nil value (a missing layer) is a space. When `low == high` every value is the middle
    /// block.
    static func render(_ values: [Double?], low: Double, high: Double) -> String {
        String(values.map { value -> Character in
            guard let value else { return " " }
            guard high > low else { return blocks[blocks.count / 2] }
            let fraction = min(max((value - low) / (high - low), 0), 1)
            return blocks[Int((fraction * Double(blocks.count - 1)).rounded())]
        })
    }

    /// `t` of a tensor kind per layer from its first to its last layer, with gaps for missing
    /// layers; one block for a kind outside the layers.
    static func layerValues(_ summary: TensorKindSummary) -> [Double?] {
        let layered = summary.tByLayer.compactMap { entry in entry.layer.map { ($0, entry.t) } }
        guard let first = layered.first?.0, let last = layered.last?.0 else { return summary.tByLayer.map(\.t) }
        var values = [Double?](repeating: nil, count: last - first + 1)
        for (layer, t) in layered { values[layer - first] = t }
        return values
    }
}
