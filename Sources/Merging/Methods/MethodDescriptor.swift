/// What a merge method declares about itself, so recipes can be validated and normalized
/// before any weight is read.
public struct MethodDescriptor: Sendable {
    /// The `merge_method` key, as in mergekit.
    public var name: String
    /// The name shown in reports and model cards ("Model Stock").
    public var displayName: String
    public var paper: Paper?
    public var baseModel: BaseRequirement
    /// Inputs other than the base.
    public var minimumIngredients: Int
    public var maximumIngredients: Int?
    public var globalParameters: [ParameterSpec]
    public var perModelParameters: [ParameterSpec]

    public enum BaseRequirement: String, Sendable {
        case required, optional, unused
    }

    public struct Paper: Sendable {
        public var title: String
        public var url: String

        public init(title: String, url: String) {
            self.title = title
            self.url = url
        }
    }

    public init(
        name: String, displayName: String, paper: Paper?, baseModel: BaseRequirement,
        minimumIngredients: Int, maximumIngredients: Int? = nil,
        globalParameters: [ParameterSpec], perModelParameters: [ParameterSpec]
    ) {
        self.name = name
        self.displayName = displayName
        self.paper = paper
        self.baseModel = baseModel
        self.minimumIngredients = minimumIngredients
        self.maximumIngredients = maximumIngredients
        self.globalParameters = globalParameters
        self.perModelParameters = perModelParameters
    }

    /// A message naming the numbers when the inputs do not fit the method, else nil.
    /// `ingredientCount` excludes the base.
    public func inputProblem(hasBase: Bool, ingredientCount: Int) -> String? {
        switch baseModel {
        case .required where !hasBase:
            return "\(name) needs a base_model; none is given"
        default:
            break
        }
        let tooFew = ingredientCount < minimumIngredients
        let tooMany = maximumIngredients.map { ingredientCount > $0 } ?? false
        guard tooFew || tooMany else { return nil }
        let basePart = baseModel == .required ? "a base and " : ""
        let plural = (maximumIngredients == minimumIngredients ? minimumIngredients : 2) == 1 ? "model" : "models"
        let others = baseModel == .required ? "other \(plural)" : plural
        let count: String
        if let maximum = maximumIngredients, maximum == minimumIngredients {
            count = "exactly \(maximum)"
        } else if let maximum = maximumIngredients, tooMany {
            count = "at most \(maximum)"
        } else {
            count = "at least \(minimumIngredients)"
        }
        return "\(name) needs \(basePart)\(count) \(others); got \(ingredientCount)"
    }

    public func globalParameter(named name: String) -> ParameterSpec? {
        globalParameters.first { $0.name == name }
    }

    public func perModelParameter(named name: String) -> ParameterSpec? {
        perModelParameters.first { $0.name == name }
    }
}

/// One parameter a method accepts.
public struct ParameterSpec: Sendable {
    public enum Kind: String, Sendable {
        case number, bool
    }

    public var name: String
    public var kind: Kind
    /// The value used when a recipe does not set it; nil for required parameters.
    public var defaultValue: ParameterValue?
    /// Whether gradients and conditional lists are accepted (they are for numbers).
    public var allowsPerTensorValues: Bool
    public var summary: String

    public var isRequired: Bool { defaultValue == nil }

    public init(name: String, kind: Kind, defaultValue: ParameterValue?, allowsPerTensorValues: Bool = true, summary: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.allowsPerTensorValues = allowsPerTensorValues
        self.summary = summary
    }
}
