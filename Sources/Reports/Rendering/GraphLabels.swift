import Models

/// Text shared by the graph formats (DOT, Mermaid, SVG).
extension LineageNode {
    /// A node's label as lines: the name, the method and state (or the kind), the short
    /// identity and content hashes, and the mean `t` of a built Model Stock merge.
    var labelLines: [String] {
        var lines = [name]
        if let merge {
            lines.append("\(merge.method), \(merge.state.rawValue)")
            if let identityHash { lines.append("id " + shortHash(identityHash)) }
        } else {
            lines.append(kind.label)
            if let identityHash, identityHash != contentHash { lines.append("id " + shortHash(identityHash)) }
        }
        if let contentHash { lines.append("content " + shortHash(contentHash)) }
        if let merge, merge.method == "model_stock", merge.state == .built, let t = merge.meanT {
            lines.append("mean t " + formatFixed(t))
        }
        return lines
    }
}

extension AncestryGraph {
    /// A short identifier per node for the graph formats (`n0`, `n1`, ...), in node order,
    /// because names may contain characters those formats reserve.
    var nodeIdentifiers: [String: String] {
        var identifiers: [String: String] = [:]
        for (index, node) in graph.nodes.enumerated() { identifiers[node.name] = "n\(index)" }
        return identifiers
    }

    /// An edge's label: `base`, `ingredient, weight 1.1`, `adapter on org/FT-A`.
    func edgeLabel(_ edge: LineageEdge) -> String {
        var label = edge.role.rawValue
        if edge.role == .adapter, let target = edge.adapterTarget,
           let targetEdge = graph.inputs(of: edge.child).first(where: { $0.position == target && $0.role != .adapter }) {
            label += " on " + targetEdge.parent
        }
        if let weight = edge.weight { label += ", weight " + formatNumber(weight) }
        return label
    }

    /// A one-line title for the drawing: `Ancestry of final (recorded merges in lineage.db)`.
    var title: String {
        "Ancestry of \(target) (\(graph.source.description))"
    }
}
