import Foundation
import Lineage
import Recipes
import SafeTensors

extension ResolvedMerge {
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
