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
        let wholeLength = length / 8 * 8
        var pair = 0
        for i in 0..<count {
            for j in i..<count {
                var lanes = gram[pair]
                let left = vectors[i]
                let right = vectors[j]
                var index = 0
                while index < wholeLength {
                    let a = SIMD8<Double>(UnsafeRawPointer(left + index).loadUnaligned(as: SIMD8<Float>.self))
                    let b = SIMD8<Double>(UnsafeRawPointer(right + index).loadUnaligned(as: SIMD8<Float>.self))
                    lanes = lanes + a * b
                    index += 8
                }
                while index < length {
                    lanes[index % 8] += Double(left[index]) * Double(right[index])
                    index += 1
                }
                gram[pair] = lanes
                pair += 1
            }
        }
    }

    /// `output = sum_i weights[i] * inputs[i]`, accumulated in input order with fused
    /// multiply-add from zero.
    static func weightedSum(_ inputs: [UnsafePointer<Float>], weights: [Float], count: Int, into output: UnsafeMutablePointer<Float>) {
        output.initialize(repeating: 0, count: count)
        for (input, weight) in zip(inputs, weights) {
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

    /// Whether every value is finite (no NaN, no infinity).
    static func allFinite(_ values: UnsafePointer<Float>, count: Int) -> Bool {
        var index = 0
        var nonFinite = SIMDMask<SIMD8<Int32>>(repeating: false)
        while index + 8 <= count {
            let bits = UnsafeRawPointer(values + index).loadUnaligned(as: SIMD8<UInt32>.self)
            nonFinite .|= (bits & 0x7F80_0000) .== 0x7F80_0000
            index += 8
        }
        if any(nonFinite) { return false }
        while index < count {
            if !values[index].isFinite { return false }
            index += 1
        }
        return true
    }
}
