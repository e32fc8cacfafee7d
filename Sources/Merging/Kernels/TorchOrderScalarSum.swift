/// PyTorch's CPU order for short Float32 reductions that do not take the vectorised inner
/// path (SumKernel.cpp, PyTorch 2.x): used for the mean over model_stock's pairwise cosines.
enum TorchOrderScalarSum {
    /// Sums like `multi_row_sum` for one column. Values accumulate from zero in groups of 16
    /// (more for long inputs) that cascade up four levels, and the levels are added at the end.
    static func cascade(_ values: [Float]) -> Float {
        let levelPower = max(4, ceilLog2(values.count) / 4)
        let step = 1 << levelPower
        let mask = step - 1
        var levels: [Float] = [0, 0, 0, 0]
        var index = 0
        while index + step <= values.count {
            for _ in 0..<step {
                levels[0] = levels[0] + values[index]
                index += 1
            }
            for level in 1..<4 {
                levels[level] = levels[level] + levels[level - 1]
                levels[level - 1] = 0
                if index & (mask << (level * levelPower)) != 0 { break }
            }
        }
        while index < values.count {
            levels[0] = levels[0] + values[index]
            index += 1
        }
        return ((levels[0] + levels[1]) + levels[2]) + levels[3]
    }

    /// `row_sum` over scalars: four interleaved columns, each summed by `cascade` over rows of
    /// four; leftovers join column 0; then the columns are added in order.
    static func rowSum(_ values: [Float]) -> Float {
        let rows = values.count / 4
        var columns = [Float](repeating: 0, count: 4)
        for column in 0..<4 {
            columns[column] = cascade((0..<rows).map { values[$0 * 4 + column] })
        }
        for index in (rows * 4)..<values.count { columns[0] = columns[0] + values[index] }
        return ((columns[0] + columns[1]) + columns[2]) + columns[3]
    }

    /// Sums a contiguous 1-D Float32 tensor to one value.
    static func contiguousSum(_ values: [Float]) -> Float {
        var sum = TorchOrderSum(count: values.count, halfWidth: false)
        values.withUnsafeBufferPointer { sum.add($0.baseAddress!, count: $0.count) }
        return sum.finish()
    }

    /// Sums output `column` of a contiguous [count, columns] Float32 tensor over dimension 0.
    /// PyTorch's vectorised columns use `cascade`, the others `rowSum`.
    static func columnSum(_ values: [Float], column: Int, columns: Int) -> Float {
        if columns == 1 { return contiguousSum(values) }
        let blockedColumns = columns >= 8 ? columns / 32 * 32 : columns / 4 * 4
        return column < blockedColumns ? cascade(values) : rowSum(values)
    }

    private static func ceilLog2(_ value: Int) -> Int {
        value <= 2 ? 1 : (Int.bitWidth - (value - 1).leadingZeroBitCount)
    }
}
