import Models
import SafeTensors
import Scheduler

/// The text and JSON forms of a plan.
enum PlanReport {
    static func text(_ entries: [PlanEntry]) -> String {
        var lines: [String] = []
        let width = entries.map(\.merge.recordName.count).max() ?? 0
        for entry in entries {
            let name = entry.merge.recordName.padding(toLength: width, withPad: " ", startingAt: 0)
            switch entry.status {
            case .upToDate(_, let artifact):
                lines.append("up to date  \(name)  \(entry.merge.shortIdentity)  output \(shortHash(artifact.artifact.contentHash))")
            case .pending(let reasons):
                lines.append("pending     \(name)  \(entry.merge.shortIdentity)  \(reasons.map(\.description).joined(separator: "; "))")
            }
            if !entry.missingWeights.isEmpty {
                lines.append("            \(String(repeating: " ", count: width))  blocked: weights not on disk: \(entry.missingWeights.joined(separator: ", "))")
            }
        }
        let pending = entries.filter(\.isPending).count
        lines.append("")
        lines.append("\(entries.count) merge\(entries.count == 1 ? "" : "s"): \(entries.count - pending) up to date, \(pending) pending")
        return lines.joined(separator: "\n")
    }

    static func json(_ entries: [PlanEntry]) -> JSONValue {
        let merges: [JSONValue] = entries.map { entry in
            var object = JSONObject([
                "name": .string(entry.merge.recordName),
                "identity": .string(entry.merge.identity),
            ])
            switch entry.status {
            case .upToDate(_, let artifact):
                object["state"] = .string("up_to_date")
                object["content_hash"] = .string(artifact.artifact.contentHash)
                object["path"] = .string(artifact.artifact.path)
            case .pending(let reasons):
                object["state"] = .string("pending")
                object["reasons"] = .array(reasons.map { .string($0.description) })
            }
            object["missing_weights"] = .array(entry.missingWeights.map { .string($0) })
            return .object(object)
        }
        return .object(JSONObject(["format_version": .integer(1), "merges": .array(merges)]))
    }
}
