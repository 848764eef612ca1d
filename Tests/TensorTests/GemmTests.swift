import Testing
@testable import Tensor
import CKernels

/// jumpy's products promise one order of sums: every output is the chain
/// `fma(a[i, k−1], b[k−1, j], … fma(a[i, 0], b[0, j], c₀))`. These tests hold each
/// instruction-set path to that chain bit for bit, computed here one scalar at a time with
/// Swift's correctly rounded `addingProduct`.
@Suite struct GemmTests {
    /// The chain for C = α op(A) op(B) + β C, one output at a time.
    static func chain(_ a: [Float], _ b: [Float], _ c: [Float], m: Int, n: Int, k: Int, tA: Bool, tB: Bool,
                      alpha: Float, beta: Float) -> [Float] {
        var out = c
        for i in 0..<m {
            for j in 0..<n {
                var acc: Float = beta == 0 ? 0 : beta == 1 ? c[i * n + j] : beta * c[i * n + j]
                for p in 0..<k {
                    let x = tA ? a[p * m + i] : a[i * k + p], y = tB ? b[j * k + p] : b[p * n + j]
                    acc = acc.addingProduct(alpha == 1 ? x : alpha * x, y)
                }
                out[i * n + j] = acc
            }
        }
        return out
    }

    static func product(_ a: [Float], _ b: [Float], _ c: [Float], m: Int, n: Int, k: Int, tA: Bool, tB: Bool,
                        alpha: Float, beta: Float) -> [Float] {
        var out = c
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                out.withUnsafeMutableBufferPointer { pc in
                    sgemm(tA, tB, m: m, n: n, k: k, alpha: alpha, pa.baseAddress!, lda: tA ? m : k,
                          pb.baseAddress!, ldb: tB ? k : n, beta: beta, pc.baseAddress!, ldc: n)
                }
            }
        }
        return out
    }

    /// Shapes around every tile and block edge (tiles of 4–12 rows and 16–32 columns, blocks
    /// of 256 in k), in every transpose combination, with α and β as training uses them.
    @Test(arguments: KernelPath.available)
    func everyPathIsTheFMAChainBitForBit(path: KernelPath) {
        var rng = SeededGenerator(seed: 7)
        let shapes = [(1, 1, 1), (3, 5, 2), (12, 32, 17), (13, 33, 256), (25, 47, 257), (6, 16, 600),
                      (40, 3, 130), (2, 384, 128), (61, 70, 9)]
        for (m, n, k) in shapes {
            for (tA, tB) in [(false, false), (true, false), (false, true), (true, true)] {
                for (alpha, beta) in [(Float(1), Float(0)), (1, 1), (0.5, 0.75)] {
                    let a = Tensor.randomNormal([m * k], using: &rng).scalars
                    let b = Tensor.randomNormal([k * n], using: &rng).scalars
                    // With β = 0, C is never read: NaN there must not leak through.
                    let c = beta == 0 ? [Float](repeating: .nan, count: m * n) : Tensor.randomNormal([m * n], using: &rng).scalars
                    let expected = Self.chain(a, b, c, m: m, n: n, k: k, tA: tA, tB: tB, alpha: alpha, beta: beta)
                    let got = KernelPath.with(path) {
                        Self.product(a, b, c, m: m, n: n, k: k, tA: tA, tB: tB, alpha: alpha, beta: beta)
                    }
                    #expect(got.map(\.bitPattern) == expected.map(\.bitPattern),
                            "\(path) m=\(m) n=\(n) k=\(k) tA=\(tA) tB=\(tB) α=\(alpha) β=\(beta)")
                }
            }
        }
    }

    /// B packed once gives the bits of B packed for every product.
    @Test(arguments: KernelPath.available)
    func packedOperandGivesTheSameBits(path: KernelPath) {
        var rng = SeededGenerator(seed: 8)
        for (m, n, k, tB) in [(7, 384, 128, true), (32, 100, 300, false), (1, 4, 128, false)] {
            let a = Tensor.randomNormal([m * k], using: &rng).scalars
            let b = Tensor.randomNormal([k * n], using: &rng).scalars
            let c = Tensor.randomNormal([m * n], using: &rng).scalars
            let expected = Self.chain(a, b, c, m: m, n: n, k: k, tA: false, tB: tB, alpha: 1, beta: 1)
            var got = c
            KernelPath.with(path) {
                b.withUnsafeBufferPointer { pb in
                    let packed = PackedMatrix(pb.baseAddress!, transposed: tB, k: k, n: n, ldb: tB ? k : n)
                    a.withUnsafeBufferPointer { pa in
                        got.withUnsafeMutableBufferPointer { pc in
                            // Two calls of half the rows each: a row's result ignores its neighbours.
                            let half = m / 2
                            packed.product(false, m: half, pa.baseAddress!, lda: k, beta: 1, pc.baseAddress!, ldc: n)
                            packed.product(false, m: m - half, pa.baseAddress! + half * k, lda: k, beta: 1,
                                           pc.baseAddress! + half * n, ldc: n)
                        }
                    }
                }
            }
            #expect(got.map(\.bitPattern) == expected.map(\.bitPattern), "\(path) m=\(m) n=\(n) k=\(k) tB=\(tB)")
        }
    }

    /// A path the CPU lacks falls back to the best it has; names parse as JUMPY_KERNEL spells them.
    @Test func pathsNameAndCap() {
        #expect(KernelPath(name: "AVX2") == .avx2 && KernelPath(name: "portable") == .portable)
        #expect(KernelPath(name: "sse9") == nil)
        #expect(KernelPath.with(.avx512) { KernelPath.current } == KernelPath.best)
        #expect(KernelPath.with(.portable) { KernelPath.current } == .portable)
        #expect(KernelPath.available.first == .portable && KernelPath.available.last == KernelPath.best)
    }

    /// Workers started through `Threads` run on their caller's path.
    @Test func workersInheritThePath() {
        let seen = KernelPath.with(.portable) { Threads.map(3, workers: 3) { _ in KernelPath.current } }
        #expect(seen == [.portable, .portable, .portable])
    }
}

