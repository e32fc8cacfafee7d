/// The files besides the weights that a merged model carries over from its donor model.
public enum SideFiles {
    /// Copied from the base (or the tokenizer source) into every output, when present.
    /// `config.json` is copied and then updated with the dtype actually written.
    public static let names: [String] = [
        "config.json",
        "generation_config.json",
        "tokenizer.json",
        "tokenizer_config.json",
        "special_tokens_map.json",
        "tokenizer.model",
        "vocab.txt",
        "vocab.json",
        "merges.txt",
        "added_tokens.json",
        "chat_template.jinja",
    ]

    /// Files that define the tokenizer, copied from the tokenizer source when it differs from
    /// the base.
    public static let tokenizerNames: Set<String> = [
        "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "tokenizer.model",
        "vocab.txt", "vocab.json", "merges.txt", "added_tokens.json", "chat_template.jinja",
    ]

    /// Suffixes of PyTorch pickle checkpoints, which Pedigree never opens.
    public static let pickleSuffixes: [String] = [".bin", ".pt", ".pth", ".ckpt", ".pkl"]
}
