import Foundation
import SafeTensors

/// A Hugging Face style model: `config.json` and its weights as one `model.safetensors` or as
/// shards listed in `model.safetensors.index.json`. Opening validates every weights file's
/// header and the index, but reads no tensor data.
public final class ModelDirectory: Sendable {
    public static let singleFileName = "model.safetensors"
    public static let indexFileName = "model.safetensors.index.json"

    /// The directory (or, for a bare weights file, the file itself).
    public let path: String
    /// `config.json`, when the directory has one.
    public let config: JSONObject?
    /// Weights files in name order.
    public let weightFiles: [SafeTensorsFile]
    /// Every tensor name: files in name order, then tensors in data-offset order.
    public let tensorNames: [String]
    private let locations: [String: TensorLocation]

    /// Opens the model at `path`: a directory, or a single `.safetensors` file.
    public init(path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ModelError.notFound(path: path)
        }
        self.path = path
        if !isDirectory.boolValue {
            weightFiles = [try SafeTensorsFile(path: path)]
            config = nil
        } else {
            config = try Self.readConfig(in: path)
            weightFiles = try Self.openWeights(in: path)
        }

        var names: [String] = []
        var locations: [String: TensorLocation] = [:]
        for file in weightFiles {
            for info in file.tensors {
                if let existing = locations[info.name] {
                    throw ModelError.duplicateTensor(tensor: info.name, files: [existing.file.fileName, file.fileName])
                }
                locations[info.name] = TensorLocation(file: file, info: info)
                names.append(info.name)
            }
        }
        self.tensorNames = names
        self.locations = locations
    }

    public func location(of tensorName: String) -> TensorLocation? {
        locations[tensorName]
    }

    /// `architectures[0]` from `config.json`.
    public var architecture: String? {
        config?["architectures"]?.arrayValue?.first?.stringValue
    }

    /// The number of repeated layers from `config.json` (`num_hidden_layers`, or the names
    /// GPT-2 style configs use).
    public var layerCount: Int? {
        for key in ["num_hidden_layers", "n_layer", "num_layers"] {
            if let count = config?[key]?.intValue { return count }
        }
        return nil
    }

    /// The dtype of most floating-point elements, or nil for a model without them.
    public var predominantFloatDType: DType? {
        var elements: [DType: Int] = [:]
        for file in weightFiles {
            for info in file.tensors where info.dtype.isFloatingPoint {
                elements[info.dtype, default: 0] += info.elementCount
            }
        }
        return elements.max { ($0.value, $0.key.rawValue) < ($1.value, $1.key.rawValue) }?.key
    }

    private static func readConfig(in directory: String) throws -> JSONObject? {
        let configPath = (directory as NSString).appendingPathComponent("config.json")
        guard let data = FileManager.default.contents(atPath: configPath) else { return nil }
        let value: JSONValue
        do {
            value = try data.withUnsafeBytes { try JSONParser.parse($0) }
        } catch let error as JSONParseError {
            throw ModelError.invalidConfig(path: configPath, detail: error.message)
        }
        guard let object = value.objectValue else {
            throw ModelError.invalidConfig(path: configPath, detail: "the file is \(value.kindDescription), not a JSON object")
        }
        return object
    }

    private static func openWeights(in directory: String) throws -> [SafeTensorsFile] {
        let fileManager = FileManager.default
        let entries = try fileManager.contentsOfDirectory(atPath: directory).sorted()
        let indexPath = (directory as NSString).appendingPathComponent(indexFileName)
        if fileManager.fileExists(atPath: indexPath) {
            return try ShardIndex.openShards(indexPath: indexPath, directory: directory)
        }
        if entries.contains(singleFileName) {
            return [try SafeTensorsFile(path: (directory as NSString).appendingPathComponent(singleFileName))]
        }
        let safetensors = entries.filter { $0.hasSuffix(".safetensors") && !$0.hasPrefix(".") }
        if safetensors.count == 1 {
            return [try SafeTensorsFile(path: (directory as NSString).appendingPathComponent(safetensors[0]))]
        }
        if safetensors.count > 1 {
            throw ModelError.ambiguousWeights(path: directory, files: safetensors)
        }
        let pickles = entries.filter { name in SideFiles.pickleSuffixes.contains { name.hasSuffix($0) } }
        if !pickles.isEmpty {
            throw ModelError.pickleOnly(path: directory, files: pickles)
        }
        throw ModelError.noWeights(path: directory)
    }
}

/// Where one tensor of a model is stored.
public struct TensorLocation: Sendable {
    public let file: SafeTensorsFile
    public let info: TensorInfo
}

extension SafeTensorsFile {
    /// The file's last path component.
    public var fileName: String { (path as NSString).lastPathComponent }
}
