import Foundation

/// The shortest decimal text that reads back as `value`, without a trailing `.0`:
/// `0.7`, `1`, `1e-07`.
func formatNumber(_ value: Double) -> String {
    guard value.isFinite else { return "\(value)" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return "\(value)"
}

/// `value` with exactly `digits` decimals: `0.412`.
func formatFixed(_ value: Double, digits: Int = 3) -> String {
    String(format: "%.\(digits)f", value)
}

/// A share as a percentage with one decimal: `41.3%`.
func formatPercent(_ value: Double) -> String {
    String(format: "%.1f%%", value * 100)
}

/// A UTC timestamp in ISO 8601: `2026-12-04T20:15:00Z`.
func formatDate(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
}

/// Columns of text padded to a common width and separated by two spaces, without
/// trailing spaces. Columns listed in `rightAligned` are padded on the left.
func formatTable(_ rows: [[String]], rightAligned: Set<Int> = []) -> [String] {
    let columnCount = rows.map(\.count).max() ?? 0
    var widths = Array(repeating: 0, count: columnCount)
    for row in rows {
        for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
    }
    return rows.map { row in
        let cells = row.enumerated().map { index, cell in
            let padding = String(repeating: " ", count: widths[index] - cell.count)
            return rightAligned.contains(index) ? padding + cell : cell + padding
        }
        return String(cells.joined(separator: "  ").reversed().drop { $0 == " " }.reversed())
    }
}

extension InputRole {
    /// Roles joined for a table cell: `base, ingredient`.
    static func list(_ roles: [InputRole]) -> String {
        roles.map(\.rawValue).joined(separator: ", ")
    }
}

extension NodeKind {
    /// The kind as text output names it: `merge`, `source model`, `adapter`.
    var label: String {
        switch self {
        case .merge: return "merge"
        case .source: return "source model"
        case .adapter: return "adapter"
        }
    }
}
