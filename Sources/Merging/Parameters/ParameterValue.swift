/// A parameter setting as a recipe writes it: a scalar, a gradient over layers, or a list of
/// conditional values chosen by tensor name.
public indirect enum ParameterValue: Equatable, Hashable, Sendable {
    case number(Double)
    case bool(Bool)
    case string(String)
    /// Values spread evenly over the layers and interpolated linearly between them.
    case gradient([Double])
    /// Candidates tried in order; the first whose filter is nil, `*`, or a substring of the
    /// tensor name applies.
    case conditional([ConditionalValue])

    /// The scalar that applies to tensor `tensorName` at layer position `position` (0 for the
    /// first layer and for tensors outside the layers, 1 for the last). Nil when no
    /// conditional entry matches.
    public func resolved(forTensor tensorName: String, position: Double) -> ParameterValue? {
        switch self {
        case .number, .bool, .string:
            return self
        case .gradient(let values):
            return .number(Self.interpolate(values, at: position))
        case .conditional(let candidates):
            for candidate in candidates where candidate.matches(tensorName) {
                return candidate.value.resolved(forTensor: tensorName, position: position)
            }
            return nil
        }
    }

    /// The numeric value for `tensorName`, treating booleans as 0 or 1.
    public func number(forTensor tensorName: String, position: Double) -> Double? {
        switch resolved(forTensor: tensorName, position: position) {
        case .number(let value): return value
        case .bool(let flag): return flag ? 1 : 0
        default: return nil
        }
    }

    /// Piecewise-linear interpolation at `position` in [0, 1], as mergekit evaluates gradients:
    /// `scaled = position * (count - 1)`, then a blend of the two neighbouring values.
    public static func interpolate(_ values: [Double], at position: Double) -> Double {
        precondition(!values.isEmpty, "a gradient needs at least one value")
        guard values.count > 1 else { return values[0] }
        let scaled = min(max(position, 0), 1) * Double(values.count - 1)
        let lower = Int(scaled)
        if lower >= values.count - 1 { return values[values.count - 1] }
        let fraction = scaled - Double(lower)
        return (1 - fraction) * values[lower] + fraction * values[lower + 1]
    }
}

/// One entry of a conditional parameter list.
public struct ConditionalValue: Equatable, Hashable, Sendable {
    /// A substring of tensor names, or nil / `*` for every tensor.
    public var filter: String?
    public var value: ParameterValue

    public init(filter: String?, value: ParameterValue) {
        self.filter = filter
        self.value = value
    }

    public func matches(_ tensorName: String) -> Bool {
        guard let filter, filter != "*" else { return true }
        return tensorName.contains(filter)
    }
}
