import SafeTensors

extension LoRAAdapter {
    /// Adds the adapter's delta to part of its target tensor: `values` contains the flat elements
    /// `elements` of `module.targetTensor` as Float32 and receives `W + scale * B A` (with
    /// `(B A)` transposed under `fan_in_fan_out`), rounded to `storedDType` as PEFT's
    /// in-place merge stores it. The rank terms are summed in order with fused multiply-add.
    ///
    /// Traps if `elements` lies outside the target tensor (a programmer error: callers read
    /// ranges of tensors they validated with `validate`).
    public func addDelta(
        of module: LoRAModule, elements: Range<Int>, to values: UnsafeMutablePointer<Float>, storedDType: DType
    ) {
        let rank = module.rank
        let rowLength = fanInFanOut ? module.outFeatures : module.inFeatures
        let rowCount = fanInFanOut ? module.inFeatures : module.outFeatures
        precondition(elements.lowerBound >= 0 && elements.upperBound <= rowLength * rowCount, "elements outside \(module.targetTensor)")
        guard !elements.isEmpty else { return }

        // Factors laid out so that row `row` of the delta is sum_k left[row, k] * right[k, :].
        // Plain LoRA: left = B [out, r], right = A [r, in]. fan_in_fan_out: left = A^T, right = B^T.
        let firstRow = elements.lowerBound / rowLength
        let lastRow = (elements.upperBound - 1) / rowLength
        var right = [Float](repeating: 0, count: rank * rowLength)
        var left = [Float](repeating: 0, count: (lastRow - firstRow + 1) * rank)
        if fanInFanOut {
            let b = decode(module.b)
            let a = decode(module.a)
            for k in 0..<rank {
                for column in 0..<rowLength { right[k * rowLength + column] = b[column * rank + k] }
                for row in firstRow...lastRow { left[(row - firstRow) * rank + k] = a[k * rowCount + row] }
            }
        } else {
            right = decode(module.a)
            left = decode(module.b, elements: (firstRow * rank)..<((lastRow + 1) * rank))
        }

        var delta = [Float](repeating: 0, count: rowLength)
        let scale = self.scale
        right.withUnsafeBufferPointer { right in
            delta.withUnsafeMutableBufferPointer { delta in
                for row in firstRow...lastRow {
                    let start = max(elements.lowerBound, row * rowLength) - row * rowLength
                    let end = min(elements.upperBound, (row + 1) * rowLength) - row * rowLength
                    let accumulator = delta.baseAddress! + start
                    let count = end - start
                    accumulator.initialize(repeating: 0, count: count)
                    for k in 0..<rank {
                        let factor = left[(row - firstRow) * rank + k]
                        let rightRow = right.baseAddress! + k * rowLength + start
                        for index in 0..<count {
                            accumulator[index] = accumulator[index].addingProduct(factor, rightRow[index])
                        }
                    }
                    let output = values + (row * rowLength + start - elements.lowerBound)
                    for index in 0..<count {
                        let scaled = Float32Conversion.round(scale * accumulator[index], to: storedDType)
                        output[index] = Float32Conversion.round(output[index] + scaled, to: storedDType)
                    }
                }
            }
        }
    }

    /// Decodes the elements `elements` (default: all) of a matrix of this adapter to Float32.
    private func decode(_ info: TensorInfo, elements: Range<Int>? = nil) -> [Float] {
        let range = elements ?? 0..<info.elementCount
        var output = [Float](repeating: 0, count: range.count)
        file.withBytes(of: info) { bytes in
            let size = info.dtype.size
            let slice = UnsafeRawBufferPointer(rebasing: bytes[(range.lowerBound * size)..<(range.upperBound * size)])
            output.withUnsafeMutableBufferPointer { Float32Conversion.decode(slice, as: info.dtype, into: $0) }
        }
        return output
    }
}
