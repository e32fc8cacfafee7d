import SafeTensors

/// The dimensions of a Mistral-style decoder (the tensor names Mistral Nemo uses), for
/// synthetic model families.
struct MistralShape: Sendable {
    var hiddenSize: Int
    var layerCount: Int
    var attentionHeads: Int
    var keyValueHeads: Int
    var headDimension: Int
    var intermediateSize: Int
    var vocabularySize: Int

    /// About 180,000 parameters: the size of the demo.
    static let tiny = MistralShape(hiddenSize: 64, layerCount: 4, attentionHeads: 4, keyValueHeads: 2,
                                   headDimension: 16, intermediateSize: 128, vocabularySize: 256)

    /// About 300 million parameters: the size of the merge benchmark.
    static let benchmark = MistralShape(hiddenSize: 1024, layerCount: 16, attentionHeads: 16, keyValueHeads: 4,
                                        headDimension: 64, intermediateSize: 4096, vocabularySize: 32768)

    /// Every tensor in the order Hugging Face checkpoints list them.
    var tensors: [TensorSpec] {
        let hidden = hiddenSize
        var specs = [TensorSpec(name: "model.embed_tokens.weight", dtype: .BF16, shape: [vocabularySize, hidden])]
        for layer in 0..<layerCount {
            let prefix = "model.layers.\(layer)."
            specs += [
                TensorSpec(name: prefix + "input_layernorm.weight", dtype: .BF16, shape: [hidden]),
                TensorSpec(name: prefix + "mlp.down_proj.weight", dtype: .BF16, shape: [hidden, intermediateSize]),
                TensorSpec(name: prefix + "mlp.gate_proj.weight", dtype: .BF16, shape: [intermediateSize, hidden]),
                TensorSpec(name: prefix + "mlp.up_proj.weight", dtype: .BF16, shape: [intermediateSize, hidden]),
                TensorSpec(name: prefix + "post_attention_layernorm.weight", dtype: .BF16, shape: [hidden]),
                TensorSpec(name: prefix + "self_attn.k_proj.weight", dtype: .BF16, shape: [keyValueHeads * headDimension, hidden]),
                TensorSpec(name: prefix + "self_attn.o_proj.weight", dtype: .BF16, shape: [hidden, attentionHeads * headDimension]),
                TensorSpec(name: prefix + "self_attn.q_proj.weight", dtype: .BF16, shape: [attentionHeads * headDimension, hidden]),
                TensorSpec(name: prefix + "self_attn.v_proj.weight", dtype: .BF16, shape: [keyValueHeads * headDimension, hidden]),
            ]
        }
        specs.append(TensorSpec(name: "model.norm.weight", dtype: .BF16, shape: [hidden]))
        specs.append(TensorSpec(name: "lm_head.weight", dtype: .BF16, shape: [vocabularySize, hidden]))
        return specs
    }

    var parameterCount: Int { tensors.reduce(0) { $0 + $1.elementCount } }

    /// `config.json` of a MistralForCausalLM with these dimensions.
    var configJSON: JSONValue {
        .object(JSONObject([
            "architectures": .array([.string("MistralForCausalLM")]),
            "attention_dropout": .number("0.0"),
            "bos_token_id": .integer(1),
            "eos_token_id": .integer(2),
            "head_dim": .integer(headDimension),
            "hidden_act": .string("silu"),
            "hidden_size": .integer(hiddenSize),
            "initializer_range": .number("0.02"),
            "intermediate_size": .integer(intermediateSize),
            "max_position_embeddings": .integer(1024),
            "model_type": .string("mistral"),
            "num_attention_heads": .integer(attentionHeads),
            "num_hidden_layers": .integer(layerCount),
            "num_key_value_heads": .integer(keyValueHeads),
            "rms_norm_eps": .number("1e-05"),
            "rope_theta": .number("1000000.0"),
            "sliding_window": .null,
            "tie_word_embeddings": .bool(false),
            "torch_dtype": .string("bfloat16"),
            "use_cache": .bool(true),
            "vocab_size": .integer(vocabularySize),
        ]))
    }
}
