import SafeTensors

/// The differences between two merges, as a user compares variants that share a recipe.
public struct MergeDiff: Sendable {
    public let graph: LineageGraph
    public let old: String
    public let new: String
    /// Differences of single values (method, semantics, base, dtypes), in that order.
    public let fields: [FieldChange]
    /// Global parameters that differ, by name.
    public let parameters: [FieldChange]
    /// Inputs other than the base, by label (`name+adapter`), in the order of the merge
    /// that has them.
    public let ingredientsAdded: [String]
    public let ingredientsRemoved: [String]
    /// Weights and per-input parameters of inputs both merges have, by label.
    public let ingredientChanges: [FieldChange]

    /// One value that differs; a nil side means it is unset there.
    public struct FieldChange: Equatable, Sendable {
        /// The field (`base`, `dtype`), parameter name, or `LABEL weight` / `LABEL PARAMETER`.
        public var field: String
        public var old: String?
        public var new: String?
    }

    /// The equal parts, in the order compared: the single-value fields, `parameters`, and
    /// `ingredients` when the inputs other than the base match in labels, weights and
    /// parameters.
    public let sameFields: [String]

    public var isEmpty: Bool {
        fields.isEmpty && parameters.isEmpty && ingredientsAdded.isEmpty && ingredientsRemoved.isEmpty
            && ingredientChanges.isEmpty
    }
}

extension LineageGraph {
    /// Compares merge `old` with merge `new`.
    /// - Throws: `LineageGraphError.nodeNotFound` or `.notAMerge` for either name.
    public func diff(_ old: String, _ new: String) throws -> MergeDiff {
        let a = try requireMerge(named: old).details
        let b = try requireMerge(named: new).details
        var fields: [MergeDiff.FieldChange] = []
        var same: [String] = []
        let singles: [(String, String?, String?)] = [
            ("method", a.method, b.method),
            ("semantics", a.semantics, b.semantics),
            ("base", baseInput(of: old).map(inputLabel), baseInput(of: new).map(inputLabel)),
            ("dtype", a.dtype, b.dtype),
            ("out_dtype", a.outDType, b.outDType),
        ]
        for (field, x, y) in singles {
            if x == y { same.append(field) } else { fields.append(.init(field: field, old: x, new: y)) }
        }

        let parameters = objectChanges(a.parameters, b.parameters, prefix: "")
        if parameters.isEmpty { same.append("parameters") }

        let oldInputs = labelledIngredients(of: old)
        let newInputs = labelledIngredients(of: new)
        let oldLabels = Set(oldInputs.map(\.label))
        let newLabels = Set(newInputs.map(\.label))
        var changes: [MergeDiff.FieldChange] = []
        for (label, edge) in oldInputs {
            guard let other = newInputs.first(where: { $0.label == label })?.edge else { continue }
            if edge.weight != other.weight {
                changes.append(.init(field: "\(label) weight", old: edge.weight.map(formatNumber), new: other.weight.map(formatNumber)))
            }
            changes += objectChanges(edge.parameters, other.parameters, prefix: label + " ")
        }

        let added = newInputs.map(\.label).filter { !oldLabels.contains($0) }
        let removed = oldInputs.map(\.label).filter { !newLabels.contains($0) }
        if added.isEmpty && removed.isEmpty && changes.isEmpty { same.append("ingredients") }
        return MergeDiff(
            graph: self, old: old, new: new, fields: fields, parameters: parameters,
            ingredientsAdded: added, ingredientsRemoved: removed, ingredientChanges: changes, sameFields: same
        )
    }

    private func labelledIngredients(of merge: String) -> [(label: String, edge: LineageEdge)] {
        inputs(of: merge).filter { $0.role == .ingredient }.map { (inputLabel($0), $0) }
    }

    /// Members of two JSON objects that differ, in `old`'s order and then `new`'s extra keys.
    private func objectChanges(_ old: JSONObject, _ new: JSONObject, prefix: String) -> [MergeDiff.FieldChange] {
        var keys = old.keys
        keys += new.keys.filter { !keys.contains($0) }
        return keys.compactMap { key in
            let x = old[key], y = new[key]
            guard x != y else { return nil }
            return .init(field: prefix + key, old: x?.serialized(), new: y?.serialized())
        }
    }
}
