/// Finds a tensor's layer from its name, so gradients and layer ranges work for any
/// architecture without a table of architectures.
public enum LayerPosition {
    /// Path components that precede a layer number in common checkpoints: `model.layers.3.`
    /// (Llama, Mistral), `encoder.layer.3.` (BERT), `transformer.h.3.` (GPT-2), `blocks.3.`.
    public static let layerContainerNames: Set<Substring> = ["layers", "layer", "h", "blocks"]

    /// The layer number in `tensorName`, or nil for tensors outside the repeated layers
    /// (embeddings, final norm, output head).
    public static func layerIndex(of tensorName: String) -> Int? {
        let components = tensorName.split(separator: ".", omittingEmptySubsequences: false)
        guard components.count >= 2 else { return nil }
        for index in 0..<(components.count - 1) where layerContainerNames.contains(components[index]) {
            if let number = Int(components[index + 1]), number >= 0, components[index + 1].allSatisfy(\.isASCII) {
                return number
            }
        }
        return nil
    }

    /// The position in [0, 1] used to evaluate gradients: `layer / (layerCount - 1)`, 0 for
    /// tensors outside the layers (they take a gradient's first value, as in mergekit), and
    /// 1 for the only layer of a one-layer model (mergekit does the same).
    public static func position(of tensorName: String, layerCount: Int) -> Double {
        guard let layer = layerIndex(of: tensorName) else { return 0 }
        guard layerCount > 1 else { return 1 }
        return Double(layer) / Double(layerCount - 1)
    }

    /// `tensorName` with its layer number replaced by `newIndex`.
    public static func renaming(_ tensorName: String, toLayer newIndex: Int) -> String {
        var components = tensorName.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        for index in 0..<max(components.count - 1, 0) where layerContainerNames.contains(Substring(components[index])) {
            if Int(components[index + 1]) != nil {
                components[index + 1] = String(newIndex)
                break
            }
        }
        return components.joined(separator: ".")
    }
}
