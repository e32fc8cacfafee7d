import SafeTensors

/// PyTorch's CPU order for the 2-norm of a contiguous row (the vectorised path of
/// `norm_kernel_tensor_iterator_impl` in aten/src/ATen/native/cpu/ReduceOpsKernel.cpp,
/// PyTorch 2.x, AVX2 build), reproduced so that mergekit's norms come out bit for bit.
///
/// Eight Float32 lanes accumulate squares over loads of `loadWidth` elements. Each square is
/// multiplied, then added, without fused multiply-add. A 16-element half-type load adds its
/// low half, then its high half. The lanes are added in order, then the squares of the
/// elements after the last whole load, then the square root is taken.
///
/// That vectorised path covers Float32 and BF16 only. F16 norms take PyTorch's generic
/// reduction, one Float32 accumulator over the elements in order, which `sequential` selects
/// (checked against mergekit 0.1.5 with PyTorch 2.13 on one thread).
struct TorchOrderNorm {
    let count: Int
    let loadWidth: Int
    private let sequential: Bool
    private var lanes = SIMD8<Float>.zero
    private var runningSum: Float = 0
    private var tail = InlineArray<16, Float>(repeating: 0)
    private var tailCount = 0
    private var position = 0

    /// Prepares the norm of `count` elements computed in `dtype` (F32, BF16 or F16).
    init(count: Int, dtype: DType) {
        self.count = count
        loadWidth = dtype == .F32 ? 8 : 16
        sequential = dtype == .F16
    }

    /// Feeds the next `length` elements; every call but the last must cover whole loads.
    mutating func add(_ values: UnsafePointer<Float>, count length: Int) {
        if sequential {
            for index in 0..<length {
                let square = values[index] * values[index]
                runningSum = runningSum + square
            }
            position += length
            return
        }
        let vectorEnd = count - count % loadWidth
        var offset = 0
        while offset < length {
            if position + offset < vectorEnd {
                precondition(length - offset >= loadWidth, "a load of the torch norm order was split")
                let low = UnsafeRawPointer(values + offset).loadUnaligned(as: SIMD8<Float>.self)
                lanes = lanes + low * low
                if loadWidth == 16 {
                    let high = UnsafeRawPointer(values + offset + 8).loadUnaligned(as: SIMD8<Float>.self)
                    lanes = lanes + high * high
                }
                offset += loadWidth
            } else {
                tail[tailCount] = values[offset]
                tailCount += 1
                offset += 1
            }
        }
        position += length
    }

    /// Returns the Float32 norm, which the caller rounds to the compute dtype.
    func finish() -> Float {
        precondition(position == count, "fed \(position) of \(count) elements")
        if sequential { return runningSum.squareRoot() }
        var sum = lanes[0]
        for lane in 1..<8 { sum = sum + lanes[lane] }
        for index in 0..<tailCount {
            let square = tail[index] * tail[index]
            sum = sum + square
        }
        return sum.squareRoot()
    }
}
