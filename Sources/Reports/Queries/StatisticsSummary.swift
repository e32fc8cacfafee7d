/// Model Stock statistics of one merge grouped by tensor kind (`self_attn.q_proj`), so a
/// report can show how `t` and the cosines vary over the layers.
public struct TensorKindSummary: Equatable, Sendable {
    /// The kind, as `TensorStatistic.kind` spells it.
    public var kind: String
    public var tensorCount: Int
    public var t: Range
    public var meanCosine: Range
    /// The smallest `minCosine` and the largest `maxCosine` of the kind's tensors.
    public var cosineExtremes: (min: Double, max: Double)
    /// `t` per layer number, in layer order; a single entry with a nil layer for tensors
    /// outside the repeated layers.
    public var tByLayer: [(layer: Int?, t: Double)]

    /// Minimum, unweighted mean and maximum of a value over the kind's tensors.
    public struct Range: Equatable, Sendable {
        public var min: Double
        public var mean: Double
        public var max: Double
    }

    public static func == (lhs: TensorKindSummary, rhs: TensorKindSummary) -> Bool {
        lhs.kind == rhs.kind && lhs.tensorCount == rhs.tensorCount && lhs.t == rhs.t
            && lhs.meanCosine == rhs.meanCosine && lhs.cosineExtremes == rhs.cosineExtremes
            && lhs.tByLayer.elementsEqual(rhs.tByLayer) { $0 == $1 }
    }

    /// One summary per kind, kinds in order of first appearance in `statistics`.
    public static func summaries(of statistics: [TensorStatistic]) -> [TensorKindSummary] {
        var order: [String] = []
        var groups: [String: [TensorStatistic]] = [:]
        for statistic in statistics {
            let kind = statistic.kind
            if groups[kind] == nil { order.append(kind) }
            groups[kind, default: []].append(statistic)
        }
        return order.map { kind in
            let group = groups[kind]!
            let byLayer = group.map { (layer: $0.layer, t: $0.t) }.sorted { ($0.layer ?? -1) < ($1.layer ?? -1) }
            return TensorKindSummary(
                kind: kind, tensorCount: group.count,
                t: range(group.map(\.t)), meanCosine: range(group.map(\.meanCosine)),
                cosineExtremes: (group.map(\.minCosine).min()!, group.map(\.maxCosine).max()!),
                tByLayer: byLayer
            )
        }
    }

    private static func range(_ values: [Double]) -> Range {
        Range(min: values.min()!, mean: values.reduce(0, +) / Double(values.count), max: values.max()!)
    }
}
