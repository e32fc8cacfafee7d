import Foundation
import Merging
import Models
import SafeTensors

/// One merge of a recipe set, validated and resolved: the contract between recipes and the
/// engine and scheduler. Parameters have the method's defaults filled in and mergekit's
/// precedence applied (slice source > slice > top level).
public struct ResolvedMerge: Sendable {
    /// The `name:` of the document; nil for the unnamed final output.
    public var name: String?
    public var method: MethodDescriptor
    public var semantics: Semantics
    /// The base model; nil for methods without one (linear).
    public var base: ResolvedInput?
    /// Inputs other than the base, in recipe order (a base listed again is dropped). Empty
    /// when the merge is declared with `slices`.
    public var ingredients: [Ingredient]
    /// The layer slices of a `slices:` merge; nil for a `models:` merge.
    public var slices: [ResolvedSlice]?
    /// The method's global parameters: every one the method declares, with defaults filled
    /// in (a required one without a value is a validation error, so none is missing).
    public var parameters: [String: ParameterValue]
    /// The compute dtype (`dtype:`); nil when unset.
    public var dtype: DType?
    /// The output dtype (`out_dtype:`); nil when unset.
    public var outDType: DType?
    /// Nil when neither `tokenizer_source` nor `tokenizer` is given: the base's tokenizer is
    /// copied and embeddings are not aligned, as in mergekit.
    public var tokenizer: TokenizerPolicy?
    public var chatTemplate: String?
    /// Pedigree's `notes`, `template` and `sampling`; not part of the identity.
    public var options: PedigreeOptions
    /// The document's root position.
    public var location: SourceLocation
    /// The YAML document as written, comments included (for `mergekit_config.yml` and the
    /// lineage store).
    public var documentText: String
    /// `sha256:` and the SHA-256 of `canonicalJSON`.
    public var identity: String
    /// Everything that decides the output bytes, as canonical JSON.
    public var canonicalJSON: String
    /// False when any input, directly or through upstream merges, is unpinned.
    public var isPinned: Bool

    /// The name the merge is recorded and reported under: its `name:`, or for the unnamed
    /// final merge the recipe file's name without extension (`recipes/sappho.yaml` gives
    /// `sappho`).
    public var recordName: String {
        if let name { return name }
        let stem = ((location.file as NSString).lastPathComponent as NSString).deletingPathExtension
        return stem.isEmpty ? "final" : stem
    }

    /// `name`, or `(final output)` for the unnamed merge.
    public var displayName: String { name ?? "(final output)" }

    /// The first 12 hex digits of the identity, for text output.
    public var shortIdentity: String { shortHash(identity) }

    /// Every input in the order the canonical form lists them: the base, the ingredients,
    /// then slice bases and sources, then tokenizer sources.
    public var allInputs: [ResolvedInput] {
        var inputs: [ResolvedInput] = []
        if let base { inputs.append(base) }
        inputs.append(contentsOf: ingredients.map(\.input))
        for slice in slices ?? [] {
            if let base = slice.base { inputs.append(base) }
            inputs.append(contentsOf: slice.sources.map(\.input))
        }
        inputs.append(contentsOf: tokenizer?.inputs ?? [])
        return inputs
    }

    /// Names of the merges this one reads, in first-use order without repeats.
    public var dependencies: [String] {
        var seen = Set<String>()
        return allInputs.compactMap(\.mergeName).filter { seen.insert($0).inserted }
    }
}

/// An input other than the base, with its per-model parameters (every one the method
/// declares, defaults filled in).
public struct Ingredient: Sendable {
    public var input: ResolvedInput
    public var parameters: [String: ParameterValue]
}

/// One entry of `slices:`: layers taken from each source and merged together.
public struct ResolvedSlice: Sendable {
    /// The slice's own `base_model`, else the merge's.
    public var base: ResolvedInput?
    public var sources: [Source]
    /// Global parameters with the slice's values over the top level's.
    public var parameters: [String: ParameterValue]
    public var residualWeight: Double?
    public var location: SourceLocation

    public struct Source: Sendable {
        public var input: ResolvedInput
        /// Layers `[start, end)`; nil means all layers.
        public var layerRange: Range<Int>?
        /// Per-model parameters with precedence source > slice > top level.
        public var parameters: [String: ParameterValue]
    }
}

/// How the output's tokenizer is built and embeddings aligned.
public struct TokenizerPolicy: Sendable {
    public enum Source: Sendable {
        /// The union of all inputs' vocabularies (mergekit's default for `tokenizer:`).
        case union
        case base
        case model(ResolvedInput)
    }

    public var source: Source
    public var tokens: [TokenOverride]
    public var padToMultipleOf: Int?

    /// The models the policy reads, in declaration order.
    public var inputs: [ResolvedInput] {
        var inputs: [ResolvedInput] = []
        if case .model(let input) = source { inputs.append(input) }
        for token in tokens {
            switch token.source {
            case .model(let input)?, .modelToken(let input, _, _)?: inputs.append(input)
            case .zero?, nil: break
            }
        }
        return inputs
    }
}

/// The embedding of one token in the output's vocabulary.
public struct TokenOverride: Sendable {
    public enum Source: Sendable {
        case model(ResolvedInput)
        case modelToken(ResolvedInput, tokenID: Int?, token: String?)
        case zero
    }

    public var token: String
    /// Nil lets mergekit's default rule choose.
    public var source: Source?
    public var force: Bool
}
