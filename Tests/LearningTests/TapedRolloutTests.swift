import Testing
@testable import Learning
import Tensor
import TestSupport

/// The rollout on the tape (`TapedRollout.swift`): the same ticks as the rollout, and
/// gradients of what it forecasts with respect to the frames it was shown.
@Suite struct TapedRolloutTests {
    static func model(_ kind: ModelKind) -> SequenceModel {
        SequenceModel(ModelConfiguration(kind: kind, observationWidth: 6, auxiliaryWidth: 2, hidden: 16, rnn: 16), seed: 6)
    }

    /// Random frames `[B, 6]`: positions and two auxiliary columns.
    static func frames(count: Int = 12, seed: UInt64 = 1) -> [Tensor] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in Tensor.randomUniform([3, 6], low: 0.2, high: 0.8, using: &rng) }
    }

    static let options: [RolloutOptions] = [
        RolloutOptions(burnIn: 4), RolloutOptions(burnIn: 4, stopAtHorizon: false),
        RolloutOptions(burnIn: 4, constantDt: 0.7), RolloutOptions(burnIn: 4, constantDt: 2.5),
    ]

    @Test(arguments: [ModelKind.rnn, .jumpy, .odernn])
    func itTicksAsTheRolloutDoes(kind: ModelKind) {
        let model = Self.model(kind), frames = Self.frames()
        for options in Self.options {
            let taped = model.tapedRollout(frames, options: options)
            let rollout = model.rollout(Tensor.stack(frames), options: options, fused: false)
            #expect(taped.tickCounts == rollout.tickCounts)
            for b in 0..<3 {
                let (a, r) = (taped.ticks(of: b), rollout.ticks(of: b))
                #expect(a.map(\.time) == r.map(\.time) && isClose(a.map(\.dt), r.map(\.dt)), "\(kind) \(options)")
            }
            let path = taped.path(at: 4...11, columns: 0..<2).values.map(Double.init)
            let exact = rollout.objectPathForTests(at: 4...11)
            #expect(zip(path, exact).allSatisfy { abs($0 - $1) < 1e-5 }, "\(kind) \(options)")
        }
    }

    /// d (Σ u · path) / d frame, for every element of the frame the action sits in and of
    /// one before it, against central differences. With Δt 0.7 a piece that starts at 3.7
    /// reads frame 3's auxiliary columns again after the burn-in: that path is checked too.
    @Test(arguments: [ModelKind.rnn, .jumpy, .odernn])
    func itsGradientsAreTheDerivativesOfItsPath(kind: ModelKind) {
        let model = Self.model(kind), frames = Self.frames(seed: 2)
        var rng = SeededGenerator(seed: 3)
        let upstream = Tensor.randomNormal([3 * 8 * 2], using: &rng).scalars
        for options in Self.options {
            for shown in [2, 3] {
                func loss(_ x: Tensor) -> Double {
                    var f = frames
                    f[shown] = x
                    let values = model.tapedRollout(f, options: options).path(at: 4...11, columns: 0..<2).values
                    return zip(values, upstream).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
                }
                let leaf = frames[shown].requiringGrad()
                var f = frames
                f[shown] = leaf
                model.tapedRollout(f, options: options).path(at: 4...11, columns: 0..<2).backward(upstream)
                let analytic = leaf.grad!.scalars
                for j in 0..<leaf.count {
                    var up = frames[shown].scalars, down = up
                    up[j] += 1e-3
                    down[j] -= 1e-3
                    let numeric = (loss(Tensor(shape: [3, 6], scalars: up)) - loss(Tensor(shape: [3, 6], scalars: down))) / 2e-3
                    let a = Double(analytic[j])
                    #expect(abs(a - numeric) <= 2e-3 + 2e-2 * max(abs(a), abs(numeric)),
                            "\(kind) \(options) frame \(shown) element \(j): analytic \(a), numeric \(numeric)")
                }
            }
        }
    }
}

extension Rollout {
    /// The object ball's path decoded exactly at every frame (Planning's `objectPath` with no
    /// estimates), written again here so Learning's tests need not import Planning.
    func objectPathForTests(at frames: ClosedRange<Int>) -> [Double] {
        var path: [Double] = []
        for b in 0..<batch {
            let ticks = self.ticks(of: b)
            var k = 0
            for frame in frames {
                let t = Float(frame)
                while k + 1 < ticks.count && ticks[k + 1].time <= t { k += 1 }
                let index = k * batch + b
                let base = Array(observations.scalars[(index * width)..<(index * width + 2)])
                let gap = t - ticks[k].time
                if gap == 0 { path += base.map(Double.init); continue }
                let s = states.shape[2]
                let state = Tensor(shape: [1, s], scalars: Array(states.scalars[(index * s)..<((index + 1) * s)]))
                let change = withoutTape { model.decode(model.flow(state, dt: Tensor(shape: [1, 1], scalars: [gap]))).scalars }
                path += [Double(base[0] + change[0]), Double(base[1] + change[1])]
            }
        }
        return path
    }
}
