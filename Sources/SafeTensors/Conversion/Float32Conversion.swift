/// Conversions between on-disk floating-point types and Float32, rounding to nearest with
/// ties to even (as PyTorch does), keeping NaN as NaN and infinities as infinities.
///
/// The bulk functions run eight elements at a time with the bit kernels in
/// `VectorFloatKernels`; `ScalarFloatConversion` holds the element-at-a-time reference that
/// tests compare them against. Bytes are little-endian, the format's byte order.
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
            decodeHalfWidth(input, output, count, VectorFloatKernels.floatBits(fromBFloat16:), ScalarFloatConversion.bfloat16ToFloat)
        case .F16:
            decodeHalfWidth(input, output, count, VectorFloatKernels.floatBits(fromHalf:), ScalarFloatConversion.halfToFloat)
        case .F32:
            UnsafeMutableRawPointer(output).copyMemory(from: input, byteCount: count * 4)
        case .F64:
            for index in 0..<count {
                output[index] = Float(input.loadUnaligned(fromByteOffset: index * 8, as: Double.self))
            }
        default:
            preconditionFailure("\(dtype) cannot be decoded to Float32")
        }
    }

    /// Encodes `source` as `dtype` into `destination`, which must have room for
    /// `source.count * dtype.size` bytes. Traps for dtypes other than F64, F32, F16 and BF16
    /// and for a destination that is too small (programmer errors).
    public static func encode(_ source: UnsafeBufferPointer<Float>, as dtype: DType, into destination: UnsafeMutableRawBufferPointer) {
        let count = source.count
        precondition(destination.count >= count * dtype.size, "destination has \(destination.count) bytes for \(count) \(dtype) elements")
        guard count > 0, let input = source.baseAddress, let output = destination.baseAddress else { return }
        switch dtype {
        case .BF16:
            encodeHalfWidth(input, output, count, VectorFloatKernels.bfloat16Bits(fromFloat:), ScalarFloatConversion.floatToBFloat16)
        case .F16:
            encodeHalfWidth(input, output, count, VectorFloatKernels.halfBits(fromFloat:), ScalarFloatConversion.floatToHalf)
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
    /// `dtype`. F32 and F64 hold every Float32 exactly, so they leave the values unchanged.
    /// Traps for the other dtypes (a programmer error).
    public static func round(_ values: UnsafeMutableBufferPointer<Float>, to dtype: DType) {
        guard let base = values.baseAddress else { return }
        switch dtype {
        case .BF16:
            roundInPlace(base, values.count, VectorFloatKernels.bfloat16Bits(fromFloat:),
                         VectorFloatKernels.floatBits(fromBFloat16:), ScalarFloatConversion.roundToBFloat16)
        case .F16:
            roundInPlace(base, values.count, VectorFloatKernels.halfBits(fromFloat:),
                         VectorFloatKernels.floatBits(fromHalf:), ScalarFloatConversion.roundToHalf)
        case .F32, .F64:
            return
        default:
            preconditionFailure("cannot round Float32 values to \(dtype)")
        }
    }

    /// Rounds one Float32 to the nearest value of `dtype`; F32, F64 and the non-float dtypes
    /// return it unchanged.
    @inline(__always)
    public static func round(_ value: Float, to dtype: DType) -> Float {
        switch dtype {
        case .BF16: return ScalarFloatConversion.roundToBFloat16(value)
        case .F16: return ScalarFloatConversion.roundToHalf(value)
        default: return value
        }
    }

    // MARK: - Loops (unchecked: the public entry points validate sizes)

    /// Widens 16-bit elements, eight per step with `vector`, the tail with `scalar`.
    @inline(__always)
    private static func decodeHalfWidth(
        _ input: UnsafeRawPointer, _ output: UnsafeMutablePointer<Float>, _ count: Int,
        _ vector: (SIMD8<UInt16>) -> SIMD8<UInt32>, _ scalar: (UInt16) -> Float
    ) {
        let outputBytes = UnsafeMutableRawPointer(output)
        var index = 0
        while index + 8 <= count {
            let halves = input.loadUnaligned(fromByteOffset: index * 2, as: SIMD8<UInt16>.self)
            outputBytes.storeBytes(of: vector(halves), toByteOffset: index * 4, as: SIMD8<UInt32>.self)
            index += 8
        }
        while index < count {
            output[index] = scalar(input.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self))
            index += 1
        }
    }

    /// Narrows Float32 elements to 16 bits, eight per step with `vector`, the tail with `scalar`.
    @inline(__always)
    private static func encodeHalfWidth(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutableRawPointer, _ count: Int,
        _ vector: (SIMD8<UInt32>) -> SIMD8<UInt16>, _ scalar: (Float) -> UInt16
    ) {
        let inputBytes = UnsafeRawPointer(input)
        var index = 0
        while index + 8 <= count {
            let bits = inputBytes.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<UInt32>.self)
            output.storeBytes(of: vector(bits), toByteOffset: index * 2, as: SIMD8<UInt16>.self)
            index += 8
        }
        while index < count {
            output.storeBytes(of: scalar(input[index]), toByteOffset: index * 2, as: UInt16.self)
            index += 1
        }
    }

    @inline(__always)
    private static func roundInPlace(
        _ values: UnsafeMutablePointer<Float>, _ count: Int,
        _ narrow: (SIMD8<UInt32>) -> SIMD8<UInt16>, _ widen: (SIMD8<UInt16>) -> SIMD8<UInt32>,
        _ scalar: (Float) -> Float
    ) {
        let bytes = UnsafeMutableRawPointer(values)
        var index = 0
        while index + 8 <= count {
            let bits = bytes.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<UInt32>.self)
            bytes.storeBytes(of: widen(narrow(bits)), toByteOffset: index * 4, as: SIMD8<UInt32>.self)
            index += 8
        }
        while index < count {
            values[index] = scalar(values[index])
            index += 1
        }
    }
}
