/// Whether a merge sits on an unmerged base, as a final merge in an iterated Model Stock
/// chain should: each merge used as a base pulls the result toward its own ingredients again.
public struct BaseCheck: Equatable, Sendable {
    public var merge: String
    /// The merge's base; nil when it has none.
    public var base: String?
    /// The bases followed down from the merge's base while they are merges: `[d, c]` when
    /// the base d was built on c and c on a source model. Empty when the base is unmerged.
    public var mergedBaseChain: [String]

    /// True when the merge has a base and that base is not a merge.
    public var isOnUnmergedBase: Bool { base != nil && mergedBaseChain.isEmpty }
}

extension LineageGraph {
    /// The base check of the merge `name`.
    /// - Throws: `LineageGraphError.nodeNotFound` or `.notAMerge`.
    public func baseCheck(of name: String) throws -> BaseCheck {
        _ = try requireMerge(named: name)
        let base = baseInput(of: name)?.parent
        var chain: [String] = []
        var current = base
        while let next = current, node(named: next)?.kind == .merge {
            chain.append(next)
            current = baseInput(of: next)?.parent
        }
        return BaseCheck(merge: name, base: base, mergedBaseChain: chain)
    }
}
