import Merging

/// Checks parameter settings against a method's `ParameterSpec`s and applies mergekit's
/// precedence (slice source > slice > top level), filling in defaults.
struct ParameterValidation {
    let method: MethodDescriptor
    let semantics: Semantics

    /// Parameters declared at one level, split by the method's specs. Unknown and misplaced
    /// names are reported and left out.
    struct Levels {
        var global: [String: ParameterValue] = [:]
        var perModel: [String: ParameterValue] = [:]
        /// Names set to an invalid value (already reported), so they are not also reported
        /// as missing.
        var invalid: Set<String> = []
    }

    /// Sorts `declarations` into global and per-model values. `level` names where they were
    /// written, for messages: "the top level", "a slice", "a models entry".
    func sort(_ declarations: [ParameterDeclaration], level: String, allowsGlobal: Bool, log: inout DiagnosticLog) -> Levels {
        var levels = Levels()
        for declaration in declarations {
            guard let value = declaration.value else {
                levels.invalid.insert(declaration.name)
                continue
            }
            if let spec = method.perModelParameter(named: declaration.name) {
                if check(value, named: declaration.name, at: declaration.location, against: spec, log: &log) {
                    levels.perModel[declaration.name] = value
                } else {
                    levels.invalid.insert(declaration.name)
                }
            } else if let spec = method.globalParameter(named: declaration.name) {
                guard allowsGlobal else {
                    log.warning(declaration.location,
                        "\(declaration.name) is a global parameter of \(method.name), which mergekit ignores in \(level); move it to the top-level parameters")
                    continue
                }
                if check(value, named: declaration.name, at: declaration.location, against: spec, log: &log) {
                    levels.global[declaration.name] = value
                } else {
                    levels.invalid.insert(declaration.name)
                }
            } else {
                let known = (method.globalParameters + method.perModelParameters).map(\.name)
                var message = "unknown parameter \"\(declaration.name)\" for \(method.name), which mergekit ignores"
                if let suggestion = Spelling.nearest(to: declaration.name, among: known) {
                    message += "; did you mean \"\(suggestion)\"?"
                } else if known.isEmpty {
                    message += "; \(method.name) takes no parameters"
                } else {
                    message += "; \(method.name) takes \(known.joined(separator: ", "))"
                }
                log.warning(declaration.location, message)
            }
        }
        return levels
    }

    /// Global parameters with the first level that sets each one winning, then defaults.
    /// Reports required parameters that no level sets, at `location`.
    func globalValues(_ levels: [Levels], location: SourceLocation, log: inout DiagnosticLog) -> [String: ParameterValue] {
        var values: [String: ParameterValue] = [:]
        for spec in method.globalParameters {
            if let value = levels.lazy.compactMap({ $0.global[spec.name] }).first ?? spec.defaultValue {
                values[spec.name] = value
            } else if !levels.contains(where: { $0.invalid.contains(spec.name) }) {
                log.error(location, "\(method.name) needs parameter \(spec.name); add it to the top-level parameters, for example parameters: {\(spec.name): 0.5}")
            }
        }
        return values
    }

    /// Per-model parameters of one input, the first level that sets each one winning, then
    /// defaults. Reports required parameters that no level sets, naming `input`.
    func perModelValues(_ levels: [Levels], input: ModelReference, location: SourceLocation, log: inout DiagnosticLog) -> [String: ParameterValue] {
        var values: [String: ParameterValue] = [:]
        for spec in method.perModelParameters {
            if let value = levels.lazy.compactMap({ $0.perModel[spec.name] }).first ?? spec.defaultValue {
                values[spec.name] = value
            } else if !levels.contains(where: { $0.invalid.contains(spec.name) }) {
                log.error(location, "\(method.name) needs parameter \(spec.name) for model \(input); add parameters: {\(spec.name): 1.0} to it or to the top-level parameters")
            }
        }
        return values
    }

    /// Checks that the value has the spec's kind and shape, and reports the problem when not.
    private func check(_ value: ParameterValue, named name: String, at location: SourceLocation, against spec: ParameterSpec,
                       log: inout DiagnosticLog) -> Bool {
        if let problem = problem(with: value, spec: spec) {
            log.error(location, "parameter \(spec.name) of \(method.name) \(problem)")
            return false
        }
        return true
    }

    private func problem(with value: ParameterValue, spec: ParameterSpec) -> String? {
        let expected = spec.kind == .bool ? "true or false" : (spec.allowsPerTensorValues
            ? "a number, a gradient list of numbers or a list of {filter, value}" : "a number")
        switch value {
        case .number(let number):
            return spec.kind == .number ? nil : "takes \(expected); got \(CanonicalNumber.text(number))"
        case .bool(let flag):
            return spec.kind == .bool ? nil : "takes \(expected); got \(flag)"
        case .string(let text):
            return "takes \(expected); got the string \"\(text)\""
        case .gradient:
            return spec.kind == .number && spec.allowsPerTensorValues ? nil : "takes \(expected); got a gradient list"
        case .conditional(let entries):
            guard spec.allowsPerTensorValues else { return "takes \(expected); got a conditional list" }
            return entries.lazy.compactMap { problem(with: $0.value, spec: spec) }.first
        }
    }
}
