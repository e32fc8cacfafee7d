/// The merge methods the engine can run, by their `merge_method` names.
public enum MethodRegistry {
    public static let methods: [any MergeMethod] = [ModelStock(), Linear()]

    /// Names of the methods the engine runs, in registry order.
    public static var implementedNames: [String] { methods.map(\.descriptor.name) }

    public static func isImplemented(_ name: String) -> Bool { method(named: name) != nil }

    public static func method(named name: String) -> (any MergeMethod)? {
        methods.first { $0.descriptor.name == name }
    }

    /// Returns the method named `name`. Otherwise it throws an error that lists the methods
    /// the engine runs, or that names a known mergekit method as not implemented yet.
    public static func require(_ name: String) throws -> any MergeMethod {
        if let method = method(named: name) { return method }
        let runnable = methods.map(\.descriptor.name)
        if MethodCatalog.descriptor(named: name) != nil {
            throw MergeError.unsupported(detail: "merge method \(name) is not implemented yet; the engine runs \(runnable.joined(separator: ", "))")
        }
        throw MergeError.unknownMethod(name: name, known: runnable)
    }
}
