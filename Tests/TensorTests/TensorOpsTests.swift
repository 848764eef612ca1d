import Testing
import Tensor
import TestSupport

/// Forward values against independent naive answers.
@Suite struct TensorOpsTests {
    /// C = op(A) · op(B) by the textbook triple loop, in Double.
    func naiveProduct(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool) -> [Float] {
        let (m, k) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
        let n = transposeB ? b.shape[0] : b.shape[1]
        var c = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var total = 0.0
                for p in 0..<k {
                    let x = transposeA ? a[index: p, i] : a[index: i, p]
                    let y = transposeB ? b[index: j, p] : b[index: p, j]
                    total += Double(x) * Double(y)
                }
                c[i * n + j] = Float(total)
            }
        }
        return c
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func matmulMatchesNaiveLoop(transposeA: Bool, transposeB: Bool) {
        var rng = SeededGenerator(seed: 11)
        let (m, k, n) = (7, 13, 5)
        let a = Tensor.randomNormal(transposeA ? [k, m] : [m, k], using: &rng)
        let b = Tensor.randomNormal(transposeB ? [n, k] : [k, n], using: &rng)
        let c = a.matmul(b, transposeSelf: transposeA, transposeOther: transposeB)
        #expect(c.shape == [m, n])
        #expect(isClose(c.scalars, naiveProduct(a, b, transposeA: transposeA, transposeB: transposeB),
                        relative: 1e-5, absolute: 1e-5))
    }

    @Test func broadcastingValues() {
        let m = Tensor(rows: [[1, 2, 3], [4, 5, 6]])
        #expect((m + Tensor([10, 20, 30])).scalars == [11, 22, 33, 14, 25, 36])
        #expect((m * Tensor(shape: [2, 1], scalars: [2, 3])).scalars == [2, 4, 6, 12, 15, 18])
        #expect((Tensor(shape: [2, 1], scalars: [1, 2]) - Tensor([1, 2, 3])).shape == [2, 3])
        #expect((Tensor(shape: [2, 1], scalars: [1, 2]) - Tensor([1, 2, 3])).scalars == [0, -1, -2, 1, 0, -1])
        #expect((m / 2).scalars == [0.5, 1, 1.5, 2, 2.5, 3])
    }

    @Test func reductionsAlongAxes() {
        let t = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(t.sum().item == 21)
        #expect(t.sum(axis: 0).scalars == [5, 7, 9])
        #expect(t.sum(axis: 1).scalars == [6, 15])
        #expect(t.mean(axis: -1, keepingDimension: true).shape == [2, 1])
        #expect(t.mean(axis: -1).scalars == [2, 5])
        #expect(t.mean().item == 3.5)
    }

    @Test func shapeOperationsValues() {
        let a = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])
        let b = Tensor(shape: [2, 1], scalars: [9, 8])
        #expect(Tensor.concatenate([a, b]).scalars == [1, 2, 9, 3, 4, 8])
        #expect(Tensor.concatenate([a, b]).slice(lastAxis: 1..<3).scalars == [2, 9, 4, 8])
        let s = Tensor.stack([a, a * 2])
        #expect(s.shape == [2, 2, 2])
        #expect(s[1].scalars == [2, 4, 6, 8])
        #expect(s[0..<1].shape == [1, 2, 2])
        #expect(s.unstacked().count == 2)
    }

    @Test func masksAndWhere() {
        let x = Tensor([-1, 0.5, 2])
        #expect(x.less(than: 1).scalars == [1, 1, 0])
        #expect(x.greater(than: 0).scalars == [0, 1, 1])
        #expect(x.less(than: 0).or(x.greater(than: 1)).scalars == [1, 0, 1])
        #expect(Tensor.where(x.greater(than: 0), x, Tensor(0)).scalars == [0, 0.5, 2])
        let masked = x.requiringGrad().greater(than: 0)
        #expect(!masked.requiresGrad)
    }

    @Test func elementwiseFunctionValues() {
        let x = Tensor([-2, -0.5, 0, 1.5])
        #expect(isClose(x.relu().scalars, [0, 0, 0, 1.5]))
        #expect(isClose(x.leakyRelu().scalars, [-0.02, -0.005, 0, 1.5]))
        #expect(isClose(x.sigmoid().scalars, [0.11920292, 0.37754067, 0.5, 0.81757448]))
        #expect(isClose(x.tanh().scalars, [-0.96402758, -0.46211716, 0, 0.90514825]))
        #expect(isClose(Tensor([1, 4]).sqrt().scalars, [1, 2]))
        #expect(isClose(Tensor([1]).exp().log().scalars, [1]))
    }
}

extension TensorOpsTests {
    @Test func batchSlicingKeepsTimeMajorLayout() {
        // [T=2, B=3, D=2] with value 100t + 10b + d.
        var scalars: [Float] = []
        for t in 0..<2 { for b in 0..<3 { for d in 0..<2 { scalars.append(Float(100 * t + 10 * b + d)) } } }
        let x = Tensor(shape: [2, 3, 2], scalars: scalars)
        #expect(x.batch(1..<3).scalars == [10, 11, 20, 21, 110, 111, 120, 121])
        #expect(x.gatherBatch([2, 0]).scalars == [20, 21, 0, 1, 120, 121, 100, 101])
        #expect(x.gatherBatch([2, 0]).shape == [2, 2, 2])
    }

    @Test func rowScalarBroadcastValues() {
        let m = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let perRow = Tensor(shape: [2, 1], scalars: [10, 100])
        #expect((m * perRow).scalars == [10, 20, 30, 400, 500, 600])
        #expect((perRow - m).scalars == [9, 8, 7, 96, 95, 94])
    }
}

extension TensorOpsTests {
    /// Many shapes, odd and even, small and past the kernels' blocking sizes, in all four
    /// transpose combinations: the product agrees with the textbook one.
    @Test func matmulAgreesWithNaiveLoopAcrossShapes() {
        var rng = SeededGenerator(seed: 99)
        let sizes = [1, 2, 3, 7, 16, 17, 31, 64, 65, 129]
        for trial in 0..<24 {
            let m = sizes[rng.int(below: sizes.count)], k = sizes[rng.int(below: sizes.count)]
            let n = sizes[rng.int(below: sizes.count)]
            let (tA, tB) = (trial % 2 == 1, (trial / 2) % 2 == 1)
            let a = Tensor.randomNormal(tA ? [k, m] : [m, k], using: &rng)
            let b = Tensor.randomNormal(tB ? [n, k] : [k, n], using: &rng)
            let c = a.matmul(b, transposeSelf: tA, transposeOther: tB)
            let expected = naiveProduct(a, b, transposeA: tA, transposeB: tB)
            let tolerance = 1e-5 * Float(k).squareRoot() * 4
            #expect(maxDifference(c.scalars, expected) < tolerance, "m=\(m) k=\(k) n=\(n) tA=\(tA) tB=\(tB)")
        }
    }
}
