import Foundation
import SafeTensors

/// `model.safetensors.index.json`: which shard holds each tensor.
enum ShardIndex {
    /// Opens every shard the index names and checks that the index and the shards agree:
    /// each indexed tensor is in the shard it names, and each shard holds only its tensors.
    static func openShards(indexPath: String, directory: String) throws -> [SafeTensorsFile] {
        let weightMap = try readWeightMap(indexPath: indexPath)
        var tensorsByShard: [String: Set<String>] = [:]
        for (tensor, shard) in weightMap {
            tensorsByShard[shard, default: []].insert(tensor)
        }

        var files: [SafeTensorsFile] = []
        for shard in tensorsByShard.keys.sorted() {
            guard !shard.contains("/"), shard != "..", shard != "." else {
                throw ModelError.invalidIndex(path: indexPath, detail: "shard name \"\(shard)\" is not a file name in the model directory")
            }
            let shardPath = (directory as NSString).appendingPathComponent(shard)
            guard FileManager.default.fileExists(atPath: shardPath) else {
                throw ModelError.shardMissing(index: indexPath, shard: shard)
            }
            let file = try SafeTensorsFile(path: shardPath)
            let expected = tensorsByShard[shard] ?? []
            let present = Set(file.tensors.map(\.name))
            if let missing = expected.subtracting(present).sorted().first {
                throw ModelError.indexedTensorMissing(tensor: missing, shard: shard)
            }
            if let extra = present.subtracting(expected).sorted().first {
                throw ModelError.tensorNotIndexed(tensor: extra, shard: shard)
            }
            files.append(file)
        }
        return files
    }

    private static func readWeightMap(indexPath: String) throws -> [String: String] {
        guard let data = FileManager.default.contents(atPath: indexPath) else {
            throw ModelError.invalidIndex(path: indexPath, detail: "the file cannot be read")
        }
        let root: JSONValue
        do {
            root = try data.withUnsafeBytes { try JSONParser.parse($0) }
        } catch let error as JSONParseError {
            if case .duplicateKey(let key) = error.reason, error.depth == 2 {
                throw ModelError.invalidIndex(path: indexPath, detail: "tensor \"\(key)\" is listed twice in weight_map")
            }
            throw ModelError.invalidIndex(path: indexPath, detail: error.message)
        }
        guard let weightMap = root.objectValue?["weight_map"]?.objectValue else {
            throw ModelError.invalidIndex(path: indexPath, detail: "no \"weight_map\" object")
        }
        var map: [String: String] = [:]
        for member in weightMap.members {
            guard let shard = member.value.stringValue else {
                throw ModelError.invalidIndex(path: indexPath, detail: "weight_map entry for \"\(member.key)\" is \(member.value.kindDescription), not a file name")
            }
            map[member.key] = shard
        }
        return map
    }
}
