import Testing
import Learning
import Tensor
import TestSupport

/// Every golden number of the PyTorch reference, matched in Float at ~1e-4 relative.
@Suite struct ReferenceTests {
    let fixture = ReferenceFixture.shared

    /// Element-wise agreement within 1e-4 of the element plus 1e-5 of the tensor's scale
    /// (so tiny entries of a large gradient are not held to an impossible Float standard).
    func matches(_ actual: Tensor, _ expected: Tensor, relative: Float = 1e-4) -> Bool {
        guard actual.count == expected.count else { return false }
        let scale = expected.scalars.map { Swift.abs($0) }.max() ?? 0
        return isClose(actual.scalars, expected.scalars, relative: relative, absolute: 1e-5 * scale + 1e-7)
    }

    @Test func gruStepEncoderDecoderDtHeadAndLinearDynamics() {
        let model = fixture.model(.jumpy)
        #expect(matches(model.cell(fixture["gru.in_x"], fixture["gru.in_h"]), fixture["gru.out"]))
        let x = fixture["input.seq"][0..<15]
        #expect(matches(model.encode(x), fixture["encoder.out"]))
        let h = fixture["decoder.in_h"]
        #expect(matches(model.decode(h), fixture["decoder.out"]))
        #expect(matches(model.predictDt(h), fixture["dt.out"]))
        #expect(matches(model.linearDynamics(h, dt: Tensor(2.5)), fixture["dynamics.out_dt2.5"]))
    }

    /// Compares a gradient for every parameter; the reference writes zeros where unused.
    func gradientMismatches(_ model: SequenceModel, prefix: String) -> [String] {
        model.parameters.compactMap { p in
            let expected = fixture["\(prefix).\(p.name)"]
            let actual = p.grad ?? .zeros(p.shape)
            return matches(actual, expected, relative: 2e-4) ? nil
                : "\(p.name): max difference \(maxDifference(actual.scalars, expected.scalars))"
        }
    }

    @Test func baselineLossAndEveryGradient() {
        let model = fixture.model(.rnn)
        var rng = SeededGenerator(seed: 0)
        let loss = model.teacherForcing(fixture["input.seq"], rng: &rng)
        #expect(matches(loss.dx.reshaped([1]), fixture["baseline.loss"]))
        loss.total.backward()
        #expect(gradientMismatches(model, prefix: "baseline.grad") == [])
    }

    var jumpyOptions: TeacherForcingOptions {
        TeacherForcingOptions(burnIn: Int(fixture.number("jumpy.dilate_from")),
                              epsilon: Float(fixture.number("jumpy.epsilon")),
                              jumpProbability: Float(fixture.number("jumpy.jump_prob")),
                              dtLossCoefficient: Float(fixture.number("jumpy.dt_loss_coeff")))
    }

    @Test func jumpyLossesMeanDtAndEveryGradient() {
        let model = fixture.model(.jumpy)
        var rng = SeededGenerator(seed: 0)
        let loss = model.teacherForcing(fixture["input.seq"], options: jumpyOptions, rng: &rng)
        #expect(matches(loss.dx.reshaped([1]), fixture["jumpy.loss_dx"]))
        #expect(matches(loss.dt.reshaped([1]), fixture["jumpy.loss_dt"]))
        #expect(Swift.abs(loss.meanDt - Double(fixture["jumpy.mean_dt"].item)) < 1e-6)  // the fixture is read as Float
        // The fixture's ε is chosen so that both branches of the gate are taken.
        #expect(loss.meanDt > 1)
        loss.total.backward()
        #expect(gradientMismatches(model, prefix: "jumpy.grad") == [])
    }

    @Test func oneAdamStepOnTheJumpyLoss() {
        let model = fixture.model(.jumpy)
        var rng = SeededGenerator(seed: 0)
        var adam = Adam(model.parameters, learningRate: Float(fixture.number("adam.lr")),
                        weightDecay: Float(fixture.number("adam.weight_decay")))
        model.teacherForcing(fixture["input.seq"], options: jumpyOptions, rng: &rng).total.backward()
        adam.step()
        let wrong = model.parameters.filter { !matches($0.value, fixture["adam1.\($0.name)"], relative: 1e-5) }.map(\.name)
        #expect(wrong == [])
    }
}

extension ReferenceTests {
    /// The reference's `sample` ticks once per frame (T ticks) and returns every tick.
    var referenceRollout: Rollout {
        fixture.model(.jumpy).rollout(fixture["input.seq"],
                                      options: RolloutOptions(burnIn: Int(fixture.number("sample.autoregress_from")),
                                                              offset: Float(fixture.number("interp.offset")),
                                                              stopAtHorizon: false))
    }

    @Test func sampleMatchesTheReference() {
        let rollout = referenceRollout
        #expect(rollout.tickCounts == [Int](repeating: 16, count: 6))
        #expect(matches(rollout.observations, fixture["sample.x_hat"]))
        #expect(matches(rollout.times, fixture["sample.t_hat"]))
        #expect(matches(rollout.states, fixture["sample.h_hat"]))
    }

    @Test func interpolationMatchesTheReference() {
        let times = fixture["interp.times"].scalars
        #expect(times == (0..<16).map { Float($0) * 0.5 })
        #expect(matches(referenceRollout.interpolate(at: times), fixture["interp.x"]))
    }
}
