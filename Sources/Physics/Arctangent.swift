import Tensor

/// atan2 in plain IEEE double operations, for the reference's collision law
/// (`ReferenceDynamics`), which measures an angle with `atan2` before rotating by it.
///
/// Why not libm's: glibc picks FMA or non-FMA variants of `atan2` per CPU, and they can differ
/// in the last bit; the datasets must have the same bits on every machine (see `PortableMath`,
/// whose `sin`, `cos`, `exp` and `log` the same law uses). It lives here, not in Tensor, because
/// only this law needs it.
///
/// Algorithm: fdlibm 5.3 `s_atan.c` and `e_atan2.c`, with their published constants written as
/// bit patterns (so they are exactly the intended doubles). Within 1 ulp of libm's (tested).
extension PortableMath {
    /// The angle of the point (x, y) from the positive x axis, in [−π, π], with IEEE's signed
    /// zeros and infinities: atan2(+0, −1) = π, atan2(−0, −1) = −π, atan2(±0, +1) = ±0.
    static func atan2(_ y: Double, _ x: Double) -> Double {
        let pi = Double(bitPattern: 0x4009_21FB_5444_2D18)
        let piLow = Double(bitPattern: 0x3CA1_A626_3314_5C07)
        let halfPi = Double(bitPattern: 0x3FF9_21FB_5444_2D18)
        let quarterPi = Double(bitPattern: 0x3FE9_21FB_5444_2D18)

        if x.isNaN || y.isNaN { return x + y }
        if x == 1 { return atan(y) }
        // The quadrant: bit 0 the sign of y, bit 1 the sign of x.
        let m = (y.sign == .minus ? 1 : 0) | (x.sign == .minus ? 2 : 0)
        if y == 0 {
            switch m {
            case 0, 1: return y             // atan2(±0, +anything) = ±0
            case 2: return pi               // atan2(+0, −anything) = π
            default: return -pi             // atan2(−0, −anything) = −π
            }
        }
        if x == 0 { return y < 0 ? -halfPi : halfPi }
        if x.isInfinite {
            if y.isInfinite {
                switch m {
                case 0: return quarterPi
                case 1: return -quarterPi
                case 2: return 3 * quarterPi
                default: return -3 * quarterPi
                }
            }
            switch m {
            case 0: return 0
            case 1: return -0.0
            case 2: return pi
            default: return -pi
            }
        }
        if y.isInfinite { return y < 0 ? -halfPi : halfPi }

        // |y/x| by the exponents first, so the quotient cannot overflow or underflow.
        let k = (Int(highWord(y) & 0x7fff_ffff) - Int(highWord(x) & 0x7fff_ffff)) >> 20
        let z: Double
        if k > 60 {
            z = halfPi + 0.5 * piLow
        } else if x < 0 && k < -60 {
            z = 0
        } else {
            z = atan(abs(y / x))
        }
        switch m {
        case 0: return z
        case 1: return -z
        case 2: return pi - (z - piLow)
        default: return (z - piLow) - pi
        }
    }

    /// fdlibm `s_atan.c`: reduce |x| to one of five intervals around 0, ½, 1, 3/2 and ∞, then
    /// an odd polynomial of degree 23 (split into even and odd parts in x⁴).
    static func atan(_ input: Double) -> Double {
        let (atanHigh, atanLow, aT) = (ArctangentTable.high, ArctangentTable.low, ArctangentTable.coefficients)
        let ix = highWord(input) & 0x7fff_ffff
        let negative = input.sign == .minus
        if ix >= 0x4410_0000 {                            // |x| ≥ 2⁶⁶, or not finite
            if input.isNaN { return input }
            return negative ? -atanHigh[3] - atanLow[3] : atanHigh[3] + atanLow[3]
        }
        var x = input
        let id: Int
        if ix < 0x3FDC_0000 {                             // |x| < 0.4375
            if ix < 0x3E40_0000 { return x }              // |x| < 2⁻²⁷: atan(x) = x
            id = -1
        } else {
            x = abs(x)
            if ix < 0x3FF3_0000 {                         // |x| < 1.1875
                if ix < 0x3FE6_0000 {                     // 7/16 ≤ |x| < 11/16
                    id = 0; x = (2.0 * x - 1.0) / (2.0 + x)
                } else {                                  // 11/16 ≤ |x| < 19/16
                    id = 1; x = (x - 1.0) / (x + 1.0)
                }
            } else if ix < 0x4003_8000 {                  // |x| < 2.4375
                id = 2; x = (x - 1.5) / (1.0 + 1.5 * x)
            } else {                                      // 2.4375 ≤ |x| < 2⁶⁶
                id = 3; x = -1.0 / x
            }
        }
        let z = x * x
        let w = z * z
        let s1 = z * (aT[0] + w * (aT[2] + w * (aT[4] + w * (aT[6] + w * (aT[8] + w * aT[10])))))
        let s2 = w * (aT[1] + w * (aT[3] + w * (aT[5] + w * (aT[7] + w * aT[9]))))
        if id < 0 { return x - x * (s1 + s2) }
        let result = atanHigh[id] - ((x * (s1 + s2) - atanLow[id]) - x)
        return negative ? -result : result
    }

    /// The upper 32 bits of a double (sign, exponent and the top of the fraction), as fdlibm
    /// reads them.
    private static func highWord(_ x: Double) -> UInt32 {
        UInt32(truncatingIfNeeded: x.bitPattern >> 32)
    }
}

/// fdlibm's constants for `atan`: atan(½), atan(1), atan(3/2) and atan(∞) in high and low parts,
/// and the polynomial's coefficients. Built once (not per call: the planner calls atan often).
private enum ArctangentTable {
    static let high = bits([0x3FDD_AC67_0561_BB4F, 0x3FE9_21FB_5444_2D18, 0x3FEF_730B_D281_F69B,
                            0x3FF9_21FB_5444_2D18])
    static let low = bits([0x3C7A_2B7F_222F_65E2, 0x3C81_A626_3314_5C07, 0x3C70_0788_7AF0_CBBD,
                           0x3C91_A626_3314_5C07])
    static let coefficients = bits([0x3FD5_5555_5555_550D, 0xBFC9_9999_9998_EBC4, 0x3FC2_4924_9200_83FF,
                                    0xBFBC_71C6_FE23_1671, 0x3FB7_45CD_C54C_206E, 0xBFB3_B0F2_AF74_9A6D,
                                    0x3FB1_0D66_A0D0_3D51, 0xBFAD_DE2D_52DE_FD9A, 0x3FA9_7B4B_2476_0DEB,
                                    0xBFA2_B444_2C6A_6C2F, 0x3F90_AD3A_E322_DA11])

    private static func bits(_ patterns: [UInt64]) -> [Double] { patterns.map(Double.init(bitPattern:)) }
}
