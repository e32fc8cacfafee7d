import SafeTensors

/// One worker's buffers and the steps of one work item: read and cast the inputs of a chunk,
/// run the method, check and encode the output, hand it to the sink. The buffers are
/// allocated once per worker and reused for every chunk.
final class ChunkProcessor {
    /// Bytes of mapped input one tensor may keep resident until its output is written.
    static let pagesKeptBetweenPasses = 256 << 20

    private let plan: TensorPlan
    private let sink: any TensorSink
    private let arena: UnsafeMutablePointer<Float>
    private let arenaFloats: Int

    init(plan: TensorPlan, sink: any TensorSink, arenaFloats: Int) {
        self.plan = plan
        self.sink = sink
        self.arenaFloats = arenaFloats
        arena = .allocate(capacity: max(arenaFloats, 1))
    }

    deinit {
        arena.deallocate()
    }

    private func elements(of entry: TensorPlan.Entry, chunk: Int) -> Range<Int> {
        let start = chunk * entry.chunkLength
        return start..<min(entry.elementCount, start + entry.chunkLength)
    }

    /// Runs the first pass of a tensor over all its chunks in order. A tensor whose inputs
    /// map at most `pagesKeptBetweenPasses` bytes keeps its pages until the second pass, so
    /// they are not faulted in twice; larger ones release each chunk's pages at once.
    func analyze(entry index: Int, chunkCount: Int) throws {
        let entry = plan.entries[index]
        guard case .merge(let participants, let merger) = entry.action else { return }
        let mappedBytes = plan.job.inputBytes(of: entry.output.name)
        let keepsPagesForSecondPass = mappedBytes <= Self.pagesKeptBetweenPasses
        for chunk in 0..<chunkCount {
            let range = elements(of: entry, chunk: chunk)
            let values = try load(entry, participants: participants, elements: range)
            try merger.analyze(values)
            if keepsPagesForSecondPass == false {
                releasePages(of: entry, participants: participants, elements: range)
            }
        }
        try merger.finishAnalysis()
    }

    /// Computes and writes one output chunk; returns the bytes written.
    func write(entry index: Int, chunk: Int) throws -> Int {
        let entry = plan.entries[index]
        let range = elements(of: entry, chunk: chunk)
        let outputType = entry.output.dtype
        switch entry.action {
        case .copyBytes:
            let location = plan.job.layoutSource!.model.location(of: entry.output.name)!
            try location.file.withBytes(of: location.info) { bytes in
                let size = location.info.dtype.size
                let slice = UnsafeRawBufferPointer(rebasing: bytes[(range.lowerBound * size)..<(range.upperBound * size)])
                try sink.write(slice, tensorIndex: index, byteOffset: range.lowerBound * size)
            }
            return range.count * outputType.size

        case .convert:
            let values = arena
            try read(plan.job.layoutSource!, entry: entry, elements: range, into: values)
            let written = try store(values, entry: entry, index: index, elements: range)
            plan.job.layoutSource!.releasePages(of: entry.output.name, elements: range)
            return written

        case .merge(let participants, let merger):
            // The first pass already checked the inputs of analysed tensors.
            let inputs = try load(entry, participants: participants, elements: range, checkFinite: !merger.needsAnalysis)
            let output = arena + (participants.count + 1) * range.count
            merger.combine(inputs, into: output)
            guard Kernels.allFinite(output, count: range.count) else {
                throw MergeError.nonFiniteOutput(tensor: entry.output.name)
            }
            let written = try store(output, entry: entry, index: index, elements: range)
            // Small tensors release their pages once, after their last chunk: every madvise
            // in a multithreaded process costs a TLB shootdown on the other cores.
            if plan.job.inputBytes(of: entry.output.name) > Self.pagesKeptBetweenPasses {
                releasePages(of: entry, participants: participants, elements: range)
            }
            return written
        }
    }

    /// Drops the mapped pages of a whole tensor in every input. Per-chunk releases leave the
    /// pages that the kernel's fault-around mapped behind a chunk; this clears them.
    func releaseTensor(entry index: Int) {
        let entry = plan.entries[index]
        let all = 0..<entry.elementCount
        switch entry.action {
        case .merge(let participants, _):
            releasePages(of: entry, participants: participants, elements: all)
        case .convert, .copyBytes:
            plan.job.layoutSource?.releasePages(of: entry.output.name, elements: all)
        }
    }

    private func releasePages(of entry: TensorPlan.Entry, participants: [Int], elements: Range<Int>) {
        for participant in participants {
            plan.job.ingredients[participant].input.releasePages(of: entry.output.name, elements: elements)
        }
        plan.job.base?.releasePages(of: entry.output.name, elements: elements)
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
        input.read(entry.output.name, elements: elements, into: destination)
        guard !checkFinite || Kernels.allFinite(destination, count: elements.count) else {
            throw MergeError.nonFinite(tensor: entry.output.name, input: input.label)
        }
        if let cast = entry.inputDType, cast != .F32, cast != .F64 {
            Float32Conversion.round(UnsafeMutableBufferPointer(start: destination, count: elements.count), to: cast)
        }
    }

    /// Encodes `values` as the output dtype into the end of the arena and writes them.
    private func store(_ values: UnsafeMutablePointer<Float>, entry: TensorPlan.Entry, index: Int, elements: Range<Int>) throws -> Int {
        let dtype = entry.output.dtype
        let byteCount = elements.count * dtype.size
        let bytes = UnsafeMutableRawPointer(arena + (arenaFloats - 2 * entry.chunkLength))
        Float32Conversion.encode(
            UnsafeBufferPointer(start: values, count: elements.count), as: dtype,
            into: UnsafeMutableRawBufferPointer(start: bytes, count: byteCount))
        try sink.write(UnsafeRawBufferPointer(start: bytes, count: byteCount), tensorIndex: index, byteOffset: elements.lowerBound * dtype.size)
        return byteCount
    }
}
