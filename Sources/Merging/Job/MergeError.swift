import SafeTensors

/// A merge that cannot be computed, with the tensor or input involved and what to do.
public enum MergeError: Error, CustomStringConvertible, Equatable, Sendable {
    case unknownMethod(name: String, known: [String])
    case invalidInputs(message: String)
    case missingParameter(method: String, parameter: String, input: String?)
    case invalidParameter(method: String, parameter: String, detail: String)
    case shapeMismatch(tensor: String, shapes: [(input: String, shape: [Int])])
    case unsupportedDType(tensor: String, dtype: DType, input: String)
    case unsupported(detail: String)
    case nonFinite(tensor: String, input: String)
    case nonFiniteOutput(tensor: String)
    case zeroWeightSum(tensor: String)
    case outputFailed(path: String, detail: String)

    public static func == (lhs: MergeError, rhs: MergeError) -> Bool {
        lhs.description == rhs.description
    }

    public var description: String {
        switch self {
        case .unknownMethod(let name, let known):
            return "unknown merge method \"\(name)\"; known methods: \(known.joined(separator: ", "))"
        case .invalidInputs(let message):
            return message
        case .missingParameter(let method, let parameter, let input):
            let whose = input.map { " for \($0)" } ?? ""
            return "\(method) needs the parameter \"\(parameter)\"\(whose); set it in the recipe"
        case .invalidParameter(let method, let parameter, let detail):
            return "invalid \(method) parameter \"\(parameter)\": \(detail)"
        case .shapeMismatch(let tensor, let shapes):
            let listed = shapes.map { "\(Self.format($0.shape)) in \($0.input)" }.joined(separator: ", ")
            // TODO: align embedding rows through the tokenizer setting, as mergekit does.
            return "tensor \(tensor) has different shapes: \(listed). Aligning embeddings of different vocabulary "
                + "sizes through a tokenizer setting is not supported yet, so merge models with the same vocabulary; "
                + "other tensors must match exactly"
        case .unsupportedDType(let tensor, let dtype, let input):
            return "tensor \(tensor) in \(input) has dtype \(dtype.rawValue), which the engine cannot merge "
                + "(it merges F64, F32, F16 and BF16)"
        case .unsupported(let detail):
            return detail
        case .nonFinite(let tensor, let input):
            return "tensor \(tensor) in \(input) contains NaN or infinity; fix or replace that input"
        case .nonFiniteOutput(let tensor):
            return "merging tensor \(tensor) produced NaN or infinity; check the inputs and parameters of that tensor"
        case .zeroWeightSum(let tensor):
            return "the weights of tensor \(tensor) sum to zero, so normalizing divides by zero; "
                + "change the weights or set normalize: false"
        case .outputFailed(let path, let detail):
            return "cannot write the merged model to \(path): \(detail)"
        }
    }

    static func format(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }
}

