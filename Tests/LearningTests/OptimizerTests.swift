import Testing
import Tensor
import Learning
import TestSupport

@Suite struct OptimizerTests {
    /// Sets each parameter's gradient to `g` by back-propagating Σ g·p.
    func setGradients(_ parameters: [Parameter], _ gradients: [[Float]]) {
        for p in parameters { p.zeroGrad() }
        var loss = Tensor(0)
        for (p, g) in zip(parameters, gradients) {
            loss = loss + (p.value * Tensor(shape: p.shape, scalars: g)).sum()
        }
        loss.backward()
    }

    @Test func adamFirstStepMovesByLearningRateTimesSign() {
        // Bias correction makes the first step lr · g / (|g| + ε) = lr · sign(g), whatever |g|.
        let p = Parameter("p", Tensor([1, -2, 0.5]))
        var adam = Adam([p], learningRate: 0.1)
        setGradients([p], [[0.5, -3, 1e-3]])
        adam.step()
        #expect(isClose(p.value.scalars, [0.9, -1.9, 0.4], relative: 1e-5, absolute: 1e-4))
    }

    @Test func adamWeightDecayIsAddedToTheGradient() {
        // L2 form: g' = g + λp. With g = 0.001 and λp = −0.2 the sign flips, so p grows.
        let p = Parameter("p", Tensor([-2]))
        var adam = Adam([p], learningRate: 0.01, weightDecay: 0.1)
        setGradients([p], [[0.001]])
        adam.step()
        #expect(isClose(p.value.scalars, [-1.99], relative: 1e-6))
    }

    @Test func adamSecondStepMatchesTheFormulaByHand() {
        // loss = p², g = 2p; p0 = 1, lr = 0.1, β = (0.9, 0.999), ε = 1e-8.
        // Step 1: g1 = 2, p1 = 0.9 (first step moves by lr).
        // Step 2: g2 = 1.8; m = 0.9·0.2 + 0.1·1.8 = 0.36; v = 0.999·0.004 + 0.001·3.24 = 0.007236
        //   m̂ = 0.36 / 0.19 = 1.894737; v̂ = 0.007236 / 0.001999 = 3.619810; √v̂ = 1.902580
        //   p2 = 0.9 − 0.1 · 1.894737 / 1.902580 = 0.800412
        let p = Parameter("p", Tensor([1]))
        var adam = Adam([p], learningRate: 0.1)
        for _ in 0..<2 {
            p.zeroGrad()
            p.value.square().sum().backward()
            adam.step()
        }
        #expect(Swift.abs(p.value.item - 0.800412) < 2e-6)
        #expect(adam.stepCount == 2)
    }

    @Test func adamMinimisesAQuadratic() {
        var rng = SeededGenerator(seed: 1)
        let target = Tensor.randomNormal([10], using: &rng)
        let p = Parameter("p", .zeros([10]))
        var adam = Adam([p], learningRate: 0.05)
        for _ in 0..<500 {
            adam.zeroGrad()
            (p.value - target).square().sum().backward()
            adam.step()
        }
        #expect(maxDifference(p.value.scalars, target.scalars) < 1e-2)
    }

    @Test func sgdStepsAndMomentum() {
        let p = Parameter("p", Tensor([1, 2]))
        var sgd = SGD([p], learningRate: 0.5)
        setGradients([p], [[0.2, -0.4]])
        sgd.step()
        #expect(isClose(p.value.scalars, [0.9, 2.2]))

        let q = Parameter("q", Tensor([0]))
        var heavy = SGD([q], learningRate: 1, momentum: 0.5)
        for _ in 0..<2 {
            setGradients([q], [[1]])
            heavy.step()
        }
        // Velocity 1 then 1.5: q = −1 − 1.5.
        #expect(isClose(q.value.scalars, [-2.5]))
    }

    @Test func stepScheduleDecaysEveryStepSize() {
        let schedule = StepSchedule(initial: 1e-3, gamma: 0.75, stepSize: 1000)
        #expect(schedule.learningRate(at: 0) == 1e-3)
        #expect(schedule.learningRate(at: 999) == 1e-3)
        #expect(Swift.abs(schedule.learningRate(at: 1000) - 7.5e-4) < 1e-10)
        #expect(Swift.abs(schedule.learningRate(at: 2500) - 5.625e-4) < 1e-10)
    }

    @Test func clippingScalesToTheGlobalNorm() {
        let a = Parameter("a", Tensor([0, 0])), b = Parameter("b", Tensor([0]))
        setGradients([a, b], [[3, 0], [4]])       // global norm 5
        let before = clipGradientNorm([a, b], maxNorm: 1)
        #expect(Swift.abs(before - 5) < 1e-5)
        #expect(isClose(a.grad!.scalars + b.grad!.scalars, [0.6, 0, 0.8], relative: 1e-5))
        // Below the limit nothing changes.
        setGradients([a, b], [[0.3, 0], [0.4]])
        clipGradientNorm([a, b], maxNorm: 1)
        #expect(isClose(a.grad!.scalars + b.grad!.scalars, [0.3, 0, 0.4]))
    }
}

@Suite struct LayerTests {
    @Test func linearUsesPyTorchLayoutOnAnyRank() {
        var rng = SeededGenerator(seed: 3)
        let layer = Linear("l", inputs: 3, outputs: 2, using: &rng)
        let bound = 1 / Float(3).squareRoot()
        #expect(layer.weight.shape == [2, 3] && layer.bias.shape == [2])
        #expect((layer.weight.value.scalars + layer.bias.value.scalars).allSatisfy { Swift.abs($0) <= bound })
        let x = Tensor.randomNormal([4, 5, 3], using: &rng)
        let y = layer(x)
        #expect(y.shape == [4, 5, 2])
        // Element [1, 2, 0] by hand: Σ_i x[1,2,i] W[0,i] + b[0].
        var expected = layer.bias.value.scalars[0]
        for i in 0..<3 { expected += x[index: 1, 2, i] * layer.weight.value[index: 0, i] }
        #expect(Swift.abs(y[index: 1, 2, 0] - expected) < 1e-5)
    }

    @Test func residualMLPGradientsMatchFiniteDifferences() {
        var rng = SeededGenerator(seed: 4)
        let mlp = ResidualMLP("m", inputs: 3, hidden: 5, outputs: 2, using: &rng)
        let x = Tensor.randomNormal([4, 3], using: &rng)
        #expect(gradientMismatches([x], step: 1e-3) { mlp($0[0]) } == [])
        #expect(mlp.parameters.map(\.name).first == "m.linear1.weight")
        #expect(mlp.parameters.count == 8)
    }
}
