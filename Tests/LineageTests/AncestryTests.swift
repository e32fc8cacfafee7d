import XCTest
@testable import Lineage

/// Ancestry and used-by queries on a graph with a diamond:
///
///     first  = merge(base: A, ingredient: B)
///     second = merge(base: A, ingredient: C, adapter: L on C)
///     final  = merge(base: first, ingredient: second, ingredient: B)
final class AncestryTests: XCTestCase {
    private var store: LineageStore!
    private var models: [String: Int64] = [:]
    private var merges: [String: Int64] = [:]

    override func setUpWithError() throws {
        (store, _) = try makeStore()
        for name in ["A", "B", "C"] {
            models[name] = try store.upsertModel(name: name, kind: .source, locator: "/m/\(name)").id
        }
        models["L"] = try store.upsertModel(name: "L", kind: .adapter, locator: "/m/L").id

        try addMerge("first", identity: hash("1"), inputs: [(.base, .model(id: models["A"]!)), (.ingredient, .model(id: models["B"]!))])
        try addMerge("second", identity: hash("2"), inputs: [
            (.base, .model(id: models["A"]!)), (.ingredient, .model(id: models["C"]!)), (.adapter, .model(id: models["L"]!)),
        ])
        try addMerge("final", identity: hash("3"), inputs: [
            (.base, .merge(id: merges["first"]!)), (.ingredient, .merge(id: merges["second"]!)),
            (.ingredient, .model(id: models["B"]!)),
        ])
    }

    override func tearDown() {
        store = nil
    }

    private func addMerge(_ name: String, identity: String, inputs: [(InputRole, MergeInputSource)]) throws {
        let records = inputs.enumerated().map { position, input in
            MergeInput(
                position: position, role: input.0, source: input.1,
                adapterTarget: input.0 == .adapter ? position - 1 : nil, inputIdentity: hash("0")
            )
        }
        let definition = MergeDefinition(
            identityHash: identity, name: name, method: "model_stock", semantics: .pedigree, parametersJSON: "{}")
        merges[name] = try store.insertMerge(definition, inputs: records).id
    }

    func testAncestryCollapsesDiamond() throws {
        let ancestry = try store.ancestry(ofMerge: merges["final"]!)

        XCTAssertEqual(ancestry, [
            Ancestor(node: .model(id: models["B"]!), name: "B", depth: 1, pathCount: 2),
            Ancestor(node: .merge(id: merges["first"]!), name: "first", depth: 1, pathCount: 1),
            Ancestor(node: .merge(id: merges["second"]!), name: "second", depth: 1, pathCount: 1),
            Ancestor(node: .model(id: models["A"]!), name: "A", depth: 2, pathCount: 2),
            Ancestor(node: .model(id: models["C"]!), name: "C", depth: 2, pathCount: 1),
            Ancestor(node: .model(id: models["L"]!), name: "L", depth: 2, pathCount: 1),
        ])
    }

    func testAncestryCountsRepeatedInputAsTwoPaths() throws {
        try addMerge("twice", identity: hash("4"), inputs: [
            (.base, .merge(id: merges["final"]!)), (.ingredient, .merge(id: merges["final"]!)),
        ])

        let ancestry = try store.ancestry(ofMerge: merges["twice"]!)

        XCTAssertEqual(ancestry.map(\.name), ["final", "B", "first", "second", "A", "C", "L"])
        XCTAssertEqual(ancestry.map(\.depth), [1, 2, 2, 2, 3, 3, 3])
        XCTAssertEqual(ancestry.map(\.pathCount), [2, 4, 2, 2, 4, 2, 2])
    }

    func testAncestryOfLeafMergeHasOnlyModels() throws {
        XCTAssertEqual(try store.ancestry(ofMerge: merges["first"]!), [
            Ancestor(node: .model(id: models["A"]!), name: "A", depth: 1, pathCount: 1),
            Ancestor(node: .model(id: models["B"]!), name: "B", depth: 1, pathCount: 1),
        ])
        XCTAssertEqual(try store.ancestry(ofMerge: 99), [])
    }

    func testPathCountSaturatesOnDeepLadder() throws {
        // Each level has two merges that both consume both merges of the level below, so the
        // number of paths to the root model doubles per level: 2^70 overflows Int.
        var below: [MergeInputSource] = [.model(id: models["A"]!)]
        for level in 0..<70 {
            var current: [MergeInputSource] = []
            for side in 0..<2 {
                let name = "level\(level)-\(side)"
                try addMerge(name, identity: hash("5"), inputs: below.map { (.ingredient, $0) })
                current.append(.merge(id: merges[name]!))
            }
            below = current
        }

        let ancestry = try store.ancestry(ofMerge: merges["level69-0"]!)

        XCTAssertEqual(ancestry.count, 139, "69 levels of two merges, and A")
        XCTAssertEqual(ancestry.last, Ancestor(node: .model(id: models["A"]!), name: "A", depth: 70, pathCount: Int.max))
        XCTAssertEqual(ancestry.first { $0.name == "level60-0" }?.pathCount, 256)
    }

    func testUsedByModelListsDescendants() throws {
        let usedByA = try store.usedBy(.model(id: models["A"]!))
        let usedByB = try store.usedBy(.model(id: models["B"]!))
        let usedByL = try store.usedBy(.model(id: models["L"]!))

        XCTAssertEqual(usedByA, [
            Descendant(mergeID: merges["first"]!, name: "first", state: .pending, depth: 1),
            Descendant(mergeID: merges["second"]!, name: "second", state: .pending, depth: 1),
            Descendant(mergeID: merges["final"]!, name: "final", state: .pending, depth: 2),
        ])
        XCTAssertEqual(usedByB.map(\.name), ["final", "first"])
        XCTAssertEqual(usedByB.map(\.depth), [1, 1])
        XCTAssertEqual(usedByL.map(\.name), ["second", "final"])
        XCTAssertEqual(usedByL.map(\.depth), [1, 2])
    }

    func testUsedByMergeListsDescendants() throws {
        XCTAssertEqual(try store.usedBy(.merge(id: merges["second"]!)), [
            Descendant(mergeID: merges["final"]!, name: "final", state: .pending, depth: 1),
        ])
        XCTAssertEqual(try store.usedBy(.merge(id: merges["final"]!)), [])
    }
}
