import Foundation
import Merging
import Recipes
import SafeTensors

/// Builds the declared lineage graph from a loaded recipe set, before anything is built.
///
/// Inputs become edges as the scheduler records them: the base, then the ingredients (or
/// each slice's base and sources), each followed by its adapter. Tokenizer sources are not
/// edges because they contribute no weights beyond embedding rows. Source models are named
/// by Hub repo id when they come from the Hub, else by directory path.
public enum RecipeLineage {
    /// Builds the declared graph of `recipes`, loaded from `recipeFiles`.
    /// - Throws: `LineageGraphError` when two merges or models share a name.
    public static func graph(_ recipes: RecipeGraph, recipeFiles: [String]) throws -> LineageGraph {
        var builder = GraphBuilder()
        for merge in recipes.merges {
            builder.addMerge(merge)
        }
        return try LineageGraph(source: .declared(recipeFiles: recipeFiles), nodes: builder.nodes, edges: builder.edges)
    }

    /// `sampling` notes as text: `temperature: 1, smoothing_factor: 0.3`.
    static func samplingText(_ sampling: JSONObject) -> String {
        sampling.members.map { member in
            "\(member.key): " + (member.value.stringValue ?? member.value.serialized())
        }.joined(separator: ", ")
    }

    /// Collects the details of a merge as declared, not built.
    static func details(_ merge: ResolvedMerge) -> MergeDetails {
        let parameters = merge.parameters.keys.sorted().map { JSONObject.Member(key: $0, value: merge.parameters[$0]!.canonicalJSON) }
        return MergeDetails(
            method: merge.method.name, methodDisplayName: merge.method.displayName,
            paper: merge.method.paper.map { .init(title: $0.title, url: $0.url) },
            semantics: merge.semantics.rawValue, dtype: merge.dtype.map(\.recipeName), outDType: merge.outDType.map(\.recipeName),
            parameters: JSONObject(parameters), state: .declared,
            recipePath: merge.location.file, recipeDocument: merge.documentText,
            notes: merge.options.notes, templateNote: merge.options.template,
            samplingNote: merge.options.sampling.map(samplingText)
        )
    }

    private struct GraphBuilder {
        var nodes: [LineageNode] = []
        var edges: [LineageEdge] = []
        var known: Set<String> = []

        mutating func addMerge(_ merge: ResolvedMerge) {
            let name = merge.recordName
            var inputs: [(ResolvedInput, InputRole, [String: ParameterValue])] = []
            if let base = merge.base { inputs.append((base, .base, [:])) }
            for ingredient in merge.ingredients { inputs.append((ingredient.input, .ingredient, ingredient.parameters)) }
            for slice in merge.slices ?? [] {
                if let base = slice.base { inputs.append((base, .base, [:])) }
                for source in slice.sources { inputs.append((source.input, .ingredient, source.parameters)) }
            }
            for (input, role, parameters) in inputs {
                let position = edges.count(where: { $0.child == name })
                let parent = addModel(input)
                var other = parameters
                let weight = other.removeValue(forKey: "weight")?.canonicalJSON.doubleValue
                let members = other.keys.sorted().map { JSONObject.Member(key: $0, value: other[$0]!.canonicalJSON) }
                edges.append(LineageEdge(child: name, parent: parent, role: role, position: position, weight: weight,
                                         parameters: JSONObject(members), inputIdentity: identity(input.identity.model)))
                if let adapter = input.adapter {
                    let adapterName = addAdapter(adapter, identity: input.identity.adapter)
                    edges.append(LineageEdge(child: name, parent: adapterName, role: .adapter, position: position + 1,
                                             adapterTarget: position, inputIdentity: input.identity.adapter.flatMap(identity)))
                }
            }
            nodes.append(.merge(name, identity: identity(merge.identity), RecipeLineage.details(merge)))
            known.insert(name)
        }

        /// Adds the node an input reads unless it is known; returns its name.
        mutating func addModel(_ input: ResolvedInput) -> String {
            switch input.model {
            case .merge(let name):
                return name
            case .directory(let path, let hub):
                return addSource(hub?.repo ?? path, hubID: hub?.repo, identity: input.identity.model, kind: .source)
            case .hub(let hub):
                return addSource(hub.repo, hubID: hub.repo, identity: input.identity.model, kind: .source)
            }
        }

        mutating func addAdapter(_ adapter: ResolvedInput.Adapter, identity: String?) -> String {
            switch adapter {
            case .directory(let path, let hub):
                return addSource(hub?.repo ?? path, hubID: hub?.repo, identity: identity, kind: .adapter)
            case .hub(let hub):
                return addSource(hub.repo, hubID: hub.repo, identity: identity, kind: .adapter)
            }
        }

        mutating func addSource(_ name: String, hubID: String?, identity rawIdentity: String?, kind: NodeKind) -> String {
            guard known.insert(name).inserted else { return name }
            let identity = rawIdentity.flatMap(identity)
            let content = identity?.hasPrefix("sha256:") == true ? identity : nil
            nodes.append(LineageNode(name: name, kind: kind, hubID: hubID, identityHash: identity, contentHash: content))
            return name
        }

        /// Nil for the empty placeholder of an identity that could not be computed.
        func identity(_ text: String) -> String? {
            text.isEmpty ? nil : text
        }
    }
}

extension DType {
    /// The dtype as recipes spell it (`bfloat16`), else its on-disk name.
    var recipeName: String { torchName ?? rawValue }
}
