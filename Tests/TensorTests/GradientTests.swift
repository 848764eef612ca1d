import Foundation
import Testing
import Tensor
import TestSupport

/// Every differentiable primitive against central finite differences (see
/// `gradientMismatches`): shapes chosen so broadcasting and reuse are exercised.
@Suite struct GradientTests {
    var rng = SeededGenerator(seed: 2024)

    mutating func random(_ shape: [Int], low: Float = -1, high: Float = 1) -> Tensor {
        Tensor.randomUniform(shape, low: low, high: high, using: &rng)
    }

    /// Values bounded away from zero, for functions with a kink or pole there.
    mutating func awayFromZero(_ shape: [Int]) -> Tensor {
        let t = random(shape, low: 0.2, high: 1.2)
        let signs = random(shape)
        return Tensor(shape: shape, scalars: zip(t.scalars, signs.scalars).map { $1 < 0 ? -$0 : $0 })
    }

    @Test mutating func elementwiseBinarySameShape() {
        let a = random([3, 4]), b = awayFromZero([3, 4])
        #expect(gradientMismatches([a, b]) { $0[0] + $0[1] } == [])
        #expect(gradientMismatches([a, b]) { $0[0] - $0[1] } == [])
        #expect(gradientMismatches([a, b]) { $0[0] * $0[1] } == [])
        #expect(gradientMismatches([a, b]) { $0[0] / $0[1] } == [])
    }

    @Test mutating func broadcastTrailingVectorAgainstMatrix() {
        let m = random([5, 3]), v = awayFromZero([3])
        #expect(gradientMismatches([m, v]) { $0[0] + $0[1] } == [])
        #expect(gradientMismatches([m, v]) { $0[1] - $0[0] } == [])
        #expect(gradientMismatches([m, v]) { $0[0] * $0[1] } == [])
        #expect(gradientMismatches([m, v]) { $0[0] / $0[1] } == [])
    }

    @Test mutating func broadcastGeneralAndScalarTensors() {
        let a = random([2, 3, 4]), column = awayFromZero([2, 1, 4]), s = awayFromZero([])
        #expect(gradientMismatches([a, column]) { $0[0] * $0[1] } == [])
        #expect(gradientMismatches([column, a]) { $0[0] - $0[1] } == [])
        #expect(gradientMismatches([a, s]) { $0[0] / $0[1] } == [])
        let rowsCol = random([4, 1]), row = random([1, 3])
        #expect(gradientMismatches([rowsCol, row]) { $0[0] * $0[1] + $0[1] } == [])
    }

    @Test mutating func scalarOperands() {
        let a = random([2, 5])
        #expect(gradientMismatches([a]) { 2 * $0[0] + 1.5 } == [])
        #expect(gradientMismatches([a]) { 3 - $0[0] / 4 } == [])
        #expect(gradientMismatches([a]) { -$0[0] - 0.5 } == [])
    }

    @Test mutating func reuseAccumulatesBothContributions() {
        let a = random([3, 3])
        #expect(gradientMismatches([a]) { $0[0] * $0[0] + $0[0].tanh() } == [])
        #expect(gradientMismatches([a]) { $0[0].matmul($0[0]) } == [])
        // The analytic value: d/dx Σ (x·x + x) = 2x + 1.
        let x = a.requiringGrad()
        (x * x + x).sum().backward()
        #expect(isClose(x.grad!.scalars, a.scalars.map { 2 * $0 + 1 }))
    }

    @Test mutating func unaryFunctions() {
        let a = random([4, 3], low: -2, high: 2)
        let positive = random([4, 3], low: 0.3, high: 2)
        let kinked = awayFromZero([4, 3])
        #expect(gradientMismatches([a]) { $0[0].tanh() } == [])
        #expect(gradientMismatches([a]) { $0[0].sigmoid() } == [])
        #expect(gradientMismatches([kinked]) { $0[0].relu() } == [])
        #expect(gradientMismatches([kinked]) { $0[0].leakyRelu() } == [])
        #expect(gradientMismatches([kinked]) { $0[0].leakyRelu(slope: 0.2) } == [])
        #expect(gradientMismatches([kinked]) { $0[0].abs() } == [])
        #expect(gradientMismatches([a]) { $0[0].exp() } == [])
        #expect(gradientMismatches([positive]) { $0[0].log() } == [])
        #expect(gradientMismatches([a]) { $0[0].square() } == [])
        #expect(gradientMismatches([positive]) { $0[0].sqrt() } == [])
    }

