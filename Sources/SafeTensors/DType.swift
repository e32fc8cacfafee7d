/// Element types of the safetensors format, named by their on-disk strings.
public enum DType: String, CaseIterable, Sendable, Codable {
    case F64, F32, F16, BF16
    case I64, I32, I16, I8, U8
    case BOOL
    case F8_E4M3, F8_E5M2

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .F64, .I64: return 8
        case .F32, .I32: return 4
        case .F16, .BF16, .I16: return 2
        case .I8, .U8, .BOOL, .F8_E4M3, .F8_E5M2: return 1
        }
    }

    /// Whether the type holds real numbers (counted as parameters; merged by the engine).
    public var isFloatingPoint: Bool {
        switch self {
        case .F64, .F32, .F16, .BF16, .F8_E4M3, .F8_E5M2: return true
        case .I64, .I32, .I16, .I8, .U8, .BOOL: return false
        }
    }

    /// Whether the engine can convert this type to and from Float32.
    public var isConvertibleToFloat32: Bool {
        switch self {
        case .F64, .F32, .F16, .BF16: return true
        default: return false
        }
    }

    /// The name PyTorch and `config.json` use (`torch_dtype`), or nil for types without one.
    public var torchName: String? {
        switch self {
        case .F64: return "float64"
        case .F32: return "float32"
        case .F16: return "float16"
        case .BF16: return "bfloat16"
        case .I64: return "int64"
        case .I32: return "int32"
        case .I16: return "int16"
        case .I8: return "int8"
        case .U8: return "uint8"
        case .BOOL: return "bool"
        case .F8_E4M3: return "float8_e4m3fn"
        case .F8_E5M2: return "float8_e5m2"
        }
    }

    /// Parses a dtype as written in recipes and configs: `bfloat16`, `float16`, `float32`,
    /// `float64`, with an optional `torch.` prefix, or the on-disk names (`BF16`, `F32`, ...).
    public init?(configName: String) {
        var name = configName
        if name.hasPrefix("torch.") { name.removeFirst("torch.".count) }
        if let exact = DType(rawValue: name) {
            self = exact
            return
        }
        switch name {
        case "bfloat16": self = .BF16
        case "float16", "half": self = .F16
        case "float32", "float": self = .F32
        case "float64", "double": self = .F64
        default: return nil
        }
    }
}
