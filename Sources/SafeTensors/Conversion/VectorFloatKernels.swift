/// Eight-lane bit kernels between Float32 and the 16-bit float formats. Each one matches its
/// `ScalarFloatConversion` counterpart bit for bit, NaN payloads included.
///
/// They use only lane-wise integer and float arithmetic and pick results with bit masks,
/// because Swift's SIMD comparisons and `replacing(with:where:)` compile to per-lane loops
/// (about 20 times slower, measured with Swift 6.3 -O on x86-64). They need no F16C or
/// AVX-512 BF16 instructions.
enum VectorFloatKernels {
    /// Float32 bit patterns of eight BF16 bit patterns (exact: BF16 is a Float32's high half).
    @inline(__always)
    static func floatBits(fromBFloat16 halves: SIMD8<UInt16>) -> SIMD8<UInt32> {
        SIMD8<UInt32>(truncatingIfNeeded: halves) &<< 16
    }

    /// BF16 bit patterns of eight Float32 bit patterns: round to nearest even on the low 16
    /// bits; NaNs keep their sign and high payload bits and get the quiet bit.
    @inline(__always)
    static func bfloat16Bits(fromFloat bits: SIMD8<UInt32>) -> SIMD8<UInt16> {
        let lsb = (bits &>> 16) & 1
        let rounded = (bits &+ 0x7FFF &+ lsb) &>> 16
        let quietNaN = (bits &>> 16) | 0x0040
        let isNaN = isGreater(bits & 0x7FFF_FFFF, 0x7F80_0000)
        return SIMD8<UInt16>(truncatingIfNeeded: select(quietNaN, where: isNaN, else: rounded))
    }

    /// Float32 bit patterns of eight IEEE half bit patterns, exact, subnormals included.
    @inline(__always)
    static func floatBits(fromHalf halves: SIMD8<UInt16>) -> SIMD8<UInt32> {
        let bits = SIMD8<UInt32>(truncatingIfNeeded: halves)
        let sign = (bits & 0x8000) &<< 16
        let exponent = bits & 0x7C00
        let magnitude = (bits & 0x7FFF) &<< 13

        // Normal: move exponent and fraction into place and add 127 - 15 to the exponent.
        var result = magnitude &+ (112 << 23)
        // Infinity and NaN: maximum exponent, fraction (and so the NaN payload) kept.
        result = select(magnitude | 0x7F80_0000, where: isGreater(exponent, 0x7BFF), else: result)
        // Zero and subnormal, fraction * 2^-24: the Float32 0.5 + fraction * 2^-24 has the
        // fraction in its low mantissa bits, and subtracting 0.5 leaves the exact value.
        let withHalf = unsafeBitCast((bits & 0x03FF) | 0x3F00_0000, to: SIMD8<Float>.self)
        let subnormal = unsafeBitCast(withHalf - SIMD8(repeating: 0.5), to: SIMD8<UInt32>.self)
        result = select(subnormal, where: isLess(exponent, 1), else: result)

        return result | sign
    }

    /// IEEE half bit patterns of eight Float32 bit patterns, rounded to nearest even.
    /// Overflow gives infinity. NaNs keep their sign and high payload bits and get the
    /// quiet bit.
    @inline(__always)
    static func halfBits(fromFloat bits: SIMD8<UInt32>) -> SIMD8<UInt16> {
        let sign = (bits &>> 16) & 0x8000
        let magnitude = bits & 0x7FFF_FFFF

        // Normal: subtract 127 - 15 from the exponent, round the 13 dropped bits to nearest
        // even (a carry may reach the exponent, which is right), and saturate to infinity.
        // Below 2^-14 the subtraction wraps, and the subnormal result replaces it.
        let lsb = (magnitude &>> 13) & 1
        var result = (magnitude &- (112 << 23) &+ 0x0FFF &+ lsb) &>> 13
        result = select(SIMD8(repeating: 0x7C00), where: isGreater(result, 0x7C00), else: result)
        // Below 2^-14 the half is subnormal, in units of 2^-24. Adding 0.5, whose ulp is
        // 2^-24, makes the FPU round the value to those units (to nearest even) in the low
        // mantissa bits of the sum. A result of 0x400 is the smallest normal half, also right.
        let sum = unsafeBitCast(magnitude, to: SIMD8<Float>.self) + SIMD8(repeating: 0.5)
        let subnormal = unsafeBitCast(sum, to: SIMD8<UInt32>.self) &- 0x3F00_0000
        result = select(subnormal, where: isLess(magnitude, 0x3880_0000), else: result)
        let quietNaN = 0x7E00 | ((magnitude &>> 13) & 0x03FF)
        result = select(quietNaN, where: isGreater(magnitude, 0x7F80_0000), else: result)

        return SIMD8<UInt16>(truncatingIfNeeded: result | sign)
    }

    // MARK: - Lane masks (1 where the condition holds, else 0; operands below 2^31)

    @inline(__always)
    private static func isGreater(_ lanes: SIMD8<UInt32>, _ limit: UInt32) -> SIMD8<UInt32> {
        (SIMD8(repeating: limit) &- lanes) &>> 31
    }

    @inline(__always)
    private static func isLess(_ lanes: SIMD8<UInt32>, _ limit: UInt32) -> SIMD8<UInt32> {
        (lanes &- limit) &>> 31
    }

    /// `chosen` in the lanes where `condition` is 1, `other` where it is 0.
    @inline(__always)
    private static func select(
        _ chosen: SIMD8<UInt32>, where condition: SIMD8<UInt32>, else other: SIMD8<UInt32>
    ) -> SIMD8<UInt32> {
        let mask = SIMD8<UInt32>() &- condition
        return other ^ ((other ^ chosen) & mask)
    }
}
