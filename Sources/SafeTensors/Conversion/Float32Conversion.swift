/// Conversions between on-disk floating-point types and Float32, rounding to nearest with
/// ties to even (as PyTorch does), keeping NaN as NaN and infinities as infinities.
///
/// The bulk functions use SIMD loops; `ScalarFloatConversion` holds the element-at-a-time
/// reference that tests compare them against.
public enum Float32Conversion {
    /// Decodes `destination.count` little-endian elements of `dtype` from `source` into Float32.
    /// Traps if `dtype` is not F64, F32, F16 or BF16, or if `source` is shorter than needed
    /// (programmer errors: callers check `DType.isConvertibleToFloat32` and sizes first).
    public static func decode(_ source: UnsafeRawBufferPointer, as dtype: DType, into destination: UnsafeMutableBufferPointer<Float>) {
        let count = destination.count
        precondition(source.count >= count * dtype.size, "source has \(source.count) bytes for \(count) \(dtype) elements")
        guard count > 0, let output = destination.baseAddress, let input = source.baseAddress else { return }
        switch dtype {
        case .BF16:
            decodeBFloat16(input, output, count)
        case .F16:
            decodeFloat16(input, output, count)
        case .F32:
            output.withMemoryRebound(to: UInt8.self, capacity: count * 4) { bytes in
                bytes.update(from: input.assumingMemoryBound(to: UInt8.self), count: count * 4)
            }
        case .F64:
            for index in 0..<count {
                output[index] = Float(input.loadUnaligned(fromByteOffset: index * 8, as: Double.self))
            }
        default:
            preconditionFailure("\(dtype) cannot be decoded to Float32")
        }
    }

    /// Encodes `source` as `dtype` into `destination`, which must have room for
    /// `source.count * dtype.size` bytes. Traps for dtypes other than F64, F32, F16 and BF16.
    public static func encode(_ source: UnsafeBufferPointer<Float>, as dtype: DType, into destination: UnsafeMutableRawBufferPointer) {
        let count = source.count
        precondition(destination.count >= count * dtype.size, "destination has \(destination.count) bytes for \(count) \(dtype) elements")
        guard count > 0, let input = source.baseAddress, let output = destination.baseAddress else { return }
        switch dtype {
        case .BF16:
            encodeBFloat16(input, output, count)
        case .F16:
            encodeFloat16(input, output, count)
        case .F32:
            output.copyMemory(from: input, byteCount: count * 4)
        case .F64:
            for index in 0..<count {
                output.storeBytes(of: Double(input[index]), toByteOffset: index * 8, as: Double.self)
            }
        default:
            preconditionFailure("\(dtype) cannot be encoded from Float32")
        }
    }

    /// Rounds every element of `values` in place to the nearest value representable in
    /// `dtype` (BF16 or F16; F32 leaves them unchanged).
    public static func round(_ values: UnsafeMutableBufferPointer<Float>, to dtype: DType) {
        guard let base = values.baseAddress else { return }
        switch dtype {
        case .BF16:
            var index = 0
            while index + 8 <= values.count {
                let vector = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD8<Float>.self)
                let rounded = roundBFloat16(vector)
                UnsafeMutableRawPointer(base + index).storeBytes(of: rounded, as: SIMD8<Float>.self)
                index += 8
            }
            while index < values.count {
                base[index] = ScalarFloatConversion.roundToBFloat16(base[index])
                index += 1
            }
        case .F16:
            for index in 0..<values.count {
                base[index] = Float(Float16(base[index]))
            }
        case .F32:
            return
        default:
            preconditionFailure("cannot round Float32 values to \(dtype)")
        }
    }

    /// Rounds one Float32 to the nearest value of `dtype` (BF16, F16 or F32).
    @inline(__always)
    public static func round(_ value: Float, to dtype: DType) -> Float {
        switch dtype {
        case .BF16: return ScalarFloatConversion.roundToBFloat16(value)
        case .F16: return Float(Float16(value))
        default: return value
        }
    }

    // MARK: - SIMD workers (unchecked: the public entry points validate sizes)

    private static func decodeBFloat16(_ input: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>, _ count: Int) {
        var index = 0
        while index + 16 <= count {
            let halves = input.loadUnaligned(fromByteOffset: index * 2, as: SIMD16<UInt16>.self)
            let widened = SIMD16<UInt32>(truncatingIfNeeded: halves) &<< 16
            UnsafeMutableRawPointer(output + index).storeBytes(of: widened, as: SIMD16<UInt32>.self)
            index += 16
        }
        while index < count {
            output[index] = ScalarFloatConversion.bfloat16ToFloat(input.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self))
            index += 1
        }
    }

    private static func encodeBFloat16(_ input: UnsafePointer<Float>, _ output: UnsafeMutableRawPointer, _ count: Int) {
        var index = 0
        while index + 8 <= count {
            let bits = UnsafeRawPointer(input + index).loadUnaligned(as: SIMD8<UInt32>.self)
            output.storeBytes(of: bfloat16Bits(bits), toByteOffset: index * 2, as: SIMD8<UInt16>.self)
            index += 8
        }
        while index < count {
            output.storeBytes(of: ScalarFloatConversion.floatToBFloat16(input[index]), toByteOffset: index * 2, as: UInt16.self)
            index += 1
        }
    }

    /// BF16 bit patterns of eight Float32 bit patterns: round to nearest even on the low 16
    /// bits; NaNs keep their sign and high payload bits and get the quiet bit.
    @inline(__always)
    private static func bfloat16Bits(_ bits: SIMD8<UInt32>) -> SIMD8<UInt16> {
        let lsb = (bits &>> 16) & 1
        let rounded = (bits &+ 0x7FFF &+ lsb) &>> 16
        let isNaN = (bits & 0x7FFF_FFFF) .> 0x7F80_0000
        let quietNaN = (bits &>> 16) | 0x0040
        return SIMD8<UInt16>(truncatingIfNeeded: rounded.replacing(with: quietNaN, where: isNaN))
    }

    @inline(__always)
    private static func roundBFloat16(_ values: SIMD8<Float>) -> SIMD8<Float> {
        let bits = unsafeBitCast(values, to: SIMD8<UInt32>.self)
        let widened = SIMD8<UInt32>(truncatingIfNeeded: bfloat16Bits(bits)) &<< 16
        return unsafeBitCast(widened, to: SIMD8<Float>.self)
    }

    private static func decodeFloat16(_ input: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>, _ count: Int) {
        for index in 0..<count {
            output[index] = Float(Float16(bitPattern: input.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self)))
        }
    }

    private static func encodeFloat16(_ input: UnsafePointer<Float>, _ output: UnsafeMutableRawPointer, _ count: Int) {
        for index in 0..<count {
            output.storeBytes(of: Float16(input[index]).bitPattern, toByteOffset: index * 2, as: UInt16.self)
        }
    }
}
