import SafeTensors

extension AncestryTree: JSONReport {
    public static var reportName: String { "tree" }
    public var sourceGraph: LineageGraph { graph }

    public func jsonMembers() -> [JSONObject.Member] {
        [
            .init(key: "depth_limit", value: depthLimit.map(JSONValue.integer) ?? .null),
            .init(key: "root", value: json(root)),
        ]
    }

    private func json(_ entry: Entry) -> JSONValue {
        var object = JSONObject(["name": .string(entry.name)])
        if let edge = entry.edge {
            object["role"] = .string(edge.role.rawValue)
            object["position"] = .integer(edge.position)
            object["weight"] = .number(edge.weight)
            if let target = edge.adapterTarget { object["adapter_target"] = .integer(target) }
        }
        object["shown_above"] = .bool(entry.isRepeat)
        if !entry.isRepeat, let node = graph.node(named: entry.name) { object["node"] = node.json }
        object["inputs_below_depth_limit"] = .integer(entry.hiddenInputCount)
        object["inputs"] = .array(entry.children.map(json))
        return .object(object)
    }
}

extension Feeders: JSONReport {
    public static var reportName: String { "feeders" }
    public var sourceGraph: LineageGraph { graph }

    public func jsonMembers() -> [JSONObject.Member] {
        let rows: [JSONValue] = feeders.map { feeder in
            .object(JSONObject([
                "name": .string(feeder.name),
                "kind": .string(feeder.kind.rawValue),
                "depth": .integer(feeder.depth),
                "paths": .integer(feeder.pathCount),
                "roles": .array(feeder.roles.map { .string($0.rawValue) }),
                "estimated_share": feeder.share.json,
            ]))
        }
        return [
            .init(key: "target", value: .string(target)),
            .init(key: "roots_only", value: .bool(rootsOnly)),
            .init(key: "feeders", value: .array(rows)),
            .init(key: "share_is_estimate", value: .bool(true)),
            .init(key: "assumed_model_stock_t", value: .number(estimate.assumedModelStockT)),
            .init(key: "merges_with_assumed_t", value: .array(estimate.assumedMerges.map(JSONValue.string))),
            .init(key: "merges_without_t", value: .array(estimate.mergesWithoutT.map(JSONValue.string))),
            .init(key: "unknown_share_reasons", value: .array(estimate.unknownReasons.map(JSONValue.string))),
        ]
    }
}

extension UsedBy: JSONReport {
    public static var reportName: String { "used-by" }
    public var sourceGraph: LineageGraph { graph }

    public func jsonMembers() -> [JSONObject.Member] {
        let rows: [JSONValue] = merges.map { merge in
            let details = graph.node(named: merge.name)?.merge
            return .object(JSONObject([
                "name": .string(merge.name),
                "depth": .integer(merge.depth),
                "method": .optional(details?.method),
                "state": .optional(details?.state.rawValue),
                "direct_roles": .array(merge.directRoles.map { .string($0.rawValue) }),
            ]))
        }
        return [.init(key: "target", value: .string(target)), .init(key: "merges", value: .array(rows))]
    }
}

extension MergeOverview: JSONReport {
    public static var reportName: String { "show" }
    public var sourceGraph: LineageGraph { graph }

    public func jsonMembers() -> [JSONObject.Member] {
        let statistics: [JSONValue] = details.tensorStatistics.map { statistic in
            .object(JSONObject([
                "tensor": .string(statistic.tensor),
                "t": .number(statistic.t),
                "mean_cosine": .number(statistic.meanCosine),
                "min_cosine": .number(statistic.minCosine),
                "max_cosine": .number(statistic.maxCosine),
                "element_count": statistic.elementCount.map(JSONValue.integer) ?? .null,
            ]))
        }
        let check = JSONObject([
            "base": .optional(baseCheck.base),
            "on_unmerged_base": .bool(baseCheck.isOnUnmergedBase),
            "merged_base_chain": .array(baseCheck.mergedBaseChain.map(JSONValue.string)),
        ])
        return [
            .init(key: "merge", value: node.json),
            .init(key: "inputs", value: .array(inputs.map(\.json))),
            .init(key: "base_check", value: .object(check)),
            .init(key: "tensor_statistics", value: .array(statistics)),
            .init(key: "recipe", value: .optional(details.recipeDocument)),
        ]
    }
}

extension MergeDiff: JSONReport {
    public static var reportName: String { "diff" }
    public var sourceGraph: LineageGraph { graph }

    public func jsonMembers() -> [JSONObject.Member] {
        func changes(_ list: [FieldChange]) -> JSONValue {
            .array(list.map { change in
                .object(JSONObject([
                    "field": .string(change.field), "old": .optional(change.old), "new": .optional(change.new),
                ]))
            })
        }
        return [
            .init(key: "old", value: .string(old)),
            .init(key: "new", value: .string(new)),
            .init(key: "fields", value: changes(fields)),
            .init(key: "parameters", value: changes(parameters)),
            .init(key: "ingredients_added", value: .array(ingredientsAdded.map(JSONValue.string))),
            .init(key: "ingredients_removed", value: .array(ingredientsRemoved.map(JSONValue.string))),
            .init(key: "ingredient_changes", value: changes(ingredientChanges)),
            .init(key: "same", value: .array(sameFields.map(JSONValue.string))),
        ]
    }
}

extension AncestryGraph: JSONReport {
    public static var reportName: String { "graph" }
    public var sourceGraph: LineageGraph { graph }

    public func jsonMembers() -> [JSONObject.Member] {
        [
            .init(key: "target", value: .string(target)),
            .init(key: "nodes", value: .array(graph.nodes.map(\.json))),
            .init(key: "edges", value: .array(graph.edges.map(\.json))),
        ]
    }
}
