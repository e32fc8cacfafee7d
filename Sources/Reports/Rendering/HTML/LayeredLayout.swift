/// A layered drawing of a DAG for when Graphviz is not installed: longest-path layering,
/// dummy nodes on edges that span several layers, and barycentre ordering within layers.
/// Sources (nodes without inputs) sit in the top layer and every edge points down.
struct LayeredLayout {
    struct Size {
        var width: Double
        var height: Double
    }

    /// A node's box; `x` and `y` are its centre.
    struct PlacedNode {
        var name: String
        var x: Double
        var y: Double
        var size: Size
        var layer: Int
    }

    /// An edge as a polyline from the bottom of the input's box to the top of the merge's box.
    struct RoutedEdge {
        var edge: LineageEdge
        var points: [(x: Double, y: Double)]
    }

    static let horizontalGap = 28.0
    static let verticalGap = 60.0
    static let margin = 20.0
    /// Width reserved for an edge passing through a layer, so passing edges get lanes.
    static let dummyWidth = 4.0
    /// Sweeps of barycentre ordering; each moves down and then up through the layers.
    static let orderingSweeps = 12

    var nodes: [PlacedNode] = []
    var edges: [RoutedEdge] = []
    var width = 0.0
    var height = 0.0

    /// Lays out `graph`, with each node's box size from `size`.
    init(graph: LineageGraph, size: (LineageNode) -> Size) {
        // A layer entry is a node name or a dummy on an edge, identified by edge index and step.
        enum Slot: Hashable {
            case node(String)
            case dummy(edge: Int, step: Int)
        }

        var layerOf: [String: Int] = [:]
        func layer(_ name: String) -> Int {
            if let known = layerOf[name] { return known }
            let value = graph.inputs(of: name).map { layer($0.parent) + 1 }.max() ?? 0
            layerOf[name] = value
            return value
        }
        for node in graph.nodes { _ = layer(node.name) }
        let layerCount = (layerOf.values.max() ?? 0) + 1

        var layers = [[Slot]](repeating: [], count: layerCount)
        for node in graph.nodes { layers[layerOf[node.name]!].append(.node(node.name)) }
        // Each edge becomes a chain of slots from its input's layer to its merge's layer.
        var chains: [[Slot]] = []
        for (index, edge) in graph.edges.enumerated() {
            let top = layerOf[edge.parent]!, bottom = layerOf[edge.child]!
            var chain: [Slot] = [.node(edge.parent)]
            for step in 1..<max(bottom - top, 1) {
                let dummy = Slot.dummy(edge: index, step: step)
                layers[top + step].append(dummy)
                chain.append(dummy)
            }
            chain.append(.node(edge.child))
            chains.append(chain)
        }
        var above: [Slot: [Slot]] = [:], below: [Slot: [Slot]] = [:]
        for chain in chains {
            for (upper, lower) in zip(chain, chain.dropFirst()) {
                below[upper, default: []].append(lower)
                above[lower, default: []].append(upper)
            }
        }

        func positions(_ layer: [Slot]) -> [Slot: Double] {
            Dictionary(uniqueKeysWithValues: layer.enumerated().map { ($1, Double($0)) })
        }
        func reorder(_ index: Int, by neighbours: [Slot: [Slot]], in reference: [Slot]) {
            let position = positions(reference)
            let keyed = layers[index].enumerated().map { offset, slot -> (Double, Int, Slot) in
                let known = (neighbours[slot] ?? []).compactMap { position[$0] }
                let barycentre = known.isEmpty ? Double(offset) : known.reduce(0, +) / Double(known.count)
                return (barycentre, offset, slot)
            }
            layers[index] = keyed.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
        }
        func crossings() -> Int {
            var total = 0
            for index in 0..<(layerCount - 1) {
                let upper = positions(layers[index]), lower = positions(layers[index + 1])
                let segments = layers[index].flatMap { slot in (below[slot] ?? []).map { (upper[slot]!, lower[$0]!) } }
                for i in segments.indices {
                    for j in segments.indices where j > i {
                        if (segments[i].0 - segments[j].0) * (segments[i].1 - segments[j].1) < 0 { total += 1 }
                    }
                }
            }
            return total
        }

        var best = layers, bestCrossings = crossings()
        for _ in 0..<Self.orderingSweeps where bestCrossings > 0 {
            for index in stride(from: 1, to: layerCount, by: 1) { reorder(index, by: above, in: layers[index - 1]) }
            for index in stride(from: layerCount - 2, through: 0, by: -1) { reorder(index, by: below, in: layers[index + 1]) }
            let count = crossings()
            if count < bestCrossings { (best, bestCrossings) = (layers, count) }
        }
        layers = best

        // Coordinates: rows as tall as their tallest box, each row centred on the widest.
        let sizes = Dictionary(uniqueKeysWithValues: graph.nodes.map { ($0.name, size($0)) })
        func slotSize(_ slot: Slot) -> Size {
            if case .node(let name) = slot { return sizes[name]! }
            return Size(width: Self.dummyWidth, height: 0)
        }
        let rowWidths = layers.map { row in
            row.map { slotSize($0).width }.reduce(0, +) + Double(max(row.count - 1, 0)) * Self.horizontalGap
        }
        let totalWidth = rowWidths.max() ?? 0
        var point: [Slot: (x: Double, y: Double)] = [:]
        var rowTop = Self.margin
        for (index, row) in layers.enumerated() {
            let rowHeight = row.map { slotSize($0).height }.max() ?? 0
            var x = Self.margin + (totalWidth - rowWidths[index]) / 2
            for slot in row {
                let slotWidth = slotSize(slot).width
                point[slot] = (x + slotWidth / 2, rowTop + rowHeight / 2)
                if case .node(let name) = slot {
                    nodes.append(PlacedNode(name: name, x: x + slotWidth / 2, y: rowTop + rowHeight / 2, size: sizes[name]!, layer: index))
                }
                x += slotWidth + Self.horizontalGap
            }
            rowTop += rowHeight + Self.verticalGap
        }
        var routes = chains.map { $0.map { point[$0]! } }
        spreadEndpoints(&routes, graph: graph, sizes: sizes)
        for (edge, points) in zip(graph.edges, routes) {
            edges.append(RoutedEdge(edge: edge, points: points))
        }
        width = totalWidth + 2 * Self.margin
        height = rowTop - Self.verticalGap + Self.margin
    }

