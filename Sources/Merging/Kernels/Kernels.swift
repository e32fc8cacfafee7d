import SafeTensors

/// Element loops shared by the merge methods. They work on Float32 buffers of one chunk and
/// allocate nothing per element.
enum Kernels {
    /// Writes `x_i - base` for every ingredient into consecutive slices of the chunk's scratch
    /// memory, rounding each difference to `rounding` when given, and returns the slices.
    static func taskVectors(_ chunk: ChunkValues, rounding: DType?) -> [UnsafeMutablePointer<Float>] {
        let count = chunk.count
        precondition(chunk.scratchCount >= count * chunk.ingredients.count, "scratch too small for the task vectors")
        let base = chunk.base!
        return chunk.ingredients.enumerated().map { index, input in
            let offsets = chunk.scratch + index * count
            subtract(input, base, into: offsets, count: count)
            if let rounding, rounding != .F32 {
                Float32Conversion.round(UnsafeMutableBufferPointer(start: offsets, count: count), to: rounding)
            }
            return offsets
        }
    }

    static func subtract(_ left: UnsafePointer<Float>, _ right: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>, count: Int) {
        var index = 0
        while index + 8 <= count {
            let a = UnsafeRawPointer(left + index).loadUnaligned(as: SIMD8<Float>.self)
            let b = UnsafeRawPointer(right + index).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(output + index).storeBytes(of: a - b, as: SIMD8<Float>.self)
            index += 8
        }
        while index < count {
            output[index] = left[index] - right[index]
            index += 1
        }
    }

    static func multiply(_ left: UnsafePointer<Float>, _ right: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>, count: Int) {
        var index = 0
        while index + 8 <= count {
            let a = UnsafeRawPointer(left + index).loadUnaligned(as: SIMD8<Float>.self)
            let b = UnsafeRawPointer(right + index).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(output + index).storeBytes(of: a * b, as: SIMD8<Float>.self)
            index += 8
        }
        while index < count {
            output[index] = left[index] * right[index]
            index += 1
        }
    }

    /// Adds the Float64 products `a_i[p] * a_j[p]` (i <= j, upper triangle in row-major order)
    /// into eight lanes chosen by element position `p mod 8`. `firstPosition` is the position
    /// of element 0 and must be a multiple of 8, so any split into chunks gives the same lanes.
    static func accumulateGram(
        _ vectors: [UnsafeMutablePointer<Float>], count: Int, length: Int, firstPosition: Int, into gram: inout [SIMD8<Double>]
    ) {
        precondition(firstPosition % 8 == 0, "Gram accumulation must start on a lane boundary")
        precondition(gram.count == count * (count + 1) / 2, "the Gram matrix has the wrong size")
        let wholeLength = length / 8 * 8
        withUnsafeTemporaryAllocation(of: SIMD8<Double>.self, capacity: count) { widened in
            gram.withUnsafeMutableBufferPointer { lanes in
                var index = 0
                while index < wholeLength {
                    for i in 0..<count {
                        widened[i] = SIMD8<Double>(UnsafeRawPointer(vectors[i] + index).loadUnaligned(as: SIMD8<Float>.self))
                    }
                    var pair = 0
                    for i in 0..<count {
                        let left = widened[i]
                        for j in i..<count {
                            lanes[pair] = lanes[pair] + left * widened[j]
                            pair += 1
                        }
                    }
                    index += 8
                }
                while index < length {
                    var pair = 0
                    for i in 0..<count {
                        for j in i..<count {
                            lanes[pair][index % 8] += Double(vectors[i][index]) * Double(vectors[j][index])
                            pair += 1
                        }
                    }
                    index += 1
                }
            }
        }
    }

    /// `output = sum_i weights[i] * inputs[i]`, accumulated in input order with fused
    /// multiply-add from zero. A weight of 1 takes a plain addition, which rounds the same way.
    static func weightedSum(_ inputs: [UnsafePointer<Float>], weights: [Float], count: Int, into output: UnsafeMutablePointer<Float>) {
        output.initialize(repeating: 0, count: count)
        for (input, weight) in zip(inputs, weights) {
            if weight == 1 {
                for index in 0..<count { output[index] = output[index] + input[index] }
                continue
            }
            let factor = SIMD8<Float>(repeating: weight)
            var index = 0
            while index + 8 <= count {
                let x = UnsafeRawPointer(input + index).loadUnaligned(as: SIMD8<Float>.self)
                let sum = UnsafeRawPointer(output + index).loadUnaligned(as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(output + index).storeBytes(of: sum.addingProduct(x, factor), as: SIMD8<Float>.self)
                index += 8
            }
            while index < count {
                output[index] = output[index].addingProduct(input[index], weight)
                index += 1
            }
        }
    }

    /// Returns whether every value is finite (no NaN, no infinity). Adding 1 to the exponent field
    /// carries into the sign bit only when the field is all ones, so one OR over the lanes
    /// finds any NaN or infinity.
    static func allFinite(_ values: UnsafePointer<Float>, count: Int) -> Bool {
        var index = 0
        var carries = SIMD8<UInt32>.zero
        while index + 8 <= count {
            let bits = UnsafeRawPointer(values + index).loadUnaligned(as: SIMD8<UInt32>.self)
            carries |= (bits & 0x7F80_0000) &+ 0x0080_0000
            index += 8
        }
        var sign: UInt32 = 0
        for lane in 0..<8 { sign |= carries[lane] }
        if sign & 0x8000_0000 != 0 { return false }
        while index < count {
            if !values[index].isFinite { return false }
            index += 1
        }
        return true
    }
}
