/// "Did you mean" suggestions by edit distance.
enum Suggestion {
    /// The candidate closest to `input`, if it is within a third of the input's length
    /// (at least 2 edits allowed).
    static func nearest(to input: String, among candidates: [String]) -> String? {
        let limit = max(2, input.count / 3)
        let scored = candidates.map { ($0, editDistance(input, $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= limit else { return nil }
        return best.0
    }

    /// Levenshtein distance between two strings, by Unicode characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
