import Foundation
import Testing
@testable import Learning
import Physics
import Tensor
@testable import Planning

/// The gradient planner: the taped forecast it differentiates, its gradients, its budget and
/// its refusals.
@Suite struct GradientPlannerTests {
    let task = ShotTask()

    func actions(_ count: Int, seed: UInt64) -> [SIMD2<Double>] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in task.randomAction(using: &rng) }
    }

    /// The taped forecast is the rollout's (the fused one where the model has it, and the
    /// general one), decoded exactly between ticks: same ticks, same path to rounding.
    @Test(arguments: [ModelKind.rnn, .jumpy, .odernn])
    func theTapedForecastIsTheRollouts(kind: ModelKind) throws {
        let model = PlanningTests.shotModel(kind)
        let dynamics = try ModelDynamics(model)
        let episode = ShotEpisode(seed: 12)
        let candidates = actions(6, seed: 4)
        let taped = dynamics.differentiableForecast(episode, actions: candidates).forecast
        var data = [Float](repeating: 0, count: 45 * candidates.count * 6)
        for (k, action) in candidates.enumerated() {
            let rows = episode.observedRows(action: action)
            for t in 0..<4 { for j in 0..<6 { data[(t * candidates.count + k) * 6 + j] = Float(rows[t * 6 + j]) } }
        }
        let input = Tensor(shape: [45, candidates.count, 6], scalars: data)
        for fused in model.hasFusedRollout ? [true, false] : [false] {
            let rollout = model.rollout(input, options: RolloutOptions(burnIn: 4), fused: fused)
            let path = rollout.objectPath(at: 4...44, near: .reference, exactWithin: .infinity)
            #expect(taped.positions.count == path.count)
            let worst = zip(taped.positions, path).map { abs($0 - $1) }.max()!
            #expect(worst < 1e-5, "\(kind) fused \(fused): differs by \(worst)")
            for k in candidates.indices {
                // The general tick is the taped one's arithmetic; the fused one sums its products
                // in another order.
                let times = rollout.ticks(of: k).dropFirst(4).map { Double($0.time) }
                #expect(taped.tickTimes[k].count == times.count)
                #expect(zip(taped.tickTimes[k], times).allSatisfy { fused ? abs($0 - $1) < 1e-4 : $0 == $1 })
            }
        }
        // Where the score can see (within 0.1 of the target) the plain forecast decodes exactly too.
        let plain = dynamics.forecast(episode, actions: candidates)
        #expect(plain.ticks == taped.ticks)
        for k in candidates.indices {
            for (a, b) in zip(plain.path(k), taped.path(k)) where ShotScore.depth(b, in: .reference) > -0.09 {
                #expect(abs(a.x - b.x) < 1e-5 && abs(a.y - b.y) < 1e-5)
            }
        }
    }

    /// The jumpy model's taped ticks: the times are on the tape (sums of predicted Δt), and
    /// a frame between two ticks is decoded along its piece.
    @Test func aJumpyModelsTapedTicksJumpAsItsRolloutsDo() throws {
        let model = PlanningTests.shotModel(.jumpy, seed: 9)
        let episode = ShotEpisode(seed: 5)
        var data = [Float](repeating: 0, count: 45 * 2 * 6)
        let candidates = actions(2, seed: 1)
        for (k, action) in candidates.enumerated() {
            let rows = episode.observedRows(action: action)
            for t in 0..<4 { for j in 0..<6 { data[(t * 2 + k) * 6 + j] = Float(rows[t * 6 + j]) } }
        }
        let frames = Tensor(shape: [45, 2, 6], scalars: data).unstacked()
        let options = RolloutOptions(burnIn: 4, constantDt: 2.5)
        let taped = model.tapedRollout(frames, options: options)
        let rollout = model.rollout(Tensor.stack(frames), options: options, fused: false)
        for b in 0..<2 {
            #expect(taped.ticks(of: b).map(\.time) == rollout.ticks(of: b).map(\.time))
            #expect(taped.ticks(of: b).count < 45)                 // it jumped
        }
        let path = taped.path(at: 4...44, columns: 0..<2).values.map(Double.init)
        let exact = rollout.objectPath(at: 4...44, near: .reference, exactWithin: .infinity)
        #expect(zip(path, exact).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    /// `ShotCost`'s gradient against central differences of the cost, inside and outside the
    /// target, and the cost next to minus the score.
    @Test func theCostsGradientIsItsDerivative() {
        var rng = SeededGenerator(seed: 3)
        let frames = task.scoredFrames
        for trial in 0..<20 {
            // A path that wanders, sometimes into the target.
            let start = SIMD2(rng.uniform(0.3, 0.95), rng.uniform(0.05, 0.7)), drift = SIMD2(rng.uniform(-0.02, 0.02), rng.uniform(-0.02, 0.02))
            let path = frames.map { start + drift * Double($0 - 4) + SIMD2(0.01 * Double($0 % 3), 0) }
            let forecast = ShotForecast(frames: frames, positions: path.flatMap { [$0.x, $0.y] }, tickTimes: [[]])
            let (cost, gradient) = ShotCost.cost(forecast, candidate: 0, target: .reference)
            let score = ShotScore.scores(forecast, target: .reference)[0]
            #expect(cost <= -score + 1e-12 && cost >= -score - ShotCost.temperature * log(Double(frames.count)) - 1e-12)
            let h = 1e-6
            for i in 0..<path.count where abs(ShotScore.depth(path[i], in: .reference)) > 1e-4 {   // off the kink at the edge
                for axis in 0..<2 {
                    var up = forecast.positions, down = forecast.positions
                    up[2 * i + axis] += h; down[2 * i + axis] -= h
                    let numeric = (ShotCost.cost(ShotForecast(frames: frames, positions: up, tickTimes: [[]]), candidate: 0, target: .reference).cost
                                   - ShotCost.cost(ShotForecast(frames: frames, positions: down, tickTimes: [[]]), candidate: 0, target: .reference).cost) / (2 * h)
                    #expect(abs(numeric - gradient[i][axis]) < 1e-6, "trial \(trial) frame \(i) axis \(axis)")
                }
            }
        }
    }

    /// The planner's gradient, d cost / d action through the model's rollout, against central
    /// differences of the cost of the taped forecast (where the perturbation moves no tick
    /// across a frame: there the forecast is smooth).
    @Test(arguments: [ModelKind.rnn, .jumpy, .odernn])
    func theActionGradientOfTheCostIsItsDerivative(kind: ModelKind) throws {
        let dynamics = try ModelDynamics(PlanningTests.shotModel(kind, seed: 6))
        let episode = ShotEpisode(seed: 30)
        let candidates = actions(8, seed: 2)
        let taped = dynamics.differentiableForecast(episode, actions: candidates)
        let analytic = taped.pullback(ShotCost.positionGradients(taped.forecast, target: .reference))
        func costs(_ actions: [SIMD2<Double>]) -> (costs: [Double], ticks: [[Double]]) {
            let f = dynamics.differentiableForecast(episode, actions: actions).forecast
            return (actions.indices.map { ShotCost.cost(f, candidate: $0, target: .reference).cost }, f.tickTimes)
        }
        let h = 1e-3
        var checked = 0
        for axis in 0..<2 {
            var up = candidates, down = candidates
            for k in candidates.indices { up[k][axis] += h; down[k][axis] -= h }
            let (plus, ticksUp) = costs(up), (minus, ticksDown) = costs(down)
            for k in candidates.indices {
                let (framesUp, framesDown) = (ticksUp[k].map { $0.rounded(.down) }, ticksDown[k].map { $0.rounded(.down) })
                guard framesUp == framesDown else { continue }
                let numeric = (plus[k] - minus[k]) / (2 * h)
                let a = analytic[k][axis]
                #expect(abs(a - numeric) <= 2e-3 + 3e-2 * max(abs(a), abs(numeric)),
                        "\(kind) candidate \(k) axis \(axis): analytic \(a), numeric \(numeric)")
                checked += 1
            }
        }
        #expect(checked >= 12, "only \(checked) smooth candidates checked")
        #expect(analytic.contains { $0 != .zero }, "the cost must reach the action")
    }

    /// An ensemble's gradient is its members' gradients of the mean path, summed.
    @Test func anEnsemblesGradientIsTheMeanOfItsMembers() throws {
        let rnn = try ModelDynamics(PlanningTests.shotModel(.rnn)), jumpy = try ModelDynamics(PlanningTests.shotModel(.jumpy, seed: 4))
        let both = EnsembleDynamics([rnn, jumpy])
        #expect(both.differentiable != nil)
        #expect(EnsembleDynamics([rnn, SimulatorDynamics()]).differentiable == nil)
        let episode = ShotEpisode(seed: 8)
        let candidates = actions(3, seed: 9)
        let mean = both.differentiableForecast(episode, actions: candidates)
        let upstream = ShotCost.positionGradients(mean.forecast, target: .reference)
        let total = mean.pullback(upstream)
        let half = upstream.map { $0 / 2 }
        let a = rnn.differentiableForecast(episode, actions: candidates).pullback(half)
        let b = jumpy.differentiableForecast(episode, actions: candidates).pullback(half)
        for k in candidates.indices {
            let expected = a[k] + b[k]
            #expect(abs(total[k].x - expected.x) < 1e-9 && abs(total[k].y - expected.y) < 1e-9)
        }
    }

    /// A toy dynamics whose object ball rolls from its start along the action, a straight
    /// line: the cost is smooth and the target reachable, so descent must find it from
    /// (nearly) every start, where a few random shots rarely do.
    struct Rolling: DifferentiableShotDynamics {
        let name = "rolling"
        var isDifferentiable: Bool { true }
        func path(_ episode: ShotEpisode, _ a: SIMD2<Double>, frame: Int) -> SIMD2<Double> {
            let start = SIMD2(episode.observed[8 * 3], episode.observed[8 * 3 + 1])
            return start + 0.02 * a * Double(frame - 3)
        }
        func forecast(_ episode: ShotEpisode, actions: [SIMD2<Double>]) -> ShotForecast {
            let frames = episode.task.scoredFrames
            return ShotForecast(frames: frames, positions: actions.flatMap { a in frames.flatMap { f in
                let p = path(episode, a, frame: f)
                return [p.x, p.y]
            } }, tickTimes: actions.map { _ in frames.map(Double.init) })
        }
        func differentiableForecast(_ episode: ShotEpisode, actions: [SIMD2<Double>]) -> DifferentiableForecast {
            let frames = episode.task.scoredFrames
            return DifferentiableForecast(forecast: forecast(episode, actions: actions)) { upstream in
                actions.indices.map { k -> SIMD2<Double> in
                    var g = SIMD2<Double>.zero
                    for (i, f) in frames.enumerated() {
                        let slot = (k * frames.count + i) * 2
                        let u = SIMD2(upstream[slot], upstream[slot + 1])
                        g += (0.02 * Double(f - 3)) * u
                    }
                    return g
                }
            }
        }
    }

    @Test func descentFindsTheTargetWhereTheCostIsSmooth() {
        let gradient = ShotPlanner(kind: .gradient, budget: 100, starts: 4, rate: 0.05)
        let random = ShotPlanner(kind: .random, budget: 4)
        var descended = 0, guessed = 0
        for seed in UInt64(0)..<20 {
            let episode = ShotEpisode(seed: seed)
            if gradient.plan(episode, with: Rolling()).score > 0 { descended += 1 }
            if random.plan(episode, with: Rolling()).score > 0 { guessed += 1 }
        }
        #expect(descended >= 19, "descent reached the target in \(descended) of 20 episodes")
        #expect(guessed < descended)
    }

    /// The budget counts each step of each start; a smaller budget's plan is the prefix of a
    /// larger one's, its first candidates are random shooting's, and the planner polls once a step.
    @Test func aSmallerBudgetIsAPrefixOfTheSearch() throws {
        let dynamics = try ModelDynamics(PlanningTests.shotModel(.jumpy))
        let episode = ShotEpisode(seed: 17)
        var polled: [Int] = []
        let full = try #require(ShotPlanner(kind: .gradient, budget: 23, starts: 5)
            .plan(episode, with: dynamics, work: LongWork(report: { done, _ in polled.append(done) })))
        #expect(polled == [0, 5, 10, 15, 20, 23])
        #expect(full.candidates == 23)
        for budget in [1, 4, 5, 6, 12, 23] {
            let shorter = ShotPlanner(kind: .gradient, budget: budget, starts: 5).plan(episode, with: dynamics)
            #expect(shorter.successByBudget == Array(full.successByBudget.prefix(budget)))
        }
        #expect(ShotPlanner(kind: .gradient, budget: 3, starts: 5).plan(episode, with: dynamics).action
                == ShotPlanner(kind: .random, budget: 3).plan(episode, with: dynamics).action)
    }

    @Test func theSimulatorCannotBeDifferentiated() throws {
        let planner = ShotPlanner(kind: .gradient)
        let problem = try #require(planner.problem(with: SimulatorDynamics()))
        #expect(problem.contains("not differentiable") && problem.contains("planner=random"))
        #expect(planner.problem(with: try ModelDynamics(PlanningTests.shotModel(.rnn))) == nil)
        #expect(ShotPlanner(kind: .random).problem(with: SimulatorDynamics()) == nil)
        #expect(ShotPlanner(kind: .gradient, starts: 0).problem != nil)
        #expect(ShotPlanner(kind: .gradient, rate: 0).problem != nil)
    }

    /// The planner's backward passes leave the model's own gradients alone.
    @Test func planningLeavesTheModelsGradientsAlone() throws {
        let model = PlanningTests.shotModel(.rnn)
        _ = ShotPlanner(kind: .gradient, budget: 10, starts: 2).plan(ShotEpisode(seed: 1), with: try ModelDynamics(model))
        #expect(model.parameters.allSatisfy { $0.grad == nil })
    }
}
