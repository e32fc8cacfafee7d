/// An estimate of how much of each ancestor is in a merge.
///
/// For a Model Stock merge with parameter-weighted mean `t_bar`, ingredient i gets
/// `t_bar * w_i / sum(w)` and the base `1 - t_bar`. A linear merge gives `w_i / sum(w)`
/// (`w_i` without the division when `normalize` is false) and its base nothing. A missing
/// weight counts as 1, and merges with `mergekit` semantics count every weight as 1 because
/// mergekit 0.1.5's Model Stock ignores them. An adapter gets the share of the input it is
/// applied to: the coefficient its low-rank delta carries into the merge. Shares multiply
/// along paths and add across paths. It is an estimate: `t` varies by tensor, and the
/// interpolation is not a mixture of the models' behaviour.
public struct ShareEstimate: Sendable {
    public enum Share: Equatable, Sendable {
        case known(Double)
        /// Some path to the node passes through a merge without a share rule or a `t`.
        case unknown
    }

    /// The share of every node in the target's ancestry, the target itself included (1).
    public let shares: [String: Share]
    /// Declared Model Stock merges without a `t` and with no assumption given, in
    /// topological order; the shares of their inputs are unknown.
    public let mergesWithoutT: [String]
    /// Other reasons shares are unknown: one line per merge or adapter that could not be
    /// given a share.
    public let unknownReasons: [String]
    /// Merges whose `t` was assumed rather than recorded, in topological order.
    public let assumedMerges: [String]
    /// The `t` assumed for Model Stock merges without a recorded one; nil when none is assumed.
    public let assumedModelStockT: Double?

    /// Estimates the shares of `ancestry`'s nodes in its target.
    /// - Parameter assumedModelStockT: The `t` to use for Model Stock merges without a
    ///   recorded mean `t` (declared-only ones); nil leaves their inputs' shares unknown.
    public init(graph: LineageGraph, ancestry: Ancestry, assumedModelStockT: Double? = nil) {
        var known: [String: Double] = [:]
        var isUnknown: Set<String> = []
        var reasons: [String] = []
        var withoutT: [String] = []
        var assumed: [String] = []
        known[ancestry.target] = 1

        for name in ancestry.topologicalOrder {
            let inputs = graph.inputs(of: name)
            guard let details = graph.node(named: name)?.merge, !inputs.isEmpty else { continue }
            let share = isUnknown.contains(name) ? nil : known[name]
            let rule = Self.coefficients(of: name, details, inputs, assumedModelStockT: assumedModelStockT)
            switch rule {
            case .failure(let problem) where problem.isMissingT: withoutT.append(name)
            case .failure(let problem): reasons.append(problem.reason)
            case .success: break
            }
            if case .success(let result) = rule, result.usedAssumption { assumed.append(name) }
            for edge in inputs {
                guard let share, case .success(let result) = rule else {
                    isUnknown.insert(edge.parent)
                    continue
                }
                guard let coefficient = result.byPosition[edge.position] else {
                    reasons.append("adapter '\(edge.parent)' of merge '\(name)' is applied to no input of that merge")
                    isUnknown.insert(edge.parent)
                    continue
                }
                known[edge.parent, default: 0] += share * coefficient
            }
        }

        var shares: [String: Share] = [:]
        for name in ancestry.topologicalOrder {
            shares[name] = isUnknown.contains(name) ? .unknown : .known(known[name] ?? 0)
        }
        self.shares = shares
        self.mergesWithoutT = withoutT
        self.unknownReasons = reasons
        self.assumedMerges = assumed
        self.assumedModelStockT = assumedModelStockT
    }

    public func share(of name: String) -> Share {
        shares[name] ?? .unknown
    }

    private struct Coefficients {
        /// Input position to coefficient; an adapter without a target has none.
        var byPosition: [Int: Double]
        var usedAssumption: Bool
    }

    private struct NoRule: Error {
        var reason: String
        /// True for a declared Model Stock merge, which has no `t` until it is built.
        var isMissingT = false
    }

    /// Computes the coefficient of each input of one merge, or the reason there is none.
    private static func coefficients(
        of name: String, _ details: MergeDetails, _ inputs: [LineageEdge], assumedModelStockT: Double?
    ) -> Result<Coefficients, NoRule> {
        let models = inputs.filter { $0.role == .ingredient }
        let ignoresWeights = details.semantics == "mergekit" && details.method == "model_stock"
        let weights = models.map { ignoresWeights ? 1 : ($0.weight ?? 1) }
        let weightSum = weights.reduce(0, +)
        var byPosition: [Int: Double] = [:]
        var usedAssumption = false

        switch details.method {
        case "model_stock":
            guard let t = details.meanT ?? assumedModelStockT else {
                guard details.state == .built else { return .failure(NoRule(reason: "", isMissingT: true)) }
                return .failure(NoRule(reason: "Model Stock merge '\(name)' has no recorded mean t"))
            }
            guard inputs.count(where: { $0.role == .base }) <= 1 else {
                return .failure(NoRule(reason: "merge '\(name)' has a base per slice, which the share rule does not cover"))
            }
            usedAssumption = details.meanT == nil
            guard weightSum != 0 else { return .failure(NoRule(reason: "merge '\(name)' has weights that sum to 0")) }
            for (edge, weight) in zip(models, weights) { byPosition[edge.position] = t * weight / weightSum }
            for edge in inputs where edge.role == .base { byPosition[edge.position] = 1 - t }
        case "linear":
            let normalize = details.parameters["normalize"] != .bool(false)
            guard !normalize || weightSum != 0 else {
                return .failure(NoRule(reason: "merge '\(name)' has weights that sum to 0"))
            }
            for (edge, weight) in zip(models, weights) { byPosition[edge.position] = normalize ? weight / weightSum : weight }
            for edge in inputs where edge.role == .base { byPosition[edge.position] = 0 }
        default:
            return .failure(NoRule(reason: "merge '\(name)' uses \(details.method), which has no share rule"))
        }

        for edge in inputs where edge.role == .adapter {
            if let target = edge.adapterTarget, let coefficient = byPosition[target] {
                byPosition[edge.position] = coefficient
            }
        }
        return .success(Coefficients(byPosition: byPosition, usedAssumption: usedAssumption))
    }
}
