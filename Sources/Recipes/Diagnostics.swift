/// A position in a recipe file: 1-based line and column, as editors and compilers print them.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file as it was named to the loader (relative paths stay relative).
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }
}

/// One finding about a recipe set: an error that stops it from being built, a warning about
/// something mergekit would silently ignore or do differently, or a note for information.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case error, warning, note

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs.rank < rhs.rank
        }

        private var rank: Int {
            switch self {
            case .error: return 0
            case .warning: return 1
            case .note: return 2
            }
        }
    }

    public var severity: Severity
    /// The problem's position, or nil for a problem with no place in a file. An unreadable
    /// file is reported at its path, line 1, column 1.
    public var location: SourceLocation?
    /// One or two sentences naming the value and what to do.
    public var message: String

    public init(_ severity: Severity, at location: SourceLocation?, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    /// `file:line:column: error: message`, the format compilers use.
    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        return "\(prefix)\(severity.rawValue): \(message)"
    }
}

/// Collects diagnostics in the order they are found. `strict` turns warnings into errors,
/// for `--strict`.
struct DiagnosticLog {
    let strict: Bool
    private(set) var entries: [Diagnostic] = []
    /// Positions of placeholders for YAML that could not be read (an unknown alias); errors
    /// there would only repeat the YAML error, so they are dropped.
    var suppressedLocations: Set<SourceLocation> = []

    init(strict: Bool) {
        self.strict = strict
    }

    var hasErrors: Bool { entries.contains { $0.severity == .error } }

    mutating func error(_ location: SourceLocation?, _ message: String) {
        if let location, suppressedLocations.contains(location) { return }
        entries.append(Diagnostic(.error, at: location, message))
    }

    /// Records a warning, or an error under `strict`.
    mutating func warning(_ location: SourceLocation?, _ message: String) {
        entries.append(Diagnostic(strict ? .error : .warning, at: location, message))
    }

    mutating func note(_ location: SourceLocation?, _ message: String) {
        entries.append(Diagnostic(.note, at: location, message))
    }

    mutating func append(contentsOf diagnostics: [Diagnostic]) {
        entries.append(contentsOf: diagnostics)
    }
}
