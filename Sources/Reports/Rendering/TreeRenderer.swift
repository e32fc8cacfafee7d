/// The text format of `pedigree tree`: one line per node with box-drawing branches.
///
/// ```
/// Ancestry of final (recorded merges in lineage.db)
/// final  [model_stock, built, id 3f2a9c1b04de, content 77aa00bb11cc, mean t 0.412]
/// ├── base: instruct  [source model, content 1a2b3c4d5e6f]
/// └── ingredient: g (weight 1.1)  (shown above)
/// ```
public struct TreeRenderer: ReportRenderer {
    public init() {}

    public func render(_ tree: AncestryTree) -> String {
        var lines = ["Ancestry of \(tree.root.name) (\(tree.graph.source.description))"]
        lines.append(line(tree.root, tree))
        appendChildren(of: tree.root, prefix: "", tree, to: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    private func appendChildren(of entry: AncestryTree.Entry, prefix: String, _ tree: AncestryTree, to lines: inout [String]) {
        for (index, child) in entry.children.enumerated() {
            let isLast = index == entry.children.count - 1
            lines.append(prefix + (isLast ? "└── " : "├── ") + line(child, tree))
            appendChildren(of: child, prefix: prefix + (isLast ? "    " : "│   "), tree, to: &lines)
        }
    }

    private func line(_ entry: AncestryTree.Entry, _ tree: AncestryTree) -> String {
        var text = ""
        if let edge = entry.edge {
            switch edge.role {
            case .base, .ingredient:
                text += edge.role.rawValue + ": "
            case .adapter:
                let target = tree.graph.inputs(of: edge.child).first { $0.position == edge.adapterTarget && $0.role != .adapter }
                text += target.map { "adapter on \($0.parent): " } ?? "adapter: "
            }
        }
        text += entry.name
        if let weight = entry.edge?.weight { text += " (weight \(formatNumber(weight)))" }
        if entry.isRepeat { return text + "  (shown above)" }
        if let node = tree.graph.node(named: entry.name) { text += "  [\(node.textSummary)]" }
        if entry.hiddenInputCount > 0 {
            let inputs = entry.hiddenInputCount == 1 ? "1 input" : "\(entry.hiddenInputCount) inputs"
            text += "  (\(inputs) below the depth limit)"
        }
        return text
    }
}
