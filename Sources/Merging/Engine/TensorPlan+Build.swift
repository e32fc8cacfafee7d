import Models
import SafeTensors

extension TensorPlan {
    /// Validates `job` against `method` and the inputs' headers and decides every output
    /// tensor. Reads no tensor data. `chunkElements` is the engine's chunk size before
    /// alignment; `warn` receives warnings as they are found.
    static func build(job original: MergeJob, method: any MergeMethod, chunkElements: Int, warn: @escaping @Sendable (String) -> Void) throws -> TensorPlan {
        var warnings: [String] = []
        func note(_ message: String) {
            warnings.append(message)
            warn(message)
        }
        var job = original
        if let base = job.base {
            let duplicates = job.ingredients.filter { $0.input.isSameSource(as: base) }
            if !duplicates.isEmpty {
                note("\(base.label) is the base and is also listed as an ingredient; the ingredient entry is dropped")
                job.ingredients.removeAll { $0.input.isSameSource(as: base) }
            }
        }
        try method.validate(job)
        let weights = job.ingredients.compactMap { $0.parameters["weight"] } + [job.parameters["weight"]].compactMap { $0 }
        if job.method == "model_stock", job.semantics == .mergekit, weights.contains(where: { $0 != .number(1) }) {
            note("model_stock under mergekit semantics ignores per-model weight, as mergekit 0.1.5 does")
        }
        guard let layout = job.layoutSource else {
            throw MergeError.invalidInputs(message: "\(job.method) needs at least one input model")
        }
        let layerCount = job.layerCount ?? layout.model.layerCount ?? 1
        let descriptor = method.descriptor

        var entries: [Entry] = []
        for name in layout.tensorNames {
            let info = layout.info(of: name)!
            if !info.dtype.isFloatingPoint {
                entries.append(Entry(
                    output: OutputTensor(name: name, dtype: info.dtype, shape: info.shape), action: .copyBytes, inputDType: nil,
                    chunkLength: aligned(chunkElements, to: 64)))
                continue
            }
            try requireConvertible(info, tensor: name, input: layout)
            let participants = job.ingredients.indices.filter { job.ingredients[$0].input.info(of: name) != nil }
            var shapes: [(input: String, shape: [Int])] = []
            if let base = job.base { shapes.append((base.label, info.shape)) }
            for index in participants {
                let input = job.ingredients[index].input
                let other = input.info(of: name)!
                try requireConvertible(other, tensor: name, input: input)
                shapes.append((input.label, other.shape))
            }
            if shapes.contains(where: { $0.shape != info.shape }) {
                throw MergeError.shapeMismatch(tensor: name, shapes: shapes)
            }
            let mergeable = job.base == nil ? participants.count >= 1 : participants.count >= max(descriptor.minimumIngredients, 1)
            if !mergeable {
                if !participants.isEmpty {
                    note("tensor \(name) is in only \(participants.count) of the \(job.ingredients.count) ingredients, too few for \(job.method); it is copied from \(layout.label)")
                }
                entries.append(try copyEntry(name: name, info: info, job: job, chunkElements: chunkElements))
                continue
            }
            if participants.count < job.ingredients.count {
                note("tensor \(name) is missing from \(job.ingredients.count - participants.count) ingredient(s); it is merged from the other \(participants.count)")
            }

            let inputDTypes = (job.base == nil ? [] : [info.dtype]) + participants.map { job.ingredients[$0].input.info(of: name)!.dtype }
            let computeDType: DType
            let outputDType: DType
            let inputDType: DType?
            switch job.semantics {
            case .pedigree:
                computeDType = .F32
                inputDType = job.dtype
                outputDType = job.outDtype ?? job.dtype ?? info.dtype
            case .mergekit:
                computeDType = job.dtype ?? promotedType(inputDTypes)
                guard computeDType != .F64 else {
                    throw MergeError.unsupported(detail: "tensor \(name): Float64 arithmetic under mergekit semantics is not supported; set dtype: float32 or use the default semantics")
                }
                inputDType = computeDType
                outputDType = job.outDtype ?? computeDType
            }
            let position = LayerPosition.position(of: name, layerCount: layerCount)
            let context = TensorContext(
                name: name, shape: info.shape, semantics: job.semantics, computeDType: computeDType, hasBase: job.base != nil,
                parameters: resolve(job.parameters, defaults: descriptor.globalParameters, tensor: name, position: position),
                ingredientParameters: participants.map { resolve(job.ingredients[$0].parameters, defaults: [], tensor: name, position: position) },
                warn: warn)
            let merger = try method.makeMerger(for: context)
            entries.append(Entry(
                output: OutputTensor(name: name, dtype: outputDType, shape: info.shape),
                action: .merge(participants: participants, merger: merger), inputDType: inputDType,
                chunkLength: aligned(chunkElements, to: merger.chunkAlignment)))
        }
        let unused = Set(job.ingredients.flatMap(\.input.tensorNames)).subtracting(layout.tensorNames)
        if !unused.isEmpty {
            note("\(unused.count) tensor(s) of the ingredients are not in \(layout.label) and are left out, such as \(unused.sorted()[0])")
        }
        return TensorPlan(job: job, entries: entries, warnings: warnings)
    }

    private static func copyEntry(name: String, info: TensorInfo, job: MergeJob, chunkElements: Int) throws -> Entry {
        let cast = job.dtype
        let outputDType = job.outDtype ?? cast ?? info.dtype
        let adapted = job.layoutSource?.adapter?.module(forTensor: name) != nil
        let unchanged = outputDType == info.dtype && (cast == nil || cast == info.dtype) && !adapted
        return Entry(
            output: OutputTensor(name: name, dtype: outputDType, shape: info.shape),
            action: unchanged ? .copyBytes : .convert, inputDType: cast,
            chunkLength: aligned(chunkElements, to: 64))
    }

    private static func requireConvertible(_ info: TensorInfo, tensor: String, input: MergeInput) throws {
        guard info.dtype.isConvertibleToFloat32 else {
            throw MergeError.unsupportedDType(tensor: tensor, dtype: info.dtype, input: input.label)
        }
    }

    /// PyTorch's type promotion among F64, F32, F16 and BF16: the wider type wins, and F16
    /// with BF16 gives F32.
    static func promotedType(_ types: [DType]) -> DType {
        let distinct = Set(types)
        if distinct.contains(.F64) { return .F64 }
        if distinct.contains(.F32) || (distinct.contains(.F16) && distinct.contains(.BF16)) { return .F32 }
        return distinct.first ?? .F32
    }

    /// Rounds `length` down to a positive multiple of `alignment`.
    static func aligned(_ length: Int, to alignment: Int) -> Int {
        max(alignment, length / alignment * alignment)
    }

    /// Parameters with defaults filled in and per-tensor values (gradients, conditionals)
    /// resolved for `tensor`.
    private static func resolve(
        _ parameters: [String: ParameterValue], defaults: [ParameterSpec], tensor: String, position: Double
    ) -> [String: ParameterValue] {
        var result: [String: ParameterValue] = [:]
        for spec in defaults {
            if let value = spec.defaultValue { result[spec.name] = value }
        }
        for (name, value) in parameters {
            if let resolved = value.resolved(forTensor: tensor, position: position) { result[name] = resolved }
        }
        return result
    }
}
