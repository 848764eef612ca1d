/// Element types the readers convert to `Float`, and the byte-level conversions.
///
/// Files are little-endian; every load goes through `loadUnaligned` and `littleEndian`, so
/// the code is right on any host and needs no alignment of the data section.
enum ScalarType: Sendable {
    case float32, float64, float16, bfloat16, int32, int64

    /// Bytes per element.
    var size: Int {
        switch self {
        case .float16, .bfloat16: 2
        case .float32, .int32: 4
        case .float64, .int64: 8
        }
    }

    /// Converts `count` elements starting at `offset` of `bytes` into `Float`s.
    func decode(_ bytes: UnsafeRawBufferPointer, offset: Int, count: Int) -> [Float] {
        precondition(offset >= 0 && count >= 0 && offset + count * size <= bytes.count)
        guard count > 0, let start = bytes.baseAddress else { return [] }
        let base = start + offset

        func convert<T: FixedWidthInteger>(_: T.Type, _ toFloat: (T) -> Float) -> [Float] {
            [Float](unsafeUninitializedCapacity: count) { out, initialized in
                for i in 0..<count {
                    let raw = base.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.size, as: T.self)
                    out[i] = toFloat(T(littleEndian: raw))
                }
                initialized = count
            }
        }

        switch self {
        case .float32: return convert(UInt32.self) { Float(bitPattern: $0) }
        case .float64: return convert(UInt64.self) { Float(Double(bitPattern: $0)) }
        case .float16: return convert(UInt16.self, floatFromHalf)
        // bfloat16 is the top half of a float32.
        case .bfloat16: return convert(UInt16.self) { Float(bitPattern: UInt32($0) << 16) }
        case .int32: return convert(Int32.self) { Float($0) }
        case .int64: return convert(Int64.self) { Float($0) }
        }
    }
}

/// Appends the scalars as little-endian float32.
func appendLittleEndian(_ scalars: [Float], to bytes: inout [UInt8]) {
    if 1.littleEndian == 1 {
        // Fast path: the in-memory layout already is the file layout.
        scalars.withUnsafeBytes { bytes.append(contentsOf: $0) }
    } else {
        for x in scalars {
            withUnsafeBytes(of: x.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
    }
}

/// IEEE 754 binary16 to Float, by hand because `Float16` is unavailable on some platforms.
func floatFromHalf(_ h: UInt16) -> Float {
    let sign = UInt32(h >> 15) << 31
    let exponent = Int((h >> 10) & 0x1F)
    let mantissa = UInt32(h & 0x3FF)
    switch exponent {
    case 0:
        // Zero or subnormal: mantissa × 2⁻²⁴, exact in Float.
        let magnitude = Float(mantissa) * 0x1p-24
        return sign == 0 ? magnitude : -magnitude
    case 0x1F:
        // Infinity or NaN; keep the NaN payload's top bits.
        return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
    default:
        // Rebias the exponent from 15 to 127.
        return Float(bitPattern: sign | UInt32(exponent + 112) << 23 | (mantissa << 13))
    }
}
