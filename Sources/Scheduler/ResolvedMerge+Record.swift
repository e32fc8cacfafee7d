import Foundation
import Lineage
import Recipes
import SafeTensors

extension ResolvedMerge {
    /// The name the merge is recorded under: its `name:`, or for the unnamed final merge the
    /// recipe file's name without extension (`recipes/sappho.yaml` gives `sappho`).
    public var recordName: String {
        if let name { return name }
        let file = (location.file as NSString).lastPathComponent
        let stem = (file as NSString).deletingPathExtension
        return stem.isEmpty ? "final" : stem
    }

    /// Returns the merge's row for the lineage database.
    func definition(recipePath: String?) -> MergeDefinition {
        let parameterMembers = parameters.map { JSONObject.Member(key: $0.key, value: $0.value.canonicalJSON) }
        return MergeDefinition(
            identityHash: identity, name: recordName, method: method.name,
            semantics: semantics == .mergekit ? .mergekit : .pedigree,
            parametersJSON: JSONValue.object(JSONObject(parameterMembers)).serialized(sortedKeys: true),
            recipePath: recipePath, recipeDocument: documentText, canonicalJSON: canonicalJSON)
    }
}
