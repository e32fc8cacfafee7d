import Foundation

/// Draws an ancestry graph as SVG with the built-in `LayeredLayout`, for pages made where
/// Graphviz is not installed. Base edges are thick and blue, adapter edges dashed, merges
/// rounded boxes, sources pill shapes; each edge has a tooltip with its role and weight.
public struct SVGRenderer: ReportRenderer {
    static let fontSize = 11.0
    /// Estimated advance of one character at `fontSize` in a sans-serif font; an estimate,
    /// so boxes are padded.
    static let characterWidth = 6.6
    static let lineHeight = 14.0
    static let padding = 10.0

    public init() {}

    public func render(_ ancestry: AncestryGraph) -> String {
        let layout = LayeredLayout(graph: ancestry.graph) { node in
            let lines = node.labelLines
            let longest = Double(lines.map(\.count).max() ?? 0)
            return .init(width: longest * Self.characterWidth + 2 * Self.padding,
                         height: Double(lines.count) * Self.lineHeight + Self.padding)
        }
        var lines = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.number(layout.width))\" height=\"\(Self.number(layout.height))\""
                + " viewBox=\"0 0 \(Self.number(layout.width)) \(Self.number(layout.height))\" font-family=\"sans-serif\" font-size=\"\(Self.number(Self.fontSize))\">",
            "<title>\(htmlEscaped(ancestry.title))</title>",
            "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#444\"/></marker></defs>",
        ]
        for routed in layout.edges {
            let path = routed.points.enumerated().map { index, point in
                (index == 0 ? "M" : "L") + Self.number(point.x) + "," + Self.number(point.y)
            }.joined(separator: " ")
            let style: String
            switch routed.edge.role {
            case .base: style = "stroke=\"#1f4e99\" stroke-width=\"2.5\""
            case .ingredient: style = "stroke=\"#444\" stroke-width=\"1\""
            case .adapter: style = "stroke=\"#444\" stroke-width=\"1\" stroke-dasharray=\"5,3\""
            }
            let tooltip = "\(routed.edge.parent) to \(routed.edge.child): \(ancestry.edgeLabel(routed.edge))"
            lines.append("<path d=\"\(path)\" fill=\"none\" \(style) marker-end=\"url(#arrow)\"><title>\(htmlEscaped(tooltip))</title></path>")
        }
        for placed in layout.nodes {
            guard let node = ancestry.graph.node(named: placed.name) else { continue }
            lines.append(Self.box(node, placed, isTarget: node.name == ancestry.target))
        }
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func box(_ node: LineageNode, _ placed: LayeredLayout.PlacedNode, isTarget: Bool) -> String {
        let left = placed.x - placed.size.width / 2, top = placed.y - placed.size.height / 2
        let radius: Double, fill: String
        var stroke = "stroke=\"#333\" stroke-width=\"\(number(isTarget ? 2.5 : 1))\""
        switch node.kind {
        case .merge:
            radius = 8
            fill = node.merge?.state == .built ? "#dbe8f5" : "#f2f2f2"
        case .source:
            radius = placed.size.height / 2
            fill = "#ffffff"
        case .adapter:
            radius = 0
            fill = "#fff8e1"
            stroke += " stroke-dasharray=\"4,2\""
        }
        var text = "<g><title>\(htmlEscaped(node.name))</title>"
        text += "<rect x=\"\(number(left))\" y=\"\(number(top))\" width=\"\(number(placed.size.width))\" height=\"\(number(placed.size.height))\""
        text += " rx=\"\(number(radius))\" fill=\"\(fill)\" \(stroke)/>"
        let labelLines = node.labelLines
        let firstBaseline = placed.y - Double(labelLines.count - 1) * lineHeight / 2 + fontSize / 3
        for (index, line) in labelLines.enumerated() {
            let weight = index == 0 ? " font-weight=\"bold\"" : ""
            text += "<text x=\"\(number(placed.x))\" y=\"\(number(firstBaseline + Double(index) * lineHeight))\" text-anchor=\"middle\"\(weight)>"
            text += htmlEscaped(line) + "</text>"
        }
        return text + "</g>"
    }

    /// A coordinate with at most one decimal, so output is stable and short.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }
}
