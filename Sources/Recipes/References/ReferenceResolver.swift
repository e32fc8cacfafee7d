import Foundation

/// Turns model references into inputs. The order is: a merge name of the recipe set, a
/// local folder relative to the recipe file's folder, then relative to the current
/// directory (as mergekit does), the local Hugging Face cache, then each `--models-dir`
/// root (`ROOT/PATH`, then `ROOT/NAME` for the last path component). A repo id found
/// nowhere is a `.hub` input, to be downloaded; any other reference found nowhere is an
/// error.
struct ReferenceResolver {
    var mergeNames: [String]
    var currentDirectory: String
    var hubCache: HubCache
    var modelsDirectories: [String]

    /// The input `reference` points to, or an error message naming the value, the places
    /// searched and what to do.
    func resolve(_ reference: ModelReference) -> Result<ResolvedInput, ResolutionError> {
        let recipeDirectory = FileSystem.absolute((reference.location.file as NSString).deletingLastPathComponent,
                                                  relativeTo: currentDirectory)
        let model: ResolvedInput.Model
        if mergeNames.contains(reference.model.path) {
            if let revision = reference.model.revision {
                return .failure(ResolutionError(message:
                    "\"\(reference.model)\" names the merge \(reference.model.path), which has no revisions; remove \"@\(revision)\""))
            }
            model = .merge(name: reference.model.path)
        } else {
            switch locate(reference.model, recipeDirectory: recipeDirectory) {
            case .found(let path, let hub): model = .directory(path: path, hub: hub)
            case .hub(let hub): model = .hub(hub)
            case .notFound(let searched): return .failure(notFound(reference.model, searched: searched, isAdapter: false))
            }
        }
        var adapter: ResolvedInput.Adapter?
        if let adapterPath = reference.adapter {
            switch locate(adapterPath, recipeDirectory: recipeDirectory) {
            case .found(let path, let hub): adapter = .directory(path: path, hub: hub)
            case .hub(let hub): adapter = .hub(hub)
            case .notFound(let searched): return .failure(notFound(adapterPath, searched: searched, isAdapter: true))
            }
        }
        return .success(ResolvedInput(model: model, adapter: adapter, reference: reference))
    }

    private enum Location {
        case found(String, HubReference?)
        case hub(HubReference)
        case notFound(searched: [String])
    }

    private func locate(_ path: ModelReference.Path, recipeDirectory: String) -> Location {
        var searched: [String] = []
        func check(_ candidate: String) -> Bool {
            searched.append(candidate)
            return FileSystem.isDirectory(candidate)
        }
        for directory in [recipeDirectory, currentDirectory] {
            let candidate = FileSystem.absolute(path.path, relativeTo: directory)
            if !searched.contains(candidate), check(candidate) { return .found(candidate, nil) }
            if path.path.hasPrefix("/") { break }
        }
        if path.isHubRepoID {
            if let snapshot = hubCache.snapshot(repo: path.path, revision: path.revision) {
                return .found(snapshot.path, HubReference(repo: path.path, revision: snapshot.commit))
            }
            searched.append((hubCache.root as NSString).appendingPathComponent("models--" + path.path.replacingOccurrences(of: "/", with: "--")))
        }
        for root in modelsDirectories {
            let absoluteRoot = FileSystem.absolute(root, relativeTo: currentDirectory)
            for name in [path.path, (path.path as NSString).lastPathComponent] {
                let candidate = FileSystem.absolute(name, relativeTo: absoluteRoot)
                if !searched.contains(candidate), check(candidate) { return .found(candidate, nil) }
            }
        }
        // A repo id whose organization is a local folder (`models/ft9` beside `models/`) is far
        // more likely a mistyped path than a Hub repo, so it is not taken as one.
        let organization = String(path.path.prefix { $0 != "/" })
        let isLocalFolder = [recipeDirectory, currentDirectory].contains {
            FileSystem.isDirectory(FileSystem.absolute(organization, relativeTo: $0))
        }
        if path.isHubRepoID, !isLocalFolder {
            return .hub(HubReference(repo: path.path, revision: path.revision ?? "main"))
        }
        return .notFound(searched: searched)
    }

    private func notFound(_ path: ModelReference.Path, searched: [String], isAdapter: Bool) -> ResolutionError {
        let what = isAdapter ? "adapter" : "model"
        let isBareName = !path.path.contains("/") && !path.path.hasPrefix(".") && !path.path.hasPrefix("~")
        if isBareName, !isAdapter {
            var message = "unknown model or merge name \"\(path.path)\""
            if let suggestion = Spelling.nearest(to: path.path, among: mergeNames) {
                message += "; did you mean the merge \"\(suggestion)\"?"
            } else {
                message += "; name a merge of this recipe set, a folder (./\(path.path)) or a Hugging Face repo (ORG/NAME)"
            }
            return ResolutionError(message: message)
        }
        return ResolutionError(message:
            "\(what) folder \"\(path.path)\" not found; looked in \(searched.joined(separator: ", ")). Fix the path or pass --models-dir")
    }
}

/// Why a reference could not be resolved.
struct ResolutionError: Error {
    var message: String
}
