/// The part an input plays in a merge.
public enum InputRole: String, Sendable, CaseIterable {
    /// The model task vectors are taken against.
    case base
    /// A model merged in.
    case ingredient
    /// A LoRA adapter applied to another input of the same merge.
    case adapter
}

/// The origin of an input's weights: a `models` row or another merge's output.
public enum MergeInputSource: Equatable, Hashable, Sendable {
    case model(id: Int64)
    case merge(id: Int64)
}

/// One input of a merge (a row of `merge_inputs`): an edge of the lineage DAG.
public struct MergeInput: Equatable, Sendable {
    /// Order of the input in the recipe, from 0; unique within a merge.
    public var position: Int
    public var role: InputRole
    /// The input; a merge input must have a smaller id than the merge consuming it.
    public var source: MergeInputSource
    /// For an adapter, the position of the input it is applied to; nil otherwise.
    public var adapterTarget: Int?
    /// The recipe's weight, or nil when the recipe gives none.
    public var weight: Double?
    /// Canonical JSON of the per-input parameters; `{}` when there are none.
    public var parametersJSON: String
    /// The input's identity when planned: a content hash, an identity hash, or
    /// `hf:ORG/NAME@REVISION` for a source not downloaded yet.
    public var inputIdentity: String
    /// Content hash of the bytes the build read; nil until the build started.
    public var inputContentHash: String?

    public init(
        position: Int, role: InputRole, source: MergeInputSource, adapterTarget: Int? = nil,
        weight: Double? = nil, parametersJSON: String = "{}", inputIdentity: String,
        inputContentHash: String? = nil
    ) {
        self.position = position
        self.role = role
        self.source = source
        self.adapterTarget = adapterTarget
        self.weight = weight
        self.parametersJSON = parametersJSON
        self.inputIdentity = inputIdentity
        self.inputContentHash = inputContentHash
    }
}
