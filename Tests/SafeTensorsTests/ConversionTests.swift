import XCTest
@testable import SafeTensors

/// The vector loops of `Float32Conversion` against the bit-level scalar reference, and both
/// against hand-computed bit patterns and Swift's own `Float16`.
final class ConversionTests: XCTestCase {
    /// Decodes `halves` (16-bit patterns of `dtype`) with the public loop: eight lanes at a
    /// time, then the scalar tail.
    private func decodeWithLoop(_ halves: [UInt16], as dtype: DType) -> [Float] {
        var output = [Float](repeating: 0, count: halves.count)
        halves.withUnsafeBytes { source in
            output.withUnsafeMutableBufferPointer { destination in
                Float32Conversion.decode(source, as: dtype, into: destination)
            }
        }
        return output
    }

    private func encodeWithLoop(_ values: [Float], as dtype: DType) -> [UInt16] {
        var output = [UInt16](repeating: 0, count: values.count)
        values.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBytes { destination in
                Float32Conversion.encode(source, as: dtype, into: destination)
            }
        }
        return output
    }

    private func roundWithLoop(_ values: [Float], to dtype: DType) -> [Float] {
        var output = values
        output.withUnsafeMutableBufferPointer { Float32Conversion.round($0, to: dtype) }
        return output
    }

    /// All 65,536 patterns, then 3 through 13, so that the length is not a multiple of eight
    /// and the last three elements go through the scalar tail.
    private static let allPatterns: [UInt16] = Array(0...UInt16.max) + Array(3...13)

    // MARK: - Widening, exhaustive

    func testBFloat16ToFloatAllPatterns() {
        let decoded = decodeWithLoop(Self.allPatterns, as: .BF16)
        for (bits, value) in zip(Self.allPatterns, decoded) {
            let reference = ScalarFloatConversion.bfloat16ToFloat(bits)
            XCTAssertEqual(value.bitPattern, reference.bitPattern, "BF16 0x\(String(bits, radix: 16))")
            XCTAssertEqual(reference.bitPattern, UInt32(bits) << 16)
        }
    }

    func testHalfToFloatAllPatterns() {
        let decoded = decodeWithLoop(Self.allPatterns, as: .F16)
        var mismatches: [String] = []
        for (bits, value) in zip(Self.allPatterns, decoded) {
            let reference = ScalarFloatConversion.halfToFloat(bits)
            let swift = Float(Float16(bitPattern: bits))
            if value.bitPattern != reference.bitPattern {
                mismatches.append("0x\(String(bits, radix: 16)): loop \(value), reference \(reference)")
            }
            let agreesWithSwift = swift.isNaN ? reference.isNaN : swift.bitPattern == reference.bitPattern
            if !agreesWithSwift {
                mismatches.append("0x\(String(bits, radix: 16)): reference \(reference), Float16 \(swift)")
            }
        }
        XCTAssertEqual(mismatches, [])
    }

    func testHalfToFloatKnownValues() {
        let cases: [(UInt16, UInt32)] = [
            (0x0000, 0x0000_0000), (0x8000, 0x8000_0000),  // zeros keep their sign
            (0x0001, 0x3380_0000),  // smallest subnormal, 2^-24
            (0x03FF, 0x387F_C000),  // largest subnormal
            (0x0400, 0x3880_0000),  // smallest normal, 2^-14
            (0x3C00, 0x3F80_0000), (0xC000, 0xC000_0000),
            (0x7BFF, 0x477F_E000),  // 65504
            (0x7C00, 0x7F80_0000), (0xFC00, 0xFF80_0000),
            (0x7E00, 0x7FC0_0000), (0x7D01, 0x7FA0_2000), (0xFE01, 0xFFC0_2000),  // NaN payloads
        ]
        let decoded = decodeWithLoop(cases.map(\.0) + cases.map(\.0), as: .F16)
        for (index, value) in decoded.enumerated() {
            let (half, expected) = cases[index % cases.count]
            XCTAssertEqual(value.bitPattern, expected, "half 0x\(String(half, radix: 16))")
            XCTAssertEqual(ScalarFloatConversion.halfToFloat(half).bitPattern, expected, "half 0x\(String(half, radix: 16))")
        }
    }

    // MARK: - Narrowing, hand-computed cases

    /// Float32 bit patterns and the BF16 and F16 patterns they round to.
    private static let narrowingCases: [(float: UInt32, bfloat16: UInt16, half: UInt16, about: String)] = [
        (0x0000_0000, 0x0000, 0x0000, "zero"),
        (0x8000_0000, 0x8000, 0x8000, "negative zero"),
        (0x3F80_0000, 0x3F80, 0x3C00, "one"),
        (0x3F80_8000, 0x3F80, 0x3C04, "BF16 tie down to even"),
        (0x3F81_8000, 0x3F82, 0x3C0C, "BF16 tie up to even"),
        (0x3F80_8001, 0x3F81, 0x3C04, "BF16 just above a tie"),
        (0xBF81_8000, 0xBF82, 0xBC0C, "negative BF16 tie up to even"),
        (0x3F80_1000, 0x3F80, 0x3C00, "F16 tie down to even"),
        (0x3F80_3000, 0x3F80, 0x3C02, "F16 tie up to even"),
        (0x3F80_1001, 0x3F80, 0x3C01, "F16 just above a tie"),
        (0xBF80_3000, 0xBF80, 0xBC02, "negative F16 tie up to even"),
        (0x0000_0001, 0x0000, 0x0000, "smallest Float32 subnormal"),
        (0x0000_8000, 0x0000, 0x0000, "Float32 subnormal, BF16 tie to zero"),
        (0x0001_8000, 0x0002, 0x0000, "Float32 subnormal, BF16 tie up to even"),
        (0x007F_FFFF, 0x0080, 0x0000, "largest Float32 subnormal rounds to the smallest BF16 normal"),
        (0x3380_0000, 0x3380, 0x0001, "2^-24, the smallest F16 subnormal"),
        (0x3300_0000, 0x3300, 0x0000, "2^-25, F16 tie to zero"),
        (0x3300_0001, 0x3300, 0x0001, "just above 2^-25"),
        (0x3340_0000, 0x3340, 0x0001, "0.75 * 2^-24 rounds up to the smallest F16 subnormal"),
        (0x33C0_0000, 0x33C0, 0x0002, "1.5 * 2^-24, F16 tie up to even"),
        (0x387F_C000, 0x3880, 0x03FF, "1023 * 2^-24, the largest F16 subnormal"),
        (0x387F_E000, 0x3880, 0x0400, "1023.5 * 2^-24, F16 tie up to the smallest normal"),
        (0x387F_A000, 0x3880, 0x03FE, "1022.5 * 2^-24, F16 subnormal tie down to even"),
        (0x3880_0000, 0x3880, 0x0400, "2^-14, the smallest F16 normal"),
        (0x477F_E000, 0x4780, 0x7BFF, "65504, the largest F16"),
        (0x477F_EFFF, 0x4780, 0x7BFF, "just below the F16 overflow threshold"),
        (0x477F_F000, 0x4780, 0x7C00, "65520: F16 tie to infinity"),
        (0x7F7F_7FFF, 0x7F7F, 0x7C00, "rounds down to the largest BF16"),
        (0x7F7F_8000, 0x7F80, 0x7C00, "BF16 tie to infinity"),
        (0x7F7F_FFFF, 0x7F80, 0x7C00, "largest Float32 overflows both"),
        (0xFF7F_FFFF, 0xFF80, 0xFC00, "most negative Float32 overflows both"),
        (0x7F80_0000, 0x7F80, 0x7C00, "infinity"),
        (0xFF80_0000, 0xFF80, 0xFC00, "negative infinity"),
        (0x7FC0_0000, 0x7FC0, 0x7E00, "quiet NaN"),
        (0xFFC0_0000, 0xFFC0, 0xFE00, "negative quiet NaN"),
        (0x7F80_0001, 0x7FC0, 0x7E00, "signaling NaN with a low payload gets the quiet bit"),
        (0x7FA0_0000, 0x7FE0, 0x7F00, "signaling NaN keeps its high payload"),
        (0xFFFF_FFFF, 0xFFFF, 0xFFFF, "NaN with every payload bit"),
    ]

    func testNarrowingKnownValues() {
        let floats = Self.narrowingCases.map { Float(bitPattern: $0.float) }
        let bfloat16 = encodeWithLoop(floats + floats, as: .BF16)
        let half = encodeWithLoop(floats + floats, as: .F16)
        for (index, item) in (Self.narrowingCases + Self.narrowingCases).enumerated() {
            let value = Float(bitPattern: item.float)
            XCTAssertEqual(bfloat16[index], item.bfloat16, "BF16 loop: \(item.about)")
            XCTAssertEqual(half[index], item.half, "F16 loop: \(item.about)")
            XCTAssertEqual(ScalarFloatConversion.floatToBFloat16(value), item.bfloat16, "BF16 reference: \(item.about)")
            XCTAssertEqual(ScalarFloatConversion.floatToHalf(value), item.half, "F16 reference: \(item.about)")
            if value.isNaN {
                XCTAssertTrue(Float16(value).isNaN, "Float16: \(item.about)")
            } else {
                XCTAssertEqual(Float16(value).bitPattern, item.half, "Float16: \(item.about)")
            }
        }
    }

    func testRoundingKnownValues() {
        let floats = Self.narrowingCases.map { Float(bitPattern: $0.float) }
        let bfloat16 = roundWithLoop(floats + floats, to: .BF16)
        let half = roundWithLoop(floats + floats, to: .F16)
        for (index, item) in (Self.narrowingCases + Self.narrowingCases).enumerated() {
            let expectedBFloat16 = ScalarFloatConversion.bfloat16ToFloat(item.bfloat16)
            let expectedHalf = ScalarFloatConversion.halfToFloat(item.half)
            XCTAssertEqual(bfloat16[index].bitPattern, expectedBFloat16.bitPattern, "BF16: \(item.about)")
            XCTAssertEqual(half[index].bitPattern, expectedHalf.bitPattern, "F16: \(item.about)")
            XCTAssertEqual(Float32Conversion.round(floats[index % floats.count], to: .F16).bitPattern, expectedHalf.bitPattern, item.about)
            XCTAssertEqual(Float32Conversion.round(floats[index % floats.count], to: .BF16).bitPattern, expectedBFloat16.bitPattern, item.about)
        }
    }

    // MARK: - Narrowing, seeded random patterns

    func testNarrowingRandomPatternsMatchReference() {
        var random = SplitMix64(seed: 2024)
        let count = 2_000_003
        let floats = (0..<count).map { _ in Float(bitPattern: UInt32(truncatingIfNeeded: random.next())) }
        let bfloat16 = encodeWithLoop(floats, as: .BF16)
        let half = encodeWithLoop(floats, as: .F16)
        let roundedHalf = roundWithLoop(floats, to: .F16)
        var mismatches: [String] = []
        for index in 0..<count where mismatches.count < 10 {
            let value = floats[index]
            let pattern = "0x" + String(value.bitPattern, radix: 16)
            if bfloat16[index] != ScalarFloatConversion.floatToBFloat16(value) {
                mismatches.append("BF16 \(pattern)")
            }
            let expectedHalf = ScalarFloatConversion.floatToHalf(value)
            if half[index] != expectedHalf {
                mismatches.append("F16 \(pattern)")
            }
            if roundedHalf[index].bitPattern != ScalarFloatConversion.halfToFloat(expectedHalf).bitPattern {
                mismatches.append("F16 round \(pattern)")
            }
            if !value.isNaN && Float16(value).bitPattern != expectedHalf {
                mismatches.append("F16 reference and Float16 \(pattern)")
            }
        }
        XCTAssertEqual(mismatches, [])
    }

    // MARK: - Lengths, F32 and F64

    func testEveryLengthUpToTwentyFour() {
        var random = SplitMix64(seed: 7)
        for length in 0...24 {
            let floats = (0..<length).map { _ in Float(Int(random.next() % 2001) - 1000) / 7 }
            for dtype in [DType.BF16, .F16, .F32, .F64] {
                var bytes = [UInt8](repeating: 0xAA, count: length * dtype.size + 3)
                floats.withUnsafeBufferPointer { source in
                    bytes.withUnsafeMutableBytes { Float32Conversion.encode(source, as: dtype, into: $0) }
                }
                XCTAssertEqual(bytes.suffix(3), [0xAA, 0xAA, 0xAA], "\(dtype) length \(length) wrote past the end")
                var decoded = [Float](repeating: .nan, count: length)
                bytes.withUnsafeBytes { source in
                    decoded.withUnsafeMutableBufferPointer { Float32Conversion.decode(source, as: dtype, into: $0) }
                }
                let expected = floats.map { Float32Conversion.round($0, to: dtype) }
                XCTAssertEqual(decoded.map(\.bitPattern), expected.map(\.bitPattern), "\(dtype) length \(length)")
            }
        }
    }

    func testFloat64ToFloatRoundsToNearestEven() {
        let doubles: [Double] = [1.5, -0.0, 1 + 0x1p-24, 1 + 0x1p-24 + 0x1p-40, 1e300, -1e300, .infinity, 1e-50, .nan]
        let expected: [UInt32] = [
            0x3FC0_0000, 0x8000_0000, 0x3F80_0000, 0x3F80_0001, 0x7F80_0000, 0xFF80_0000, 0x7F80_0000, 0x0000_0000,
        ]
        var decoded = [Float](repeating: 0, count: doubles.count)
        doubles.withUnsafeBytes { source in
            decoded.withUnsafeMutableBufferPointer { Float32Conversion.decode(source, as: .F64, into: $0) }
        }
        XCTAssertEqual(decoded.dropLast().map(\.bitPattern), expected)
        XCTAssertTrue(decoded[decoded.count - 1].isNaN)
    }

    func testRoundToWideTypesLeavesValuesUnchanged() {
        let values: [Float] = [1.1, .nan, -.infinity, 0x1p-140, .greatestFiniteMagnitude]
        for dtype in [DType.F32, .F64] {
            XCTAssertEqual(roundWithLoop(values, to: dtype).map(\.bitPattern), values.map(\.bitPattern), "\(dtype)")
        }
    }
}
