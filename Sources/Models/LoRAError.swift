/// A PEFT adapter that Pedigree cannot apply, with what to do about it.
public enum LoRAError: Error, CustomStringConvertible, Equatable, Sendable {
    case missingFile(path: String)
    case invalidConfig(path: String, detail: String)
    /// A PEFT feature that changes how the delta is applied and is not implemented yet.
    case unsupportedFeature(path: String, feature: String)
    case unexpectedTensor(path: String, tensor: String)
    case incompletePair(path: String, module: String, missing: String)
    case invalidShape(path: String, tensor: String, detail: String)
    case targetNotFound(path: String, tensor: String, model: String)

    public var description: String {
        switch self {
        case .missingFile(let path):
            return "\(path): no such file; a PEFT LoRA adapter directory has adapter_config.json and adapter_model.safetensors"
        case .invalidConfig(let path, let detail):
            return "\(path): invalid adapter config: \(detail)"
        case .unsupportedFeature(let path, let feature):
            return "\(path): \(feature) is not supported yet; merge the adapter with PEFT (merge_and_unload) and use the merged model"
        case .unexpectedTensor(let path, let tensor):
            return "\(path): tensor \"\(tensor)\" is not a LoRA A or B matrix (expected names ending in lora_A.weight or lora_B.weight)"
        case .incompletePair(let path, let module, let missing):
            return "\(path): module \(module) has no \(missing) matrix"
        case .invalidShape(let path, let tensor, let detail):
            return "\(path): tensor \(tensor): \(detail)"
        case .targetNotFound(let path, let tensor, let model):
            return "\(path) adapts \(tensor), which \(model) does not contain; is the adapter for another base model?"
        }
    }
}