    @Test mutating func reductions() {
        let a = random([3, 4, 2])
        #expect(gradientMismatches([a]) { $0[0].sum() } == [])
        #expect(gradientMismatches([a]) { $0[0].mean() } == [])
        for axis in [0, 1, 2, -1] {
            #expect(gradientMismatches([a]) { $0[0].sum(axis: axis) } == [])
            #expect(gradientMismatches([a]) { $0[0].mean(axis: axis, keepingDimension: true) } == [])
        }
    }

    @Test mutating func matmulAllTransposes() {
        let a = random([3, 4]), aT = random([4, 3]), b = random([4, 5]), bT = random([5, 4])
        #expect(gradientMismatches([a, b]) { $0[0].matmul($0[1]) } == [])
        #expect(gradientMismatches([aT, b]) { $0[0].matmul($0[1], transposeSelf: true) } == [])
        #expect(gradientMismatches([a, bT]) { $0[0].matmul($0[1], transposeOther: true) } == [])
        #expect(gradientMismatches([aT, bT]) { $0[0].matmul($0[1], transposeSelf: true, transposeOther: true) } == [])
    }

    @Test mutating func shapeOperations() {
        let a = random([2, 3, 4]), b = random([2, 3, 2])
        #expect(gradientMismatches([a, b]) { Tensor.concatenate([$0[0], $0[1], $0[0]]) } == [])
        #expect(gradientMismatches([a]) { $0[0].slice(lastAxis: 1..<3) } == [])
        #expect(gradientMismatches([a]) { $0[0].reshaped([6, -1]) } == [])
        #expect(gradientMismatches([a]) { $0[0][1] } == [])
        #expect(gradientMismatches([a]) { $0[0][0..<1] * $0[0][1..<2] } == [])
        #expect(gradientMismatches([a, a]) { Tensor.stack([$0[0][0], $0[1][1], $0[0][1]]) } == [])
        let m = random([3, 4])
        #expect(gradientMismatches([m]) { $0[0].unstacked().reduce(Tensor(0)) { $0 + $1.square() } } == [])
    }

    @Test mutating func whereRoutesGradientsByMask() {
        let a = random([4, 3]), b = random([4, 3]), column = random([4, 1])
        let mask = random([4, 3]).greater(than: 0)
        #expect(gradientMismatches([a, b]) { Tensor.where(mask, $0[0], $0[1]) } == [])
        #expect(gradientMismatches([a, column]) { Tensor.where(mask, $0[0], $0[1]) } == [])
        // Masked-out positions get no gradient.
        let x = a.requiringGrad()
        Tensor.where(mask, x, b).sum().backward()
        #expect(x.grad!.scalars == mask.scalars)
    }

    @Test mutating func detachStopsGradient() {
        let a = random([3])
        let x = a.requiringGrad()
        (x * x.detached()).sum().backward()
        #expect(isClose(x.grad!.scalars, a.scalars))   // only the live factor contributes
        #expect(!x.detached().requiresGrad)
    }

    @Test mutating func noTapeIsRecordedWithoutTape() {
        let x = random([2, 2]).requiringGrad()
        let y = withoutTape { (x * x).tanh().sum() }
        #expect(!y.requiresGrad)
        #expect((x * x).requiresGrad)
    }

    @Test mutating func gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
        let a = random([2, 3])
        let x = a.requiringGrad()
        (x * 2).sum().backward()
        (x * 3).sum().backward()
        #expect(x.grad!.scalars == [Float](repeating: 5, count: 6))
        x.zeroGrad()
        #expect(x.grad == nil)
    }

    @Test mutating func deepChainsDoNotOverflowTheStack() {
        var h = random([2, 4]).requiringGrad()
        let leaf = h
        for _ in 0..<20_000 { h = h * 0.9999 + 0.0001 }
        h.sum().backward()
        let expected = Float(Foundation.pow(0.9999, 20_000.0))
        #expect(Swift.abs(leaf.grad!.scalars[0] - expected) < 1e-3)
    }
}

extension GradientTests {
    @Test mutating func fusedAffineMatchesItsParts() {
        let x = random([5, 3]), w = random([4, 3]), b = random([4])
        #expect(gradientMismatches([x, w, b]) { Tensor.affine($0[0], weight: $0[1], bias: $0[2]) } == [])
        let fused = Tensor.affine(x, weight: w, bias: b)
        let composed = x.matmul(w, transposeOther: true) + b
        #expect(isClose(fused.scalars, composed.scalars, relative: 1e-6, absolute: 1e-6))
    }
}

extension GradientTests {
    @Test mutating func perRowScalarBroadcast() {
        let m = random([3, 2, 4]), column = awayFromZero([3, 2, 1])
        #expect(gradientMismatches([m, column]) { $0[0] * $0[1] } == [])
        #expect(gradientMismatches([column, m]) { $0[0] / $0[1].abs().sqrt() } == [])
        #expect(gradientMismatches([m, column]) { $0[0] + $0[1] } == [])
    }

