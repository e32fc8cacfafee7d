import SafeTensors

/// A report that has a JSON format.
public protocol JSONReport: Sendable {
    /// The report's name in the `report` field: `tree`, `feeders`.
    static var reportName: String { get }
    /// The graph the report was computed on, for the `source` field.
    var sourceGraph: LineageGraph { get }
    /// The report's own fields, after `format_version`, `report` and `source`.
    func jsonMembers() -> [JSONObject.Member]
}

/// The JSON format of every report: an object with `format_version`, `report`, `source`
/// and the report's fields, indented by two spaces.
public struct JSONReportRenderer<Subject: JSONReport>: ReportRenderer {
    /// Increases whenever a field changes meaning or is removed; adding a field keeps it.
    public static var formatVersion: Int { 1 }

    public init() {}

    public func render(_ report: Subject) -> String {
        var object = JSONObject([
            "format_version": .integer(Self.formatVersion),
            "report": .string(Subject.reportName),
            "source": report.sourceGraph.source.json,
        ])
        object.members += report.jsonMembers()
        return JSONValue.object(object).prettyPrinted() + "\n"
    }
}

extension GraphSource {
    var json: JSONValue {
        switch self {
        case .declared(let files):
            return .object(JSONObject(["kind": .string(kind), "recipe_files": .array(files.map(JSONValue.string))]))
        case .recorded(let database):
            return .object(JSONObject(["kind": .string(kind), "database": .string(database)]))
        }
    }
}

extension JSONValue {
    static func optional(_ text: String?) -> JSONValue {
        text.map(JSONValue.string) ?? .null
    }

    /// A number in its shortest form; null for NaN and infinities, which JSON cannot hold.
    static func number(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .number(formatNumber(value))
    }
}

extension LineageNode {
    /// The node's fields without tensor statistics and recipe text.
    var json: JSONValue {
        var object = JSONObject([
            "name": .string(name),
            "kind": .string(kind.rawValue),
            "hub_id": .optional(hubID),
            "identity_hash": .optional(identityHash),
            "content_hash": .optional(contentHash),
        ])
        if let merge { object["merge"] = merge.json }
        return .object(object)
    }
}

extension MergeDetails {
    var json: JSONValue {
        let paperJSON: JSONValue = paper.map {
            .object(JSONObject(["title": .string($0.title), "url": .string($0.url)]))
        } ?? .null
        let timingsJSON: JSONValue = timings.map {
            .object(JSONObject([
                "started": .string(formatDate($0.started)),
                "finished": .optional($0.finished.map(formatDate)),
                "seconds": .number($0.duration),
            ]))
        } ?? .null
        return .object(JSONObject([
            "method": .string(method),
            "method_display_name": .string(methodDisplayName),
            "paper": paperJSON,
            "semantics": .string(semantics),
            "dtype": .optional(dtype),
            "out_dtype": .optional(outDType),
            "parameters": .object(parameters),
            "state": .string(state.rawValue),
            "mean_t": .number(meanT),
            "timings": timingsJSON,
            "recipe_path": .optional(recipePath),
            "notes": .optional(notes),
            "template": .optional(templateNote),
            "sampling": .optional(samplingNote),
        ]))
    }
}

extension LineageEdge {
    var json: JSONValue {
        .object(JSONObject([
            "child": .string(child),
            "parent": .string(parent),
            "role": .string(role.rawValue),
            "position": .integer(position),
            "weight": .number(weight),
            "parameters": .object(parameters),
            "adapter_target": adapterTarget.map(JSONValue.integer) ?? .null,
            "input_identity": .optional(inputIdentity),
        ]))
    }
}

extension ShareEstimate.Share {
    var json: JSONValue {
        switch self {
        case .known(let value): return .number(value)
        case .unknown: return .null
        }
    }
}
