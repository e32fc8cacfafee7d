/// A reason a plan or a run cannot go on.
public enum SchedulerError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A source is referenced by Hub id but is not in the local Hugging Face cache.
    case weightsMissing(reference: String, hint: String)
    /// A merge reads another merge that has not been built (a programmer error in ordering,
    /// or a target list that skipped it).
    case upstreamNotBuilt(merge: String)
    case unsupported(merge: String, detail: String)
    case unknownTarget(name: String, known: [String])
    /// Another process holds the merge's lease and is still alive.
    case busy(merge: String, owner: String)
    case recipeErrors(count: Int)
    /// No done build of the merge's current identity is recorded; `reasons` lists what changed
    /// since the last build, when one is recorded.
    case notRecorded(merge: String, reasons: [String] = [])
    /// A source's bytes changed between planning and the end of the build, so the output may
    /// mix old and new bytes and does not belong to the planned identity.
    case inputChangedDuringBuild(merge: String, input: String)

    public var description: String {
        switch self {
        case .weightsMissing(let reference, let hint):
            return "the weights of \(reference) are not on disk; \(hint)"
        case .upstreamNotBuilt(let merge):
            return "merge \(merge) has not been built yet; build it first (pedigree run RECIPE \(merge))"
        case .unsupported(let merge, let detail):
            return "merge \(merge): \(detail)"
        case .unknownTarget(let name, let known):
            return "no merge named \(name) in the recipes; known merges: \(known.joined(separator: ", "))"
        case .busy(let merge, let owner):
            return "merge \(merge) is being built by \(owner)"
        case .notRecorded(let merge, let reasons):
            let why = reasons.isEmpty ? "" : " (\(reasons.joined(separator: "; ")))"
            return "merge \(merge) has no recorded build for its current recipe and inputs\(why); pedigree run builds it, and rebuild --check can then compare"
        case .inputChangedDuringBuild(let merge, let input):
            return "merge \(merge): \(input) changed while the merge read it; run pedigree run again to build it from the new bytes"
        case .recipeErrors(let count):
            return "the recipes have \(count) error\(count == 1 ? "" : "s"); run pedigree check for the full list"
        }
    }
}