    @Test mutating func rowsGatherAndSumTheGradientOfARowReadTwice() {
        let a = random([4, 3])
        #expect(gradientMismatches([a]) { $0[0].rows([2, 0, 2]) } == [])
        let chosen = a.rows([3, 1])
        #expect(chosen.shape == [2, 3])
        #expect(chosen.scalars == Array(a.scalars[9..<12]) + Array(a.scalars[3..<6]))
        // Row 2 read twice: its gradient is both reads' upstream summed; unread rows get zero.
        let leaf = a.requiringGrad()
        (leaf.rows([2, 2]) * Tensor(rows: [[1, 2, 3], [10, 20, 30]])).sum().backward()
        #expect(leaf.grad!.scalars == [0, 0, 0, 0, 0, 0, 11, 22, 33, 0, 0, 0])
        #expect(a.rows([]).shape == [0, 3])
    }

    @Test mutating func selectRowsRoutesByFlag() {
        let a = random([4, 3]), b = random([4, 3])
        let flags = [true, false, false, true]
        #expect(gradientMismatches([a, b]) { Tensor.selectRows(flags, $0[0], $0[1]) } == [])
        let chosen = Tensor.selectRows(flags, a, b)
        #expect(Array(chosen.scalars[0..<3]) == Array(a.scalars[0..<3]))
        #expect(Array(chosen.scalars[3..<6]) == Array(b.scalars[3..<6]))
    }
}

extension GradientTests {
    @Test mutating func fusedGRUGatesMatchComposedFormulaAndDifferentiate() {
        let gi = random([3, 6]), gh = random([3, 6]), h = random([3, 2])
        #expect(gradientMismatches([gi, gh, h]) { Tensor.gruGates(inputGates: $0[0], hiddenGates: $0[1], hidden: $0[2]) } == [])
        // The same arithmetic from primitives.
        let r = (gi.slice(lastAxis: 0..<2) + gh.slice(lastAxis: 0..<2)).sigmoid()
        let z = (gi.slice(lastAxis: 2..<4) + gh.slice(lastAxis: 2..<4)).sigmoid()
        let n = (gi.slice(lastAxis: 4..<6) + r * gh.slice(lastAxis: 4..<6)).tanh()
        let composed = (1 - z) * n + z * h
        let fused = Tensor.gruGates(inputGates: gi, hiddenGates: gh, hidden: h)
        // The C kernel (whichever vector unit it runs on) rounds exactly as the Swift code.
        #expect(fused.scalars == composed.scalars)
    }
}

extension GradientTests {
    @Test mutating func gruGatesAgreeWithAndWithoutTape() {
        let gi = random([4, 9]), gh = random([4, 9]), h = random([4, 3])
        let taped = Tensor.gruGates(inputGates: gi.requiringGrad(), hiddenGates: gh, hidden: h)
        let plain = withoutTape { Tensor.gruGates(inputGates: gi, hiddenGates: gh, hidden: h) }
        #expect(taped.requiresGrad && !plain.requiresGrad)
        #expect(taped.scalars == plain.scalars)
    }
}

extension GradientTests {
    /// The fused residual MLP against the same function built from `affine`, `relu` and `+`:
    /// values and every gradient, and against finite differences.
    @Test mutating func fusedResidualMLPMatchesItsParts() {
        let (rows, inputs, hidden, outputs) = (6, 3, 5, 2)
        let x = random([rows, inputs])
        let shapes = [[hidden, inputs], [hidden, hidden], [hidden, hidden], [outputs, hidden]]
        let weights = shapes.map { random($0) }, biases = shapes.map { random([$0[0]], low: -0.3, high: 0.3) }
        let scale: Float = 0.7

        func composed(_ t: [Tensor]) -> Tensor {
            func layer(_ i: Int, _ v: Tensor) -> Tensor { Tensor.affine(v, weight: t[1 + 2 * i], bias: t[2 + 2 * i]) }
            var h = layer(0, t[0] * scale).relu()
            h = h + layer(1, h).relu()
            h = h + layer(2, h).relu()
            return layer(3, h)
        }
        func fused(_ t: [Tensor]) -> Tensor {
            Tensor.residualMLP(t[0], weights: [t[1], t[3], t[5], t[7]], biases: [t[2], t[4], t[6], t[8]], inputScale: scale)
        }
        let operands = [x] + zip(weights, biases).flatMap { [$0, $1] }
        #expect(isClose(fused(operands).scalars, composed(operands).scalars, relative: 1e-5, absolute: 1e-6))

        let upstream = random([rows, outputs])
        let (fusedGradients, composedGradients) = (gradients(of: operands, upstream: upstream, fused),
                                                   gradients(of: operands, upstream: upstream, composed))
        for (i, (a, b)) in zip(fusedGradients, composedGradients).enumerated() {
            #expect(isClose(a, b, relative: 1e-5, absolute: 1e-6), "operand \(i): fused \(a) against composed \(b)")
        }
        #expect(gradientMismatches(operands, step: 1e-3, relative: 2e-2, absolute: 2e-3) { fused($0) } == [])
    }

