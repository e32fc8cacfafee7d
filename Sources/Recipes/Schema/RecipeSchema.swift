import Merging
import SafeTensors

/// A value with the position it was written at.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}

/// The arithmetic a merge follows, which a recipe chooses per merge with
/// `pedigree: {compat: ...}`: the engine's own type, so recipes and jobs cannot disagree.
public typealias Semantics = MergeSemantics

extension MergeSemantics {
    /// Raised whenever a method's arithmetic under either semantics changes, so identity
    /// hashes of merges built the old way no longer match.
    public static let version = 1
}

/// One merge as a YAML document declares it, before references are resolved. Field names
/// follow mergekit's configuration keys.
struct MergeDeclaration: Sendable {
    var name: Located<String>?
    /// The document's root mapping.
    var location: SourceLocation
    var documentText: String
    var method: Located<String>?
    var base: ModelReference?
    /// Exactly one of `models` and `slices` is set when the declaration is valid.
    var models: [InputDeclaration]?
    var slices: [SliceDeclaration]?
    /// False when an entry of `models`, `slices` or `sources` was invalid (and reported), so
    /// input counts would be misleading.
    var inputsAreComplete = true
    var parameters: [ParameterDeclaration] = []
    var dtype: Located<DType>?
    var outDType: Located<DType>?
    var tokenizer: TokenizerDeclaration?
    var chatTemplate: String?
    var options = PedigreeOptions()
}

/// One entry of `models:`.
struct InputDeclaration: Sendable {
    var model: ModelReference
    var parameters: [ParameterDeclaration]
    var location: SourceLocation
}

/// One entry of `slices:`.
struct SliceDeclaration: Sendable {
    var sources: [SourceDeclaration]
    var base: ModelReference?
    var parameters: [ParameterDeclaration]
    var residualWeight: Double?
    var location: SourceLocation
    /// False when an entry of `sources` was invalid (and reported).
    var sourcesAreComplete = true
}

/// One entry of a slice's `sources:`.
struct SourceDeclaration: Sendable {
    var model: ModelReference
    /// Layers `[start, end)`, end exclusive as in mergekit.
    var layerRange: Located<Range<Int>>?
    var parameters: [ParameterDeclaration]
    var location: SourceLocation
}

/// One `name: value` entry of a `parameters:` mapping.
struct ParameterDeclaration: Sendable {
    var name: String
    /// Nil when the value was invalid; the error is already reported.
    var value: ParameterValue?
    /// The key's position.
    var location: SourceLocation
}

/// The tokenizer settings, from `tokenizer_source:` or `tokenizer:` (mergekit treats
/// `tokenizer_source: X` as `tokenizer: {source: X}`).
struct TokenizerDeclaration: Sendable {
    enum Source: Sendable {
        case union, base
        case model(ModelReference)
    }

    var source: Source
    var tokens: [TokenDeclaration] = []
    var padToMultipleOf: Int?
    var location: SourceLocation
}

/// One entry of `tokenizer: {tokens: {TOKEN: {source, force}}}`.
struct TokenDeclaration: Sendable {
    enum Source: Sendable {
        /// The token's embedding from this model.
        case model(ModelReference)
        /// Another token's embedding from a model, by id or by text.
        case modelToken(ModelReference, tokenID: Int?, token: String?)
        case zero
    }

    var token: String
    var source: Source?
    var force: Bool
    var location: SourceLocation
}

/// Pedigree's own keys, all under `pedigree:` so the file still runs in mergekit.
public struct PedigreeOptions: Sendable, Equatable {
    /// Nil when the recipe sets none, so the loader's default applies.
    public var compat: Semantics?
    /// Free text for reports and model cards.
    public var notes: String?
    /// The prompt template the author recommends (`mistral-v3`, `chatml`, ...), for cards.
    public var template: String?
    /// Recommended sampler settings, for cards.
    public var sampling: JSONObject?

    public init(compat: Semantics? = nil, notes: String? = nil, template: String? = nil, sampling: JSONObject? = nil) {
        self.compat = compat
        self.notes = notes
        self.template = template
        self.sampling = sampling
    }
}

/// The keys each level of a recipe accepts, for unknown-key warnings and suggestions.
enum RecipeKeys {
    static let document = ["name", "merge_method", "base_model", "models", "slices", "parameters", "dtype",
                           "out_dtype", "tokenizer_source", "tokenizer", "chat_template", "pedigree"]
    static let input = ["model", "parameters"]
    static let slice = ["sources", "base_model", "parameters", "residual_weight"]
    static let source = ["model", "layer_range", "parameters"]
    static let tokenizer = ["source", "tokens", "pad_to_multiple_of"]
    static let token = ["source", "force"]
    static let pedigree = ["compat", "notes", "template", "sampling"]
    static let referenceDictionary = ["model", "lora", "override_architecture"]
    static let pathDictionary = ["path", "revision"]
    static let conditional = ["filter", "value"]
}
