import Foundation
import Merging
import Models
import Recipes

/// Turns a resolved merge into an engine job by opening its inputs: source directories from
/// the recipe, and the outputs of upstream merges from where they were built.
public struct JobBuilder: Sendable {
    /// Built output directories of upstream merges, by merge name.
    public var builtMerges: [String: String]

    public init(builtMerges: [String: String] = [:]) {
        self.builtMerges = builtMerges
    }

    /// Opens the inputs and returns the engine job and the tokenizer donor (when the recipe
    /// names a model for it).
    public func job(for merge: ResolvedMerge) throws -> (job: MergeJob, tokenizerSource: MergeInput?) {
        let base = try merge.base.map { try open($0) }
        var ingredients = try merge.ingredients.map { try Merging.Ingredient(input: open($0.input), parameters: $0.parameters) }
        if let slices = merge.slices {
            ingredients = try ingredientsForWholeModelSlices(slices, merge: merge)
        }
        var tokenizerSource: MergeInput?
        if let policy = merge.tokenizer {
            switch policy.source {
            case .model(let input): tokenizerSource = try open(input)
            case .base: tokenizerSource = base
            case .union:
                throw SchedulerError.unsupported(merge: merge.displayName, detail: "tokenizer source \"union\" is not supported yet; use tokenizer_source: base or a model")
            }
        }
        let job = MergeJob(method: merge.method.name, semantics: merge.semantics, base: base, ingredients: ingredients,
                           parameters: merge.parameters, dtype: merge.dtype, outDtype: merge.outDType)
        return (job, tokenizerSource)
    }

    /// Opens one input: the model (a source directory or an upstream output) and its adapter.
    public func open(_ input: ResolvedInput) throws -> MergeInput {
        let modelPath: String
        switch input.model {
        case .directory(let path, _):
            modelPath = path
        case .merge(let name):
            guard let path = builtMerges[name] else {
                throw SchedulerError.upstreamNotBuilt(merge: name)
            }
            modelPath = path
        case .hub(let hub):
            throw SchedulerError.weightsMissing(reference: hub.description, hint: hubDownloadHint(hub))
        }
        var adapterPath: String?
        switch input.adapter {
        case .directory(let path, _)?: adapterPath = path
        case .hub(let hub)?: throw SchedulerError.weightsMissing(reference: hub.description, hint: hubDownloadHint(hub))
        case nil: adapterPath = nil
        }
        return try MergeInput(modelPath: modelPath, adapterPath: adapterPath, label: input.reference.description)
    }

    /// A `slices:` merge whose single slice takes every layer of each source is the same as a
    /// `models:` merge; anything else needs layer surgery the engine does not do yet.
    private func ingredientsForWholeModelSlices(_ slices: [ResolvedSlice], merge: ResolvedMerge) throws -> [Merging.Ingredient] {
        guard slices.count == 1, let slice = slices.first else {
            throw SchedulerError.unsupported(merge: merge.displayName,
                                             detail: "\(slices.count) slices: merges that stack or reorder layers are not supported yet")
        }
        var ingredients: [Merging.Ingredient] = []
        for source in slice.sources {
            let input = try open(source.input)
            if let range = source.layerRange, let layers = input.model.layerCount, range != 0..<layers {
                throw SchedulerError.unsupported(merge: merge.displayName,
                                                 detail: "layer_range \(range.lowerBound)..<\(range.upperBound) of a \(layers)-layer model: only whole-model slices are supported yet")
            }
            if let base = merge.base, source.input.identity == base.identity { continue }
            ingredients.append(Merging.Ingredient(input: input, parameters: source.parameters))
        }
        return ingredients
    }

    private func hubDownloadHint(_ hub: HubReference) -> String {
        "download it first, for example: huggingface-cli download \(hub.repo) --revision \(hub.revision)"
    }
}
