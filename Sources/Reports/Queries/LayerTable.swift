/// Model Stock's `t` per layer and tensor kind, for the per-layer table of `pedigree show`.
public struct LayerTable: Equatable, Sendable {
    /// Kinds of the tensors inside the repeated layers, in order of first appearance.
    public var kinds: [String]
    public var rows: [Row]

    public struct Row: Equatable, Sendable {
        public var layer: Int
        /// `t` per entry of `kinds`; nil where the layer has no tensor of that kind.
        public var t: [Double?]
        /// The mean of the layer's tensors' mean pairwise cosines.
        public var meanCosine: Double
    }

    /// Builds the table of `statistics`, rows in layer order; tensors outside the layers are left
    /// out. Empty when no tensor has a layer number.
    public init(_ statistics: [TensorStatistic]) {
        var kinds: [String] = []
        var byLayer: [Int: [TensorStatistic]] = [:]
        for statistic in statistics {
            guard let layer = statistic.layer else { continue }
            if !kinds.contains(statistic.kind) { kinds.append(statistic.kind) }
            byLayer[layer, default: []].append(statistic)
        }
        self.kinds = kinds
        self.rows = byLayer.keys.sorted().map { layer in
            let group = byLayer[layer]!
            return Row(
                layer: layer,
                t: kinds.map { kind in group.first { $0.kind == kind }?.t },
                meanCosine: group.map(\.meanCosine).reduce(0, +) / Double(group.count)
            )
        }
    }

    /// Column headings: each kind's last component (`q_proj`), or the whole kind where two
    /// kinds share a last component.
    public var headings: [String] {
        let short = kinds.map { String($0.split(separator: ".").last ?? Substring($0)) }
        return zip(kinds, short).map { kind, name in short.filter { $0 == name }.count > 1 ? kind : name }
    }
}
