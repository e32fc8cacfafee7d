/// A model directory that Pedigree cannot use, with what to do about it.
public enum ModelError: Error, CustomStringConvertible, Equatable, Sendable {
    case notFound(path: String)
    /// Only PyTorch pickle checkpoints were found; Pedigree never unpickles.
    case pickleOnly(path: String, files: [String])
    case noWeights(path: String)
    /// Several `.safetensors` files without `model.safetensors.index.json` to say which to use.
    case ambiguousWeights(path: String, files: [String])
    case invalidIndex(path: String, detail: String)
    case shardMissing(index: String, shard: String)
    /// The index names a shard for a tensor that the shard does not contain.
    case indexedTensorMissing(tensor: String, shard: String)
    /// A shard contains a tensor that the index does not list for it.
    case tensorNotIndexed(tensor: String, shard: String)
    case duplicateTensor(tensor: String, files: [String])
    case invalidConfig(path: String, detail: String)

    public var description: String {
        switch self {
        case .notFound(let path):
            return "\(path): no such file or directory"
        case .pickleOnly(let path, let files):
            return "\(path) holds only PyTorch pickle checkpoints (\(files.joined(separator: ", "))); Pedigree never unpickles. "
                + "Convert the model to safetensors first, for example with transformers: "
                + "AutoModelForCausalLM.from_pretrained(DIR).save_pretrained(OUT, safe_serialization=True)"
        case .noWeights(let path):
            return "\(path) has no model.safetensors, no model.safetensors.index.json and no other .safetensors file"
        case .ambiguousWeights(let path, let files):
            return "\(path) has several .safetensors files (\(files.joined(separator: ", "))) but no model.safetensors.index.json to say how they fit together"
        case .invalidIndex(let path, let detail):
            return "\(path): invalid index: \(detail)"
        case .shardMissing(let index, let shard):
            return "\(index) names shard \(shard), which does not exist"
        case .indexedTensorMissing(let tensor, let shard):
            return "the index places tensor \"\(tensor)\" in \(shard), but that shard does not contain it"
        case .tensorNotIndexed(let tensor, let shard):
            return "shard \(shard) contains tensor \"\(tensor)\", which the index does not list for that shard"
        case .duplicateTensor(let tensor, let files):
            return "tensor \"\(tensor)\" appears in more than one weights file (\(files.joined(separator: ", ")))"
        case .invalidConfig(let path, let detail):
            return "\(path): invalid config.json: \(detail)"
        }
    }
}
