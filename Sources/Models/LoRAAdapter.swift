import Foundation
import SafeTensors

/// A PEFT LoRA adapter (`adapter_config.json` and `adapter_model.safetensors`), read without
/// applying it. `model+adapter` inputs add `scale * B A` to each adapted weight on the fly.
///
/// Supported: plain LoRA with `r`, `lora_alpha`, `use_rslora` and `fan_in_fan_out`. Rejected
/// with `LoRAError.unsupportedFeature` until implemented: DoRA, `modules_to_save`, embedding
/// LoRA, and per-module `rank_pattern` or `alpha_pattern`.
public final class LoRAAdapter: Sendable {
    public static let configFileName = "adapter_config.json"
    public static let weightsFileName = "adapter_model.safetensors"

    public let path: String
    public let rank: Int
    public let alpha: Double
    public let usesRSLoRA: Bool
    /// The adapted layers store weights as [in, out] (GPT-2 `Conv1D`), so the delta is
    /// `(B A)` transposed.
    public let fanInFanOut: Bool
    public let targetModules: [String]
    /// `alpha / r`, or `alpha / sqrt(r)` with rsLoRA.
    public let scale: Float
    public let file: SafeTensorsFile
    /// Adapted modules by the name of the base tensor they change (`X.weight`).
    public let modules: [String: LoRAModule]

    /// Reads and checks the adapter at `path` (a directory).
    public init(path: String) throws {
        self.path = path
        let configPath = (path as NSString).appendingPathComponent(Self.configFileName)
        let weightsPath = (path as NSString).appendingPathComponent(Self.weightsFileName)
        guard let data = FileManager.default.contents(atPath: configPath) else {
            throw LoRAError.missingFile(path: configPath)
        }
        guard FileManager.default.fileExists(atPath: weightsPath) else {
            throw LoRAError.missingFile(path: weightsPath)
        }
        let config = try Self.parseConfig(data, path: configPath)
        rank = config.rank
        alpha = config.alpha
        usesRSLoRA = config.usesRSLoRA
        fanInFanOut = config.fanInFanOut
        targetModules = config.targetModules
        let divisor = usesRSLoRA ? Double(rank).squareRoot() : Double(rank)
        scale = Float(alpha / divisor)
        file = try SafeTensorsFile(path: weightsPath)
        modules = try Self.pairModules(in: file, rank: rank, fanInFanOut: fanInFanOut)
    }

    public func module(forTensor name: String) -> LoRAModule? {
        modules[name]
    }

    /// Checks that every adapted tensor exists in the base with a shape the matrices fit.
    /// `shapeOf` returns a base tensor's shape, or nil when the base lacks it.
    public func validate(modelName: String, shapeOf: (String) -> [Int]?) throws {
        for name in modules.keys.sorted() {
            let module = modules[name]!
            guard let shape = shapeOf(name) else {
                throw LoRAError.targetNotFound(path: path, tensor: name, model: modelName)
            }
            let expected = fanInFanOut ? [module.inFeatures, module.outFeatures] : [module.outFeatures, module.inFeatures]
            guard shape == expected else {
                throw LoRAError.invalidShape(
                    path: path, tensor: name,
                    detail: "the base weight has shape \(shape) but lora_A \(module.a.shape) and lora_B \(module.b.shape) give \(expected)")
            }
        }
    }

    // MARK: - Reading

    private struct Config {
        var rank: Int
        var alpha: Double
        var usesRSLoRA: Bool
        var fanInFanOut: Bool
        var targetModules: [String]
    }

