/// Numbers in canonical JSON: the shortest text that reads back as the same `Double`.
/// Integral values up to 2^53 print without a fraction (`1`, not `1.0`), exponents without
/// `+` or leading zeros (`1e-6`, `1.5e20`), and negative zero as `0`, so `1`, `1.0` and
/// `1.00` in a recipe give the same text.
enum CanonicalNumber {
    /// Traps on NaN and infinity, which the schema rejects before any value gets here
    /// (a programmer error otherwise).
    static func text(_ value: Double) -> String {
        precondition(value.isFinite, "canonical JSON has no form for \(value)")
        if value == 0 { return "0" }
        if value == value.rounded(), abs(value) <= 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        // Swift's description is the shortest round-trip digit string.
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        guard let exponentIndex = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
        let mantissa = text[..<exponentIndex]
        var exponent = text[text.index(after: exponentIndex)...]
        var sign = ""
        if exponent.first == "+" || exponent.first == "-" {
            sign = exponent.first == "-" ? "-" : ""
            exponent = exponent.dropFirst()
        }
        let digits = exponent.drop { $0 == "0" }
        return "\(mantissa)e\(sign)\(digits.isEmpty ? "0" : digits)"
    }
}
