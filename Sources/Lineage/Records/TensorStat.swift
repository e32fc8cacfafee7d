/// Statistics the engine reports for one tensor of a merge (Model Stock's `t` and the
/// pairwise cosines of the task vectors).
public struct TensorStat: Equatable, Sendable {
    /// Tensor name as in the safetensors header.
    public var tensor: String
    /// Interpolation ratio toward the ingredients' average; 0 keeps the base.
    public var t: Double
    /// Mean pairwise cosine, in [-1, 1].
    public var meanCosine: Double
    public var minCosine: Double
    public var maxCosine: Double
    /// Per-row summary as JSON when the merge worked row by row; nil otherwise.
    public var rowSummaryJSON: String?

    public init(
        tensor: String, t: Double, meanCosine: Double, minCosine: Double, maxCosine: Double,
        rowSummaryJSON: String? = nil
    ) {
        self.tensor = tensor
        self.t = t
        self.meanCosine = meanCosine
        self.minCosine = minCosine
        self.maxCosine = maxCosine
        self.rowSummaryJSON = rowSummaryJSON
    }
}
