import SafeTensors

/// What an input plays in the merge that reads it.
public enum InputRole: String, Sendable, CaseIterable, Comparable {
    /// The model task vectors are taken against.
    case base
    /// A model merged in.
    case ingredient
    /// A LoRA adapter applied to another input of the same merge.
    case adapter

    public static func < (lhs: InputRole, rhs: InputRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One input of a merge: an edge from the merge (`child`) to the node it reads (`parent`).
public struct LineageEdge: Equatable, Sendable {
    /// Name of the merge that reads the input.
    public var child: String
    /// Name of the node read: a source model, an adapter or another merge.
    public var parent: String
    public var role: InputRole
    /// Order of the input in the recipe, from 0; unique within a merge.
    public var position: Int
    /// The recipe's `weight:`, or nil when the recipe gives none (Model Stock and linear
    /// then count the input with weight 1).
    public var weight: Double?
    /// The per-input parameters other than the weight, in canonical order.
    public var parameters: JSONObject
    /// For an adapter, the position of the input it is applied to; nil otherwise.
    public var adapterTarget: Int?
    /// The input's identity as the merge recorded it (content hash, identity hash or
    /// `hf:ORG/NAME@REVISION`); nil when unknown.
    public var inputIdentity: String?

    public init(
        child: String, parent: String, role: InputRole, position: Int, weight: Double? = nil,
        parameters: JSONObject = JSONObject(), adapterTarget: Int? = nil, inputIdentity: String? = nil
    ) {
        self.child = child
        self.parent = parent
        self.role = role
        self.position = position
        self.weight = weight
        self.parameters = parameters
        self.adapterTarget = adapterTarget
        self.inputIdentity = inputIdentity
    }
}
