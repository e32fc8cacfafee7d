import Models
import Recipes
import SafeTensors

/// Compares a recorded canonical form with the recipe's current one and names what differs.
enum CanonicalDiff {
    /// Reasons for the change: inputs whose identity changed (with the recipe's name for
    /// them), and the other fields that differ.
    static func reasons(recorded: JSONObject, current: JSONObject, inputs: [ResolvedInput]) -> [PendingReason] {
        var changedFields: [String] = []
        var changedInputs: [String] = []
        let keys = Array(Set(recorded.keys).union(current.keys)).sorted()
        for key in keys where recorded[key] != current[key] {
            if key == "inputs", let old = recorded[key]?.arrayValue, let new = current[key]?.arrayValue {
                let (fields, identities) = compareInputs(old: old, new: new, inputs: inputs)
                changedFields += fields
                changedInputs += identities
            } else {
                changedFields.append(key)
            }
        }
        var reasons: [PendingReason] = []
        if !changedFields.isEmpty { reasons.append(.recipeChanged(fields: changedFields)) }
        if !changedInputs.isEmpty { reasons.append(.inputChanged(inputs: changedInputs)) }
        return reasons.isEmpty ? [.recipeChanged(fields: ["(formatting of the canonical form)"])] : reasons
    }

    private static func compareInputs(old: [JSONValue], new: [JSONValue], inputs: [ResolvedInput]) -> (fields: [String], inputs: [String]) {
        guard old.count == new.count else {
            return (["inputs (\(old.count) before, \(new.count) now)"], [])
        }
        var fields: [String] = []
        var changed: [String] = []
        for (index, (before, after)) in zip(old, new).enumerated() where before != after {
            guard let before = before.objectValue, let after = after.objectValue else { continue }
            let label = index < inputs.count ? inputs[index].reference.description : "input \(index + 1)"
            let role = after["role"]?.stringValue ?? "input"
            if before["role"] != after["role"] { fields.append("\(label): role") }
            if before["parameters"] != after["parameters"] {
                let keys = Set((before["parameters"]?.objectValue?.keys ?? []) + (after["parameters"]?.objectValue?.keys ?? []))
                let differing = keys.sorted().filter { before["parameters"]?.objectValue?[$0] != after["parameters"]?.objectValue?[$0] }
                fields.append(differing.map { "\(label): \($0)" }.joined(separator: ", "))
            }
            for part in ["model", "adapter"] where before[part] != after[part] {
                let old = before[part]?.stringValue.map(shortHash) ?? "none"
                let new = after[part]?.stringValue.map(shortHash) ?? "none"
                changed.append("\(role) \(label)\(part == "adapter" ? " (adapter)" : ""): \(old) -> \(new)")
            }
        }
        return (fields, changed)
    }
}
