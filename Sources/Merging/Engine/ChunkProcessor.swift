import SafeTensors

/// One worker's buffers and the steps of one work item: read and cast the inputs of a chunk,
/// run the method, check and encode the output, hand it to the sink. The buffers are
/// allocated once per worker and reused for every chunk.
final class ChunkProcessor {
    private let plan: TensorPlan
    private let sink: any TensorSink
    /// Float32 values: the inputs, the output, then scratch for the method.
    private let arena: UnsafeMutablePointer<Float>
    private let arenaFloats: Int
    /// Stored bytes: an input chunk as read from disk, or the encoded output chunk.
    private let staging: UnsafeMutableRawPointer

    /// Allocates buffers for chunks of up to `chunkLength` elements.
    init(plan: TensorPlan, sink: any TensorSink, chunkLength: Int) {
        self.plan = plan
        self.sink = sink
        arenaFloats = chunkLength * MergeOptions.floatsPerElement(inputCount: plan.job.ingredients.count + 1)
        arena = .allocate(capacity: max(arenaFloats, 1))
        staging = .allocate(byteCount: max(chunkLength * MergeOptions.maximumElementBytes, 1), alignment: 64)
    }

    deinit {
        arena.deallocate()
        staging.deallocate()
    }

    private func elements(of entry: TensorPlan.Entry, chunk: Int) -> Range<Int> {
        let start = chunk * entry.chunkLength
        return start..<min(entry.elementCount, start + entry.chunkLength)
    }

    /// Runs the first pass of a tensor over all its chunks in order.
    func analyze(entry index: Int, chunkCount: Int) throws {
        let entry = plan.entries[index]
        guard case .merge(let participants, let merger) = entry.action else { return }
        for chunk in 0..<chunkCount {
            let values = try load(entry, participants: participants, elements: elements(of: entry, chunk: chunk))
            try merger.analyze(values)
        }
        try merger.finishAnalysis()
    }

    /// Computes and writes one output chunk; returns the bytes written.
    func write(entry index: Int, chunk: Int) throws -> Int {
        let entry = plan.entries[index]
        let range = elements(of: entry, chunk: chunk)
        switch entry.action {
        case .copyBytes:
            try plan.job.layoutSource!.readBytes(entry.output.name, elements: range, into: staging)
            let size = entry.output.dtype.size
            try sink.write(UnsafeRawBufferPointer(start: staging, count: range.count * size), tensorIndex: index, byteOffset: range.lowerBound * size)
            return range.count * size

        case .convert:
            let values = arena
            try read(plan.job.layoutSource!, entry: entry, elements: range, into: values)
            return try store(values, entry: entry, index: index, elements: range)

        case .merge(let participants, let merger):
            // The first pass already checked the inputs of analysed tensors.
            let inputs = try load(entry, participants: participants, elements: range, checkFinite: !merger.needsAnalysis)
            let output = arena + (participants.count + 1) * range.count
            merger.combine(inputs, into: output)
            guard Kernels.allFinite(output, count: range.count) else {
                throw MergeError.nonFiniteOutput(tensor: entry.output.name)
            }
            return try store(output, entry: entry, index: index, elements: range)
        }
    }

    /// Reads the base and the participating ingredients of one chunk into the arena. Layout:
    /// ingredients, base, then scratch for the method.
    private func load(_ entry: TensorPlan.Entry, participants: [Int], elements: Range<Int>, checkFinite: Bool = true) throws -> ChunkValues {
        let length = elements.count
        var ingredients: [UnsafePointer<Float>] = []
        ingredients.reserveCapacity(participants.count)
        for (slot, index) in participants.enumerated() {
            let destination = arena + slot * length
            try read(plan.job.ingredients[index].input, entry: entry, elements: elements, into: destination, checkFinite: checkFinite)
            ingredients.append(UnsafePointer(destination))
        }
        var base: UnsafePointer<Float>?
        if let baseInput = plan.job.base {
            let destination = arena + participants.count * length
            try read(baseInput, entry: entry, elements: elements, into: destination, checkFinite: checkFinite)
            base = UnsafePointer(destination)
        }
        // The output of `combine` occupies the slot after the base; scratch follows it.
        let scratchStart = (participants.count + 2) * length
        return ChunkValues(
            elements: elements, base: base, ingredients: ingredients,
            scratch: arena + scratchStart, scratchCount: arenaFloats - scratchStart)
    }

    private func read(
        _ input: MergeInput, entry: TensorPlan.Entry, elements: Range<Int>, into destination: UnsafeMutablePointer<Float>, checkFinite: Bool = true
    ) throws {
        try input.read(entry.output.name, elements: elements, into: destination, staging: staging)
        guard !checkFinite || Kernels.allFinite(destination, count: elements.count) else {
            throw MergeError.nonFinite(tensor: entry.output.name, input: input.label)
        }
        if let cast = entry.inputDType, cast != .F32, cast != .F64 {
            Float32Conversion.round(UnsafeMutableBufferPointer(start: destination, count: elements.count), to: cast)
        }
    }

    /// Encodes `values` as the output dtype into the staging buffer and writes them.
    private func store(_ values: UnsafeMutablePointer<Float>, entry: TensorPlan.Entry, index: Int, elements: Range<Int>) throws -> Int {
        let dtype = entry.output.dtype
        let byteCount = elements.count * dtype.size
        Float32Conversion.encode(
            UnsafeBufferPointer(start: values, count: elements.count), as: dtype,
            into: UnsafeMutableRawBufferPointer(start: staging, count: byteCount))
        try sink.write(UnsafeRawBufferPointer(start: staging, count: byteCount), tensorIndex: index, byteOffset: elements.lowerBound * dtype.size)
        return byteCount
    }
}