    private static func parseConfig(_ data: Data, path: String) throws -> Config {
        let value: JSONValue
        do {
            value = try data.withUnsafeBytes { try JSONParser.parse($0) }
        } catch let error as JSONParseError {
            throw LoRAError.invalidConfig(path: path, detail: error.message)
        }
        guard let object = value.objectValue else {
            throw LoRAError.invalidConfig(path: path, detail: "the file is \(value.kindDescription), not a JSON object")
        }
        if let type = object["peft_type"]?.stringValue, type != "LORA" {
            throw LoRAError.unsupportedFeature(path: path, feature: "peft_type \(type) (only LORA adapters can be applied)")
        }
        guard let rank = object["r"]?.intValue, rank > 0 else {
            throw LoRAError.invalidConfig(path: path, detail: "\"r\" must be a positive integer")
        }
        guard let alpha = object["lora_alpha"]?.doubleValue else {
            throw LoRAError.invalidConfig(path: path, detail: "\"lora_alpha\" must be a number")
        }
        if object["use_dora"] == .bool(true) {
            throw LoRAError.unsupportedFeature(path: path, feature: "DoRA (use_dora: true)")
        }
        if isSet(object["modules_to_save"]) {
            throw LoRAError.unsupportedFeature(path: path, feature: "modules_to_save (fully trained modules stored beside the LoRA matrices)")
        }
        for key in ["rank_pattern", "alpha_pattern"] where isSet(object[key]) {
            throw LoRAError.unsupportedFeature(path: path, feature: "\(key) (per-module ranks or alphas)")
        }
        let targets: [String]
        switch object["target_modules"] {
        case .string(let single)?: targets = [single]
        case .array(let list)?: targets = list.compactMap(\.stringValue)
        default: targets = []
        }
        return Config(
            rank: rank, alpha: alpha,
            usesRSLoRA: object["use_rslora"] == .bool(true),
            fanInFanOut: object["fan_in_fan_out"] == .bool(true),
            targetModules: targets)
    }

    /// Returns whether a config value is present and not empty (`null`, `{}` and `[]` are unset).
    private static func isSet(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null?: return false
        case .object(let object)?: return !object.members.isEmpty
        case .array(let array)?: return !array.isEmpty
        default: return true
        }
    }

    private static func pairModules(in file: SafeTensorsFile, rank: Int, fanInFanOut: Bool) throws -> [String: LoRAModule] {
        var aMatrices: [String: TensorInfo] = [:]
        var bMatrices: [String: TensorInfo] = [:]
        for info in file.tensors {
            if info.name.contains("lora_embedding_") {
                throw LoRAError.unsupportedFeature(path: file.path, feature: "embedding LoRA (\(info.name))")
            }
            guard let (module, isA) = LoRAModule.parse(tensorName: info.name) else {
                throw LoRAError.unexpectedTensor(path: file.path, tensor: info.name)
            }
            guard info.dtype.isConvertibleToFloat32, info.shape.count == 2 else {
                throw LoRAError.invalidShape(path: file.path, tensor: info.name, detail: "expected a 2-D F32, F16, BF16 or F64 matrix, found \(info.dtype.rawValue) \(info.shape)")
            }
            if isA { aMatrices[module] = info } else { bMatrices[module] = info }
        }
        var modules: [String: LoRAModule] = [:]
        for (module, a) in aMatrices {
            guard let b = bMatrices[module] else {
                throw LoRAError.incompletePair(path: file.path, module: module, missing: "lora_B")
            }
            guard a.shape[0] == rank, b.shape[1] == rank else {
                throw LoRAError.invalidShape(
                    path: file.path, tensor: module,
                    detail: "lora_A \(a.shape) and lora_B \(b.shape) do not have rank r = \(rank)")
            }
            modules[module + ".weight"] = LoRAModule(targetTensor: module + ".weight", a: a, b: b)
        }
        if let orphan = bMatrices.keys.sorted().first(where: { aMatrices[$0] == nil }) {
            throw LoRAError.incompletePair(path: file.path, module: orphan, missing: "lora_A")
        }
        return modules
    }
}

/// One adapted weight: `W' = W + scale * B A` with A of shape [r, in] and B of [out, r].
public struct LoRAModule: Sendable {
    /// The base tensor this module changes (`encoder.layer.0.attention.self.query.weight`).
    public var targetTensor: String
    public var a: TensorInfo
    public var b: TensorInfo

    public var rank: Int { a.shape[0] }
    public var inFeatures: Int { a.shape[1] }
    public var outFeatures: Int { b.shape[0] }

    /// PEFT prefixes saved names with `base_model.model.` and may keep the adapter name
    /// (`lora_A.default.weight`); returns the module path and whether the tensor is A.
    static func parse(tensorName: String) -> (module: String, isA: Bool)? {
        var name = tensorName
        let prefix = "base_model.model."
        if name.hasPrefix(prefix) { name.removeFirst(prefix.count) }
        var parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, parts.last == "weight" else { return nil }
        parts.removeLast()
        if parts.count >= 3, parts[parts.count - 2].hasPrefix("lora_") {
            parts.removeLast()  // adapter name, such as "default"
        }
        guard let kind = parts.popLast(), kind == "lora_A" || kind == "lora_B", !parts.isEmpty else { return nil }
        return (parts.joined(separator: "."), kind == "lora_A")
    }
}
