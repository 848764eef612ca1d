import Foundation
import Testing
@testable import Tensor

/// PortableMath against the platform's libm (Glibc or Darwin) as the near-truth, its special
/// cases, and its own recorded output bits (which must be the same on every machine).
@Suite struct PortableMathTests {
    /// Knuth's MMIX linear congruential generator: a fixed, platform-independent input stream.
    struct LCG {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        /// Top 53 bits as a double in [0, 1).
        mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
        mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * unit() }
    }

    /// Distance in units in the last place (adjacent doubles are 1 apart; NaN matches only NaN).
    static func ulpDistance(_ a: Double, _ b: Double) -> UInt64 {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : .max }
        if a == b { return 0 }
        func ordered(_ d: Double) -> Int64 {
            let i = Int64(bitPattern: d.bitPattern)
            return i < 0 ? -(i & .max) : i
        }
        return (ordered(a) &- ordered(b)).magnitude
    }

    /// Largest ulp distance between `f` and `reference` over `count` generated inputs.
    static func worst(_ count: Int, seed: UInt64, _ input: (inout LCG) -> Double,
                      _ f: (Double) -> Double, _ reference: (Double) -> Double) -> (ulps: UInt64, at: Double) {
        var rng = LCG(state: seed)
        var worst: (ulps: UInt64, at: Double) = (0, 0)
        for _ in 0..<count {
            let x = input(&rng)
            let d = ulpDistance(f(x), reference(x))
            if d > worst.ulps { worst = (d, x) }
        }
        return worst
    }

    /// A double with a random sign and a random exponent in `exponents` (log-uniform magnitude).
    static func logUniform(_ r: inout LCG, _ exponents: ClosedRange<Int>) -> Double {
        let span = UInt64(exponents.upperBound - exponents.lowerBound + 1)
        let v = Double(sign: .plus, exponent: exponents.lowerBound + Int((r.next() >> 33) % span),
                       significand: 1 + r.unit())
        return r.next() >> 63 == 0 ? v : -v
    }

    // MARK: - Accuracy against the platform libm

    @Test func expIsWithinOneUlpOfLibm() {
        let ranges: [(Int, (inout LCG) -> Double)] = [
            (40_000, { $0.uniform(-745.13, 709.78) }),                 // whole range, subnormal results
            (20_000, { $0.uniform(-2, 2) }),
            (5_000, { $0.uniform(-745.13, -708) }),                    // subnormal results
            (5_000, { Self.logUniform(&$0, -60...(-20)) }),                 // tiny arguments
        ]
        for (i, (count, input)) in ranges.enumerated() {
            let w = Self.worst(count, seed: 100 + UInt64(i), input, PortableMath.exp, Foundation.exp)
            #expect(w.ulps <= 1, "exp: \(w.ulps) ulps at \(w.at)")
        }
    }

    @Test func logIsWithinOneUlpOfLibm() {
        let ranges: [(Int, (inout LCG) -> Double)] = [
            // Every positive finite double is equally likely per exponent: all binades.
            (40_000, { Double(bitPattern: ($0.next() >> 1) % 0x7ff0_0000_0000_0000) }),
            (20_000, { $0.uniform(0.5, 2) }),
            (5_000, { $0.uniform(1 - 0x1p-20, 1 + 0x1p-20) }),
            (5_000, { Double(bitPattern: 1 + ($0.next() >> 12)) }),    // subnormals
        ]
        for (i, (count, input)) in ranges.enumerated() {
            let w = Self.worst(count, seed: 200 + UInt64(i), input, PortableMath.log, Foundation.log)
            #expect(w.ulps <= 1, "log: \(w.ulps) ulps at \(w.at)")
        }
    }

    @Test func sinAndCosAreWithinOneUlpOfLibm() {
        let ranges: [(Int, (inout LCG) -> Double)] = [
            (40_000, { $0.uniform(-10, 10) }),
            (20_000, { $0.uniform(-1e6, 1e6) }),
            (5_000, { Self.logUniform(&$0, -40...(-1)) }),
            (5_000, { Self.logUniform(&$0, 20...1023) }),                   // Payne–Hanek range
        ]
        for (i, (count, input)) in ranges.enumerated() {
            let s = Self.worst(count, seed: 300 + UInt64(i), input, PortableMath.sin, Foundation.sin)
            let c = Self.worst(count, seed: 400 + UInt64(i), input, PortableMath.cos, Foundation.cos)
            #expect(s.ulps <= 1, "sin: \(s.ulps) ulps at \(s.at)")
            #expect(c.ulps <= 1, "cos: \(c.ulps) ulps at \(c.at)")
        }
    }

    @Test func asinIsWithinOneUlpOfLibm() {
        let ranges: [(Int, (inout LCG) -> Double)] = [
            (40_000, { $0.uniform(-1, 1) }),
            (20_000, { $0.uniform(0.5, 1) }),                          // the sqrt branches (0.975 split)
            (5_000, { r in                                                  // 1 - 2^-53 ... 0.5, both signs
                let d = Self.logUniform(&r, -53...(-2))
                return d < 0 ? -1 - d : 1 - d
            }),
            (5_000, { Self.logUniform(&$0, -60...(-1)) }),                  // tiny arguments, |x| < 0.5
        ]
        for (i, (count, input)) in ranges.enumerated() {
            let w = Self.worst(count, seed: 800 + UInt64(i), input, PortableMath.asin, Foundation.asin)
            #expect(w.ulps <= 1, "asin: \(w.ulps) ulps at \(w.at)")
        }
    }

    @Test func floatWrappersRoundTheDoubleResult() {
        var rng = LCG(state: 500)
        var notRounded = 0, worstExp: Int64 = 0, worstLog: Int64 = 0
        for _ in 0..<10_000 {
            let x = Float(rng.uniform(-104, 89))
            let y = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next() >> 32) % 0x7f80_0000)
            if PortableMath.expf(x) != Float(PortableMath.exp(Double(x))) { notRounded += 1 }
            if PortableMath.logf(y) != Float(PortableMath.log(Double(y))) { notRounded += 1 }
            // Positive finite floats are ordered like their bit patterns.
            worstExp = max(worstExp, Swift.abs(Int64(PortableMath.expf(x).bitPattern) - Int64(Foundation.expf(x).bitPattern)))
            worstLog = max(worstLog, Swift.abs(Int64(PortableMath.logf(y).bitPattern) - Int64(Foundation.logf(y).bitPattern)))
        }
        #expect(notRounded == 0)
        #expect(worstExp <= 1 && worstLog <= 1, "expf \(worstExp) ulps, logf \(worstLog) ulps")
    }

    // MARK: - Special cases and known values

    @Test func expSpecialCases() {
        #expect(PortableMath.exp(.nan).isNaN)
        #expect(PortableMath.exp(.infinity) == .infinity)
        #expect(PortableMath.exp(-.infinity) == 0)
        #expect(PortableMath.exp(709.79) == .infinity)                 // overflow
        #expect(PortableMath.exp(1000) == .infinity)
        #expect(PortableMath.exp(709.78).isFinite)
        #expect(PortableMath.exp(-746) == 0)                           // underflow
        #expect(PortableMath.exp(-745) == .leastNonzeroMagnitude)      // deepest subnormal
        #expect(PortableMath.exp(-740).isSubnormal)
        #expect(Self.ulpDistance(PortableMath.exp(-740), Foundation.exp(-740.0)) <= 1)
        #expect(PortableMath.exp(0) == 1 && PortableMath.exp(-0.0) == 1)
        #expect(PortableMath.exp(1e-300) == 1)
        #expect(PortableMath.expf(100) == .infinity && PortableMath.expf(-110) == 0)
        #expect(PortableMath.expf(0) == 1)
    }

    @Test func logSpecialCases() {
        #expect(PortableMath.log(0) == -.infinity)
        #expect(PortableMath.log(-0.0) == -.infinity)
        #expect(PortableMath.log(-1).isNaN)
        #expect(PortableMath.log(-.infinity).isNaN)
        #expect(PortableMath.log(-.leastNonzeroMagnitude).isNaN)
        #expect(PortableMath.log(.infinity) == .infinity)
        #expect(PortableMath.log(.nan).isNaN)
        for x in [Double.leastNonzeroMagnitude, 0x1p-1030, .leastNormalMagnitude, .greatestFiniteMagnitude] {
            #expect(Self.ulpDistance(PortableMath.log(x), Foundation.log(x)) <= 1, "log(\(x))")
        }
        #expect(PortableMath.log(1) == 0)
        #expect(PortableMath.log(2) == M_LN2)
        #expect(PortableMath.log(10) == M_LN10)
        #expect(PortableMath.log(1024) == 10 * M_LN2)
        #expect(PortableMath.logf(0) == -.infinity && PortableMath.logf(-1).isNaN && PortableMath.logf(1) == 0)
    }

    @Test func sinCosSpecialCases() {
        #expect(PortableMath.sin(0) == 0 && PortableMath.sin(0).sign == .plus)
        #expect(PortableMath.sin(-0.0) == 0 && PortableMath.sin(-0.0).sign == .minus)
        #expect(PortableMath.sin(-1e-300) == -1e-300)                  // sin(x) = x for tiny x
        #expect(PortableMath.cos(0) == 1 && PortableMath.cos(-0.0) == 1)
        #expect(PortableMath.sin(.infinity).isNaN && PortableMath.sin(-.infinity).isNaN)
        #expect(PortableMath.cos(.infinity).isNaN && PortableMath.cos(-.infinity).isNaN)
        #expect(PortableMath.sin(.nan).isNaN && PortableMath.cos(.nan).isNaN)
        #expect(PortableMath.sin(.pi / 2) == 1 && PortableMath.cos(.pi) == -1)
        #expect(PortableMath.sin(.pi) == 1.2246467991473532e-16)       // pi - Double.pi, rounded
        // Reduction at and around the 2^20·π/2 switch between Cody–Waite and Payne–Hanek.
        for x in [1e6, -1e6, 1647099.3291652855, 1647099.5, 1e7, 1e22, 1e300, -.greatestFiniteMagnitude] {
            #expect(Self.ulpDistance(PortableMath.sin(x), Foundation.sin(x)) <= 1, "sin(\(x))")
            #expect(Self.ulpDistance(PortableMath.cos(x), Foundation.cos(x)) <= 1, "cos(\(x))")
        }
        // The double closest to a multiple of π/2 (Muller's worst case): cos is ≈ −4.687e−19,
        // which needs ~120 bits of reduction; −4.6871659242546276e−19 to 17 digits.
        let hard = 6381956970095103 * 0x1p797
        #expect(Swift.abs(PortableMath.cos(hard) / -4.6871659242546276e-19 - 1) < 3e-16)
        #expect(PortableMath.sin(hard) == 1)
    }

    @Test func asinSpecialCases() {
        #expect(PortableMath.asin(0) == 0 && PortableMath.asin(0).sign == .plus)
        #expect(PortableMath.asin(-0.0) == 0 && PortableMath.asin(-0.0).sign == .minus)
        #expect(PortableMath.asin(1) == .pi / 2 && PortableMath.asin(-1) == -.pi / 2)
        #expect(PortableMath.asin(1.0.nextUp).isNaN && PortableMath.asin(-(1.0.nextUp)).isNaN)
        #expect(PortableMath.asin(2).isNaN && PortableMath.asin(-1e300).isNaN)
        #expect(PortableMath.asin(.infinity).isNaN && PortableMath.asin(-.infinity).isNaN)
        #expect(PortableMath.asin(.nan).isNaN)
        #expect(PortableMath.asin(2).bitPattern == Double.nan.bitPattern)   // produced NaN: the canonical one
        #expect(PortableMath.asin(1e-300) == 1e-300)                   // asin(x) = x for tiny x
        #expect(PortableMath.asin(-.leastNonzeroMagnitude) == -.leastNonzeroMagnitude)
        // Around the branch points (|x| = 2^-26, 0.5, 0.975 and 1) and odd symmetry.
        let edges = [0x1p-26, 0.5, Double(bitPattern: 0x3fef_3333_0000_0000), 1.0.nextDown]
        for e in edges {
            for x in [e.nextDown, e, e.nextUp] where x < 1 {
                #expect(Self.ulpDistance(PortableMath.asin(x), Foundation.asin(x)) <= 1, "asin(\(x))")
                #expect(PortableMath.asin(-x) == -PortableMath.asin(x))
            }
        }
    }

    @Test func knownValues() {
        #expect(PortableMath.exp(0) == 1)
        #expect(PortableMath.log(1) == 0)
        #expect(PortableMath.sin(0) == 0)
        #expect(PortableMath.cos(0) == 1)
        #expect(PortableMath.asin(0) == 0)
        #expect(PortableMath.asin(1) == .pi / 2)                        // 0x1.921fb54442d18p+0
        #expect(PortableMath.asin(0.5) == 0.5235987755982989)           // pi/6, correctly rounded
        // fdlibm's exp(1) (also Java's StrictMath.exp(1)): 0.67 ulp above e, one ulp above M_E.
        #expect(PortableMath.exp(1) == 2.7182818284590455)
        #expect(Self.ulpDistance(PortableMath.exp(1), M_E) == 1)
        #expect(PortableMath.exp(M_LN2) == 2)
        #expect(PortableMath.log(M_E) == 1)
        #expect(PortableMath.sin(1e22) == -0.8522008497671888)         // correctly rounded
        #expect(PortableMath.cos(1e6) == 0.9367521275331447)
    }

    /// The bits themselves, recorded on x86-64: the same on every CPU, OS and optimisation
    /// level, or results printed with PortableMath would differ between machines.
    @Test func outputBitsAreTheRecordedOnes() {
        var rng = LCG(state: 600)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325                       // FNV-1a over the bit patterns
        func mix(_ v: UInt64) { hash = (hash ^ v) &* 0x0000_0100_0000_01b3 }
        for i in 0..<4_096 {
            let bits = rng.next()
            let any = Double(bitPattern: bits)                          // every class: NaN, inf, subnormal
            let u = Double(bits >> 11) * 0x1p-53
            mix(PortableMath.exp(any).bitPattern); mix(PortableMath.log(any).bitPattern)
            mix(PortableMath.sin(any).bitPattern); mix(PortableMath.cos(any).bitPattern)
            mix(PortableMath.exp((u - 0.5) * 1500).bitPattern); mix(PortableMath.log(u * 1e6).bitPattern)
            mix(PortableMath.sin((u - 0.5) * 20).bitPattern); mix(PortableMath.cos((u - 0.5) * 2e6).bitPattern)
            mix(UInt64(PortableMath.expf(Float((u - 0.5) * 200)).bitPattern))
            mix(UInt64(PortableMath.logf(Float(u * 100)).bitPattern))
            mix(PortableMath.pow(1 + u, i % 200 - 100).bitPattern)
            mix(PortableMath.asin(any).bitPattern); mix(PortableMath.asin(2 * u - 1).bitPattern)
            mix(PortableMath.asin(1 - u * 0x1p-10).bitPattern)           // the |x| > 0.975 branch
            mix(PortableMath.asin(-0.5 - u * 0.475).bitPattern)          // the 0.5 <= |x| < 0.975 branch
        }
        #expect(hash == 0xf40b_a49b_ea17_73d0, "recorded output bits changed: 0x\(String(hash, radix: 16))")
    }

    // MARK: - Integer power

    @Test func powMatchesRepeatedMultiplication() {
        // Exactly representable powers: every partial product is exact, so both must agree.
        for (base, top) in [(3.0, 33), (-2.0, 200), (0.5, 200), (1.5, 33), (-7.0, 18), (10.0, 22)] {
            var product = 1.0
            for n in 0...top {
                #expect(PortableMath.pow(base, n) == product, "\(base)^\(n)")
                #expect(PortableMath.pow(base, -n) == 1 / product, "\(base)^-\(n)")
                product *= base
            }
        }
        // General bases: both orders round differently, each within about n half-ulps.
        var rng = LCG(state: 700)
        var worstRelative = 0.0                                         // in units of n * 2^-53
        for _ in 0..<500 {
            let base = rng.uniform(0.5, 2)
            var product = 1.0
            for n in 1...64 {
                product *= base
                let p = PortableMath.pow(base, n)
                worstRelative = max(worstRelative, Swift.abs(p - product) / Swift.abs(product) / (Double(n) * 0x1p-53))
            }
        }
        #expect(worstRelative <= 2, "worst |pow - product| = \(worstRelative) n half-ulps")
        #expect(PortableMath.pow(.nan, 0) == 1 && PortableMath.pow(0, 0) == 1)
        #expect(PortableMath.pow(2, 1023) == 0x1p1023 && PortableMath.pow(2, 1024) == .infinity)
        #expect(PortableMath.pow(2, -1022) == .leastNormalMagnitude)
        #expect(PortableMath.pow(2, -1074) == 0)                        // 1 / 2^1074 = 1 / inf, by definition
        #expect(PortableMath.pow(0, -1) == .infinity)
        #expect(PortableMath.pow(1, .min) == 1 && PortableMath.pow(1, .max) == 1)
        #expect(PortableMath.pow(-1, .max) == -1)
    }
}
