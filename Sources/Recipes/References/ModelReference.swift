/// A model as a recipe names it, before resolution: `path`, `org/repo`, `org/repo@revision`,
/// `X+adapter`, or the dict form `{model: {path, revision}, lora: ...}`. The path may also be
/// the name of another merge in the recipe set.
public struct ModelReference: Hashable, Sendable, CustomStringConvertible {
    /// A path or repo id with an optional revision (a branch, tag or commit).
    public struct Path: Hashable, Sendable, CustomStringConvertible {
        public var path: String
        public var revision: String?

        public init(path: String, revision: String? = nil) {
            self.path = path
            self.revision = revision
        }

        /// `path@revision` or `path`.
        public var description: String { revision.map { "\(path)@\($0)" } ?? path }
    }

    public var model: Path
    /// A PEFT LoRA adapter applied to the model (`model+adapter`).
    public var adapter: Path?
    public var location: SourceLocation

    public init(model: Path, adapter: Path? = nil, location: SourceLocation) {
        self.model = model
        self.adapter = adapter
        self.location = location
    }

    /// The reference in mergekit's string grammar: `path[@revision][+adapter[@revision]]`.
    public var description: String { adapter.map { "\(model)+\($0)" } ?? model.description }

    /// Parses mergekit's string grammar. Returns an error message naming the problem when
    /// the text has more than one `+`, more than one `@` in a part, or an empty part.
    static func parse(_ text: String, at location: SourceLocation) -> Result<ModelReference, ReferenceSyntaxError> {
        let parts = text.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2 else {
            return .failure(ReferenceSyntaxError(message:
                "invalid model reference \"\(text)\": it has more than one '+'; write MODEL or MODEL+ADAPTER"))
        }
        var paths: [Path] = []
        for part in parts {
            let pieces = part.split(separator: "@", omittingEmptySubsequences: false).map(String.init)
            guard pieces.count <= 2 else {
                let place = parts.count == 1 ? "it" : "\"\(part)\""
                return .failure(ReferenceSyntaxError(message:
                    "invalid model reference \"\(text)\": \(place) has more than one '@'; write PATH@REVISION"))
            }
            guard !pieces[0].isEmpty, pieces.count == 1 || !pieces[1].isEmpty else {
                return .failure(ReferenceSyntaxError(message:
                    "invalid model reference \"\(text)\": a path or revision is empty; write MODEL[@REVISION][+ADAPTER]"))
            }
            paths.append(Path(path: pieces[0], revision: pieces.count == 2 ? pieces[1] : nil))
        }
        return .success(ModelReference(model: paths[0], adapter: paths.count == 2 ? paths[1] : nil, location: location))
    }
}

/// The message of a model reference that does not follow mergekit's grammar.
struct ReferenceSyntaxError: Error {
    var message: String
}

extension ModelReference.Path {
    /// Whether the path has the shape of a Hugging Face repo id: `ORG/NAME`, each part made
    /// of letters, digits, `-`, `_` and `.`, not starting with `.` (so `./x` and `../x` are
    /// local paths).
    var isHubRepoID: Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part.first != "." && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        }
    }
}
