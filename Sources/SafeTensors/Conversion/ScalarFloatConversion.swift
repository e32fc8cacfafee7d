/// Element-at-a-time conversions written from the IEEE 754 bit layouts. They are the
/// reference for the SIMD loops in `Float32Conversion` and need no hardware support.
public enum ScalarFloatConversion {
    /// BF16 is the upper half of a Float32, so widening is exact.
    @inline(__always)
    public static func bfloat16ToFloat(_ bits: UInt16) -> Float {
        Float(bitPattern: UInt32(bits) << 16)
    }

    /// Rounds to nearest even. A NaN stays NaN with its sign and gets the quiet bit.
    @inline(__always)
    public static func floatToBFloat16(_ value: Float) -> UInt16 {
        let bits = value.bitPattern
        if value.isNaN { return UInt16(truncatingIfNeeded: bits >> 16) | 0x0040 }
        let lsb = (bits >> 16) & 1
        return UInt16(truncatingIfNeeded: (bits &+ 0x7FFF &+ lsb) >> 16)
    }

    /// `value` rounded to the nearest BF16 and widened back to Float32.
    @inline(__always)
    public static func roundToBFloat16(_ value: Float) -> Float {
        bfloat16ToFloat(floatToBFloat16(value))
    }

    /// Widens an IEEE half (1 sign, 5 exponent, 10 fraction bits) exactly, subnormals included.
    public static func halfToFloat(_ bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = Int(bits >> 10) & 0x1F
        let fraction = UInt32(bits & 0x03FF)
        switch exponent {
        case 0:
            // Zero or subnormal: fraction * 2^-24, exact in Float32.
            let magnitude = Float(fraction) * Float(sign: .plus, exponent: -24, significand: 1)
            return Float(bitPattern: sign | magnitude.bitPattern)
        case 0x1F:
            return Float(bitPattern: sign | 0x7F80_0000 | (fraction << 13))
        default:
            return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | (fraction << 13))
        }
    }

    /// Rounds a Float32 to the nearest IEEE half, ties to even; overflow gives infinity and
    /// NaN stays a quiet NaN with its sign.
    public static func floatToHalf(_ value: Float) -> UInt16 {
        let bits = value.bitPattern
        let sign = UInt16(truncatingIfNeeded: (bits >> 16) & 0x8000)
        let exponent = Int((bits >> 23) & 0xFF)
        let mantissa = bits & 0x007F_FFFF
        if exponent == 0xFF {
            if mantissa == 0 { return sign | 0x7C00 }
            return sign | 0x7E00 | UInt16(truncatingIfNeeded: mantissa >> 13)
        }
        let halfExponent = exponent - 127 + 15
        if halfExponent >= 0x1F { return sign | 0x7C00 }
        if halfExponent <= 0 {
            // Subnormal half (or zero): shift the full significand right, rounding to even.
            guard halfExponent >= -10 else { return sign }
            let significand = mantissa | 0x0080_0000
            let shift = UInt32(14 - halfExponent)
            let truncated = significand >> shift
            let remainder = significand & ((1 << shift) - 1)
            let halfway = UInt32(1) << (shift - 1)
            var result = truncated
            if remainder > halfway || (remainder == halfway && truncated & 1 == 1) { result += 1 }
            return sign | UInt16(truncatingIfNeeded: result)
        }
        var result = UInt32(halfExponent) << 10 | (mantissa >> 13)
        let remainder = mantissa & 0x1FFF
        if remainder > 0x1000 || (remainder == 0x1000 && result & 1 == 1) {
            // A carry out of the fraction bumps the exponent, possibly to infinity: still right.
            result += 1
        }
        return sign | UInt16(truncatingIfNeeded: result)
    }

    /// `value` rounded to the nearest IEEE half and widened back to Float32.
    @inline(__always)
    public static func roundToHalf(_ value: Float) -> Float {
        halfToFloat(floatToHalf(value))
    }
}
