/// PyTorch's CPU summation order for a contiguous reduction (`cascade_sum` in
/// aten/src/ATen/native/cpu/SumKernel.cpp, PyTorch 2.x, AVX2 build, one thread), reproduced so
/// that mergekit's sums come out bit for bit.
///
/// Elements are loaded in vectors of `loadWidth` (8 for Float32; 16 for BF16 and F16, whose
/// two halves are widened and added lane by lane into 8 Float32 lanes). Four vector loads form
/// one "row", and each of the four columns accumulates its loads in a cascade. Groups of
/// `levelStep` rows are summed from zero, and group sums move up through four levels. Loads
/// left over after the last whole row, then scalars left over after the last whole vector, and
/// finally the 8 lanes, are added in that order.
///
/// Feed elements in order with `add`; every call but the last must cover a multiple of
/// `TorchOrderSum.alignment` elements so that no vector is split.
struct TorchOrderSum {
    /// Elements per call of `add` (except the last): one row of four 16-element loads.
    static let alignment = 64

    let count: Int
    let loadWidth: Int
    private let vectorCount: Int
    private let rowCount: Int
    private let levelPower: Int
    private var levels = InlineArray<16, SIMD8<Float>>(repeating: .zero)
    private var leftoverLoads = InlineArray<3, SIMD8<Float>>(repeating: .zero)
    private var leftoverLoadCount = 0
    private var scalarTail: Float = 0
    private var shortValues = InlineArray<16, Float>(repeating: 0)
    private var position = 0
    private var rowsDone = 0

    /// Prepares the sum of `count` elements stored as a half type (`halfWidth`) or Float32.
    init(count: Int, halfWidth: Bool) {
        self.count = count
        loadWidth = halfWidth ? 16 : 8
        vectorCount = count / loadWidth
        rowCount = vectorCount / 4
        levelPower = max(4, Self.ceilLog2(rowCount) / 4)
    }

    /// `ceil(log2(x))` as c10 defines it: 1 for x <= 2.
    private static func ceilLog2(_ value: Int) -> Int {
        value <= 2 ? 1 : (Int.bitWidth - (value - 1).leadingZeroBitCount)
    }

    mutating func add(_ values: UnsafePointer<Float>, count length: Int) {
        var offset = 0
        let rowElements = 4 * loadWidth
        let step = 1 << levelPower
        if count < loadWidth {
            // Too short for a vector load: PyTorch sums scalars in four interleaved columns.
            for index in 0..<length { shortValues[position + index] = values[index] }
            position += length
            return
        }
        // Whole rows.
        while offset < length && rowsDone < rowCount {
            precondition(length - offset >= rowElements, "a row of the torch summation order was split")
            let row = values + offset
            let inFullGroup = (rowsDone / step + 1) * step <= rowCount
            for column in 0..<4 {
                levels[column] = levels[column] + load(row + column * loadWidth)
            }
            rowsDone += 1
            offset += rowElements
            if inFullGroup && rowsDone % step == 0 {
                cascade(after: rowsDone)
            }
        }
        // Loads after the last whole row, then scalars after the last whole load.
        while offset < length {
            let index = position + offset
            if index < vectorCount * loadWidth {
                precondition(length - offset >= loadWidth, "a load of the torch summation order was split")
                leftoverLoads[leftoverLoadCount] = load(values + offset)
                leftoverLoadCount += 1
                offset += loadWidth
            } else {
                scalarTail = scalarTail + values[offset]
                offset += 1
            }
        }
        position += length
    }

    /// Moves group sums up the levels, as `multi_row_sum` does after each group of rows.
    private mutating func cascade(after rows: Int) {
        let mask = (1 << levelPower) - 1
        for level in 1..<4 {
            for column in 0..<4 {
                levels[level * 4 + column] = levels[level * 4 + column] + levels[(level - 1) * 4 + column]
                levels[(level - 1) * 4 + column] = .zero
            }
            if rows & (mask << (level * levelPower)) != 0 { break }
        }
    }

    private func load(_ pointer: UnsafePointer<Float>) -> SIMD8<Float> {
        let low = UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
        guard loadWidth == 16 else { return low }
        return low + UnsafeRawPointer(pointer + 8).loadUnaligned(as: SIMD8<Float>.self)
    }

    /// Returns the Float32 sum, which the caller rounds to the output dtype.
    func finish() -> Float {
        precondition(position == count, "fed \(position) of \(count) elements")
        if count < loadWidth { return shortSum() }
        var columns = InlineArray<4, SIMD8<Float>>(repeating: .zero)
        for column in 0..<4 {
            var sum = levels[column]
            for level in 1..<4 { sum = sum + levels[level * 4 + column] }
            columns[column] = sum
        }
        var first = columns[0]
        for index in 0..<leftoverLoadCount { first = first + leftoverLoads[index] }
        for column in 1..<4 { first = first + columns[column] }
        var total = scalarTail
        for lane in 0..<8 { total = total + first[lane] }
        return total
    }

    /// `row_sum` over scalars: columns k sum elements k, k+4, k+8; leftovers join column 0.
    private func shortSum() -> Float {
        var columns = InlineArray<4, Float>(repeating: 0)
        let wholeRows = count / 4
        for row in 0..<wholeRows {
            for column in 0..<4 { columns[column] = columns[column] + shortValues[row * 4 + column] }
        }
        for index in (wholeRows * 4)..<count { columns[0] = columns[0] + shortValues[index] }
        return ((columns[0] + columns[1]) + columns[2]) + columns[3]
    }
}
