import Foundation

/// The project's one source of randomness: xoshiro256** (Blackman & Vigna, 2018), seeded
/// through SplitMix64.
///
/// Every random draw in jumpy flows from an explicit seed through this type, so the same seed
/// gives the same numbers on every platform and every Swift version. The algorithms are fixed
/// and documented here; changing any of them changes recorded sessions, so don't.
///
/// - `next()`: the raw 64-bit xoshiro256** output.
/// - `uniform()`: `Double` in [0, 1) from the top 53 bits; `uniformFloat()`: `Float` in [0, 1)
///   from the top 24 bits.
/// - `normal()`: Box–Muller, one standard normal per call from two uniforms:
///   `sqrt(-2 ln(1 - u1)) · cos(2π u2)`, computed in `Double` with `PortableMath`'s log and
///   cosine (the same bits on every CPU).
/// - `int(below:)`: Lemire's multiply-shift with rejection, exactly uniform.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose whole stream is fixed by `seed`.
    public init(seed: UInt64) {
        var mix = seed
        func splitMix() -> UInt64 {
            mix &+= 0x9E37_79B9_7F4A_7C15
            var z = mix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// The generator's whole state, so that a stream can be saved and continued elsewhere.
    public var stateWords: [UInt64] { [state.0, state.1, state.2, state.3] }

    /// A generator continuing from `stateWords` (nil unless four words, not all zero: the
    /// one state xoshiro never leaves).
    public init?(stateWords words: [UInt64]) {
        guard words.count == 4, words.contains(where: { $0 != 0 }) else { return nil }
        state = (words[0], words[1], words[2], words[3])
    }

    public static func == (a: SeededGenerator, b: SeededGenerator) -> Bool {
        a.state == b.state
    }

    public mutating func next() -> UInt64 {
        let result = rotl(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotl(state.3, 45)
        return result
    }

    @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }

    /// Uniform in [0, 1), 53 bits of precision.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in [low, high).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * uniform()
    }

    /// Uniform in [0, 1), 24 bits of precision.
    public mutating func uniformFloat() -> Float {
        Float(next() >> 40) * 0x1.0p-24
    }

    /// A standard normal draw (Box–Muller, cosine branch).
    public mutating func normal() -> Double {
        let u1 = uniform()
        let u2 = uniform()
        return (-2 * PortableMath.log(1 - u1)).squareRoot() * PortableMath.cos(2 * Double.pi * u2)
    }

    /// Uniform over 0 ..< bound, without modulo bias.
    public mutating func int(below bound: Int) -> Int {
        precondition(bound > 0, "int(below:) needs a positive bound, got \(bound)")
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold {
                product = next().multipliedFullWidth(by: b)
            }
        }
        return Int(product.high)
    }

    /// A fresh generator for a sub-task, so that adding draws to one part of a computation
    /// does not shift the numbers of another.
    public mutating func split() -> SeededGenerator {
        SeededGenerator(seed: next())
    }
}

extension Tensor {
    /// Uniform in [low, high), drawn in row-major order.
    public static func randomUniform(_ shape: [Int], low: Float = 0, high: Float = 1,
                                     using rng: inout SeededGenerator) -> Tensor {
        let scalars = (0..<shape.elementCount).map { _ in
            Float(rng.uniform(Double(low), Double(high)))
        }
        return Tensor(shape: shape, scalars: scalars)
    }

    /// Normal with the given mean and standard deviation, drawn in row-major order.
    public static func randomNormal(_ shape: [Int], mean: Float = 0, std: Float = 1,
                                    using rng: inout SeededGenerator) -> Tensor {
        let scalars = (0..<shape.elementCount).map { _ in
            mean + std * Float(rng.normal())
        }
        return Tensor(shape: shape, scalars: scalars)
    }
}
