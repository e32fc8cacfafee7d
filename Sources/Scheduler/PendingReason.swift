/// A reason a merge has to be built.
public enum PendingReason: Equatable, Sendable, CustomStringConvertible {
    /// No merge of this name was ever recorded.
    case new
    /// The recipe changed since the last build; the canonical fields that differ.
    case recipeChanged(fields: [String])
    /// Inputs whose identity changed since the last build: a source's bytes, or an upstream
    /// merge's recipe or inputs.
    case inputChanged(inputs: [String])
    /// The recorded output directory is gone.
    case outputMissing(path: String)
    /// The recorded output no longer matches its content hash.
    case outputModified(path: String, detail: String)
    /// The last build of this identity failed.
    case previousBuildFailed(error: String)
    /// A build of this identity was interrupted (its process is gone).
    case interrupted
    /// Another live process holds the build lease of this identity, described as
    /// "process PID on HOST".
    case building(owner: String)
    /// The last build had the same identity but its record was lost (no done record).
    case notBuilt

    public var description: String {
        switch self {
        case .new: return "new"
        case .recipeChanged(let fields): return "recipe changed: \(fields.joined(separator: ", "))"
        case .inputChanged(let inputs): return "input changed: \(inputs.joined(separator: "; "))"
        case .outputMissing(let path): return "output missing: \(path)"
        case .outputModified(let path, let detail): return "output modified on disk: \(path) (\(detail))"
        case .previousBuildFailed(let error): return "the previous build failed: \(error)"
        case .interrupted: return "the previous build was interrupted"
        case .building(let owner): return "being built by \(owner)"
        case .notBuilt: return "not built yet"
        }
    }
}