    /// Moves each edge's ends from the box centres to the box borders: onto the bottom of
    /// the input and the top of the merge, spread over the middle of the border in the order
    /// of the neighbouring points, so arrows into one box do not overlap.
    private func spreadEndpoints(_ routes: inout [[(x: Double, y: Double)]], graph: LineageGraph, sizes: [String: Size]) {
        var outgoing: [String: [Int]] = [:], incoming: [String: [Int]] = [:]
        for (index, edge) in graph.edges.enumerated() {
            outgoing[edge.parent, default: []].append(index)
            incoming[edge.child, default: []].append(index)
        }
        func offsets(_ count: Int, width: Double) -> [Double] {
            guard count > 1 else { return [0] }
            let span = width * 0.6
            return (0..<count).map { -span / 2 + span * Double($0) / Double(count - 1) }
        }
        for (name, indices) in outgoing {
            let size = sizes[name]!
            let ordered = indices.sorted { (routes[$0][1].x, $0) < (routes[$1][1].x, $1) }
            for (index, offset) in zip(ordered, offsets(ordered.count, width: size.width)) {
                routes[index][0].x += offset
                routes[index][0].y += size.height / 2
            }
        }
        for (name, indices) in incoming {
            let size = sizes[name]!
            let ordered = indices.sorted { (routes[$0][routes[$0].count - 2].x, $0) < (routes[$1][routes[$1].count - 2].x, $1) }
            for (index, offset) in zip(ordered, offsets(ordered.count, width: size.width)) {
                routes[index][routes[index].count - 1].x += offset
                routes[index][routes[index].count - 1].y -= size.height / 2
            }
        }
    }
}