    @Test mutating func fusedResidualMLPWithoutTapeGivesTheSameValues() {
        let shapes = [[4, 2], [4, 4], [4, 4], [3, 4]]
        let x = random([7, 2]).requiringGrad()
        let weights = shapes.map { random($0) }, biases = shapes.map { random([$0[0]]) }
        let taped = Tensor.residualMLP(x, weights: weights, biases: biases)
        let bare = withoutTape { Tensor.residualMLP(x, weights: weights, biases: biases) }
        #expect(taped.requiresGrad && !bare.requiresGrad)
        #expect(taped.scalars == bare.scalars)
    }
}

extension GradientTests {
    /// `[z | ż | c] ↦ [z + ż·τ·Δt | ż·τ | c]` against the formula written with slices, and its
    /// gradients (Δt included) against finite differences, for a scalar and a per-row Δt.
    @Test mutating func fusedLinearDynamicsMatchesTheFormula() {
        let (rows, moving, width, tau): (Int, Int, Int, Float) = (3, 4, 6, 0.2)
        let state = random([rows, width])
        for dt in [random([rows, 1], low: 0.5, high: 3), Tensor(1.5)] {
            let moved = Tensor.linearDynamics(state, dt: dt, timeConstant: tau, moving: moving)
            let z = state.slice(lastAxis: 0..<2), v = state.slice(lastAxis: 2..<4) * tau
            let expected = Tensor.concatenate([z + v * dt, v, state.slice(lastAxis: 4..<6)])
            #expect(isClose(moved.scalars, expected.scalars, relative: 1e-6, absolute: 1e-7))
            #expect(gradientMismatches([state, dt]) {
                Tensor.linearDynamics($0[0], dt: $0[1], timeConstant: tau, moving: moving)
            } == [])
        }
        // A [T, B, W] state with one Δt per row of every frame.
        let sequence = random([2, 3, 4]), dts = random([2, 3, 1], low: 0, high: 2)
        #expect(gradientMismatches([sequence, dts]) {
            Tensor.linearDynamics($0[0], dt: $0[1], timeConstant: tau, moving: 4)
        } == [])
    }
}

extension GradientTests {
    /// The whole-sequence GRU against `gruGates` stepped frame by frame: states and every
    /// gradient, and against finite differences.
    @Test mutating func gruSequenceMatchesSteppedGates() {
        let (frames, batch, inputs, width) = (3, 2, 3, 2)
        let operands = [random([frames, batch, inputs]), random([batch, width]), random([3 * width, inputs]),
                        random([3 * width]), random([3 * width, width]), random([3 * width])]
        func sequence(_ t: [Tensor]) -> Tensor {
            Tensor.gruSequence(t[0], initial: t[1], weightIH: t[2], biasIH: t[3], weightHH: t[4], biasHH: t[5])
        }
        func stepped(_ t: [Tensor]) -> Tensor {
            var h = t[1], states: [Tensor] = []
            for i in 0..<frames {
                let gi = Tensor.affine(t[0][i], weight: t[2], bias: t[3])
                let gh = Tensor.affine(h, weight: t[4], bias: t[5])
                h = Tensor.gruGates(inputGates: gi, hiddenGates: gh, hidden: h)
                states.append(h)
            }
            return Tensor.stack(states)
        }
        #expect(isClose(sequence(operands).scalars, stepped(operands).scalars, relative: 1e-6, absolute: 1e-7))
        let upstream = random([frames, batch, width])
        let (sequenceGradients, steppedGradients) = (gradients(of: operands, upstream: upstream, sequence),
                                                     gradients(of: operands, upstream: upstream, stepped))
        for (i, (a, b)) in zip(sequenceGradients, steppedGradients).enumerated() {
            #expect(isClose(a, b, relative: 1e-5, absolute: 1e-6), "operand \(i): sequence \(a) against stepped \(b)")
        }
        #expect(gradientMismatches(operands, step: 1e-2) { sequence($0) } == [])
    }
}
