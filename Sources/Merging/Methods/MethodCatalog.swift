/// The merge methods Pedigree knows, by their mergekit names.
public enum MethodCatalog {
    public static let modelStock = MethodDescriptor(
        name: "model_stock", displayName: "Model Stock",
        paper: .init(title: "Model Stock: All we need is just a few fine-tuned models (Jang et al., 2024)",
                     url: "https://arxiv.org/abs/2403.19522"),
        baseModel: .required, minimumIngredients: 2,
        globalParameters: [
            ParameterSpec(name: "filter_wise", kind: .bool, defaultValue: .bool(false), allowsPerTensorValues: false,
                          summary: "one interpolation ratio per row instead of per tensor"),
        ],
        perModelParameters: [
            ParameterSpec(name: "weight", kind: .number, defaultValue: .number(1),
                          summary: "weight of the model in the average (ignored under compat: mergekit)"),
        ]
    )

    public static let linear = MethodDescriptor(
        name: "linear", displayName: "Linear",
        paper: .init(title: "Model soups: averaging weights of multiple fine-tuned models (Wortsman et al., 2022)",
                     url: "https://arxiv.org/abs/2203.05482"),
        baseModel: .unused, minimumIngredients: 1,
        globalParameters: [
            ParameterSpec(name: "normalize", kind: .bool, defaultValue: .bool(true), allowsPerTensorValues: false,
                          summary: "divide by the sum of the weights"),
        ],
        perModelParameters: [
            ParameterSpec(name: "weight", kind: .number, defaultValue: nil, summary: "weight of the model"),
        ]
    )

    public static let slerp = MethodDescriptor(
        name: "slerp", displayName: "SLERP",
        paper: .init(title: "Animating rotation with quaternion curves (Shoemake, 1985)",
                     url: "https://en.wikipedia.org/wiki/Slerp"),
        baseModel: .required, minimumIngredients: 1, maximumIngredients: 1,
        globalParameters: [
            ParameterSpec(name: "t", kind: .number, defaultValue: nil,
                          summary: "interpolation factor: 0 gives the base, 1 the other model"),
        ],
        perModelParameters: []
    )

    public static let taskArithmetic = MethodDescriptor(
        name: "task_arithmetic", displayName: "Task Arithmetic",
        paper: .init(title: "Editing models with task arithmetic (Ilharco et al., 2022)",
                     url: "https://arxiv.org/abs/2212.04089"),
        baseModel: .required, minimumIngredients: 1,
        globalParameters: [
            ParameterSpec(name: "normalize", kind: .bool, defaultValue: .bool(false), allowsPerTensorValues: false,
                          summary: "divide the summed task vectors by the sum of the weights"),
            ParameterSpec(name: "lambda", kind: .number, defaultValue: .number(1), summary: "scale of the merged task vector"),
        ],
        perModelParameters: [
            ParameterSpec(name: "weight", kind: .number, defaultValue: nil, summary: "weight of the task vector"),
        ]
    )

    public static let ties = MethodDescriptor(
        name: "ties", displayName: "TIES",
        paper: .init(title: "TIES-Merging: Resolving interference when merging models (Yadav et al., 2023)",
                     url: "https://arxiv.org/abs/2306.01708"),
        baseModel: .required, minimumIngredients: 1,
        globalParameters: [
            ParameterSpec(name: "normalize", kind: .bool, defaultValue: .bool(true), allowsPerTensorValues: false,
                          summary: "divide by the sum of the weights that agree with the elected sign"),
            ParameterSpec(name: "lambda", kind: .number, defaultValue: .number(1), summary: "scale of the merged task vector"),
        ],
        perModelParameters: [
            ParameterSpec(name: "weight", kind: .number, defaultValue: nil, summary: "weight of the task vector"),
            ParameterSpec(name: "density", kind: .number, defaultValue: .number(1),
                          summary: "fraction of the largest-magnitude task-vector entries kept"),
        ]
    )

    /// Every method recipes may name, in the order help text lists them.
    public static let all: [MethodDescriptor] = [modelStock, linear, slerp, taskArithmetic, ties]

    public static func descriptor(named name: String) -> MethodDescriptor? {
        all.first { $0.name == name }
    }
}
