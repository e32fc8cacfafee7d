import Merging

/// Model Stock's statistics for one tensor of a merge.
public struct TensorStatistic: Equatable, Sendable {
    /// Tensor name as in the safetensors header.
    public var tensor: String
    /// Interpolation ratio toward the ingredients' average; 0 keeps the base.
    public var t: Double
    /// Mean pairwise cosine of the task vectors.
    public var meanCosine: Double
    public var minCosine: Double
    public var maxCosine: Double
    /// Number of elements of the tensor, when known; weights the mean `t`.
    public var elementCount: Int?

    public init(tensor: String, t: Double, meanCosine: Double, minCosine: Double, maxCosine: Double, elementCount: Int? = nil) {
        self.tensor = tensor
        self.t = t
        self.meanCosine = meanCosine
        self.minCosine = minCosine
        self.maxCosine = maxCosine
        self.elementCount = elementCount
    }

    /// The layer number in the tensor name, or nil outside the repeated layers.
    public var layer: Int? { LayerPosition.layerIndex(of: tensor) }

    /// The tensor's role with the layer prefix and a trailing `.weight` removed:
    /// `model.layers.3.self_attn.q_proj.weight` is `self_attn.q_proj`,
    /// `model.embed_tokens.weight` is `embed_tokens`, and a bias keeps its `.bias`.
    public var kind: String {
        var components = tensor.split(separator: ".", omittingEmptySubsequences: false)
        if let layerIndex = layer,
           let position = components.indices.dropLast().first(where: {
               LayerPosition.layerContainerNames.contains(components[$0]) && Int(components[$0 + 1]) == layerIndex
           }) {
            components.removeSubrange(...(position + 1))
        } else if components.first == "model", components.count > 1 {
            components.removeFirst()
        }
        if components.last == "weight", components.count > 1 { components.removeLast() }
        return components.joined(separator: ".")
    }

    /// The mean of `t` over `statistics` weighted by element count, or nil when the list
    /// is empty or any element count is missing.
    public static func parameterWeightedMeanT(of statistics: [TensorStatistic]) -> Double? {
        guard !statistics.isEmpty else { return nil }
        var weightedSum = 0.0
        var total = 0
        for statistic in statistics {
            guard let count = statistic.elementCount else { return nil }
            weightedSum += statistic.t * Double(count)
            total += count
        }
        return total > 0 ? weightedSum / Double(total) : nil
    }
}