extension GemmTests {
    /// The portable kernels' fma, done in double arithmetic with rounding to odd, is the
    /// correctly rounded fma: against Swift's `addingProduct` on random operands across the
    /// exponent range, cancellations, ties and subnormal results.
    @Test func portableFMAIsCorrectlyRounded() {
        var rng = SeededGenerator(seed: 11)
        func random() -> Float {
            let magnitude = Float(sign: .plus, exponent: rng.int(below: 80) - 40, significand: 1 + rng.uniformFloat())
            return rng.int(below: 2) == 0 ? magnitude : -magnitude
        }
        var cases: [(Float, Float, Float)] = (0..<200_000).map { _ in (random(), random(), random()) }
        for _ in 0..<50_000 {   // c cancelling most of a·b: the hard cases
            let (a, b) = (random(), random())
            cases.append((a, b, -(a * b).nextUp))
            cases.append((a, b, -(a * b)))
        }
        cases += [(1, 1, .ulpOfOne / 2), (1 + .ulpOfOne, 1 + .ulpOfOne, -1), (.leastNormalMagnitude, 0.5, 0),
                  (.leastNonzeroMagnitude, 0.75, .leastNonzeroMagnitude), (0x1p-128, -1.5, .leastNonzeroMagnitude), (0, -1, 0),
                  (.infinity, 1, 1), (.nan, 1, 1), (1, 1, -.infinity), (.greatestFiniteMagnitude, 2, -.greatestFiniteMagnitude)]
        var wrong = 0
        for (a, b, c) in cases {
            let want = c.addingProduct(a, b), got = jumpy_portable_fmaf(a, b, c)
            if !(want.bitPattern == got.bitPattern || (want.isNaN && got.isNaN)) { wrong += 1 }
        }
        #expect(wrong == 0)
    }
}
