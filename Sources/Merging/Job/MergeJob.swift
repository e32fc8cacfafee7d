import SafeTensors

/// The arithmetic a merge follows. It is part of the identity hash, because the two give
/// different output bytes for the same recipe.
public enum MergeSemantics: String, Sendable, CaseIterable {
    /// Float32 arithmetic with Float64 accumulation of dot products and norms; `dtype` only
    /// casts the inputs; per-model `weight` is honoured.
    case pedigree
    /// mergekit 0.1.5 reproduced bit for bit: its compute dtype, its rounding after every
    /// operation and its summation order; per-model `weight` is ignored by model_stock.
    case mergekit
}

/// One input of a merge other than the base, with its per-model parameters as the recipe
/// wrote them (gradients and conditional lists are resolved per tensor).
public struct Ingredient: Sendable {
    public var input: MergeInput
    public var parameters: [String: ParameterValue]

    public init(input: MergeInput, parameters: [String: ParameterValue] = [:]) {
        self.input = input
        self.parameters = parameters
    }
}

/// Everything the engine needs to compute one merge, independent of how it was declared.
public struct MergeJob: Sendable {
    /// The `merge_method` name, as in `MethodCatalog`.
    public var method: String
    public var semantics: MergeSemantics
    public var base: MergeInput?
    /// Ingredients in recipe order.
    public var ingredients: [Ingredient]
    public var parameters: [String: ParameterValue]
    /// Casts every input to this type before any arithmetic (`dtype:` in recipes).
    public var dtype: DType?
    /// The stored type of merged tensors (`out_dtype:` in recipes).
    public var outDtype: DType?
    /// Layers used to evaluate gradients; when nil, the base's (or first input's) config.
    public var layerCount: Int?

    public init(
        method: String, semantics: MergeSemantics = .pedigree, base: MergeInput?, ingredients: [Ingredient],
        parameters: [String: ParameterValue] = [:], dtype: DType? = nil, outDtype: DType? = nil, layerCount: Int? = nil
    ) {
        self.method = method
        self.semantics = semantics
        self.base = base
        self.ingredients = ingredients
        self.parameters = parameters
        self.dtype = dtype
        self.outDtype = outDtype
        self.layerCount = layerCount
    }

    /// The input whose tensor order, side files and config the output follows: the base,
    /// else the first ingredient.
    public var layoutSource: MergeInput? {
        base ?? ingredients.first?.input
    }
}
