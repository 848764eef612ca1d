import Testing
import Learning
import Physics
import Tensor
@testable import Planning

/// The shot planners, the dynamics they search with, and how plans are judged.
@Suite struct PlanningTests {
    let task = ShotTask()

    static func shotModel(_ kind: ModelKind, seed: UInt64 = 3) -> SequenceModel {
        let model = SequenceModel(ModelConfiguration(kind: kind, observationWidth: 6, auxiliaryWidth: 2,
                                                     hidden: 16, rnn: 16), seed: seed)
        model.datasetName = "shots"
        return model
    }

    @Test func depthIsPositiveInsideTheTargetAndMinusTheDistanceOutside() {
        #expect(ShotScore.depth([0.85, 0.1], in: .reference) == min(0.85 - 0.8, 0.2 - 0.1))
        #expect(abs(ShotScore.depth([0.9, 0.1], in: .reference) - 0.1) < 1e-12)
        #expect(abs(ShotScore.depth([0.5, 0.1], in: .reference) + 0.3) < 1e-12)
        #expect(abs(ShotScore.depth([0.5, 0.6], in: .reference) + 0.5) < 1e-12)       // 0.3 and 0.4 away: 0.5
        #expect(ShotScore.depth([0.8, 0.1], in: .reference) == 0)                      // on the edge, not inside
        #expect(ShotScore.depth([.nan, 0.1], in: .reference) == -.infinity)
        #expect(ShotScore.depth([0.89, 0.11], in: .reference) > ShotScore.depth([0.81, 0.19], in: .reference))
    }

    /// The first predicted frame in the target is judged with the episode's own task: a task
    /// whose corner is smaller finds the path there later (or never).
    @Test func predictedTargetFrameUsesTheEpisodesTarget() {
        let path: [SIMD2<Double>] = [[0.5, 0.5], [0.82, 0.18], [0.86, 0.12], [0.95, 0.05]]
        let forecast = ShotForecast(frames: 4...7, positions: path.flatMap { [$0.x, $0.y] }, tickTimes: [[]])
        #expect(ShotScore.firstFrameInTarget(forecast, candidate: 0, of: task) == 5)
        var smaller = task
        smaller.target = ShotTarget(minX: 0.85, maxY: 0.15)
        #expect(ShotScore.firstFrameInTarget(forecast, candidate: 0, of: smaller) == 6)
        smaller.target = ShotTarget(minX: 0.99, maxY: 0.01)
        #expect(ShotScore.firstFrameInTarget(forecast, candidate: 0, of: smaller) == nil)
        #expect(task.target == .reference && "\(ShotTarget.reference)" == "x > 0.8, y < 0.2")
    }

    /// The score, the cost and the forecast's exact frames read the episode's own target, not
    /// the reference's: a plan on a task with a smaller corner scores its predicted path there.
    @Test func scoreAndCostUseTheEpisodesTarget() {
        let path: [SIMD2<Double>] = [[0.5, 0.5], [0.82, 0.18], [0.86, 0.12]]
        let forecast = ShotForecast(frames: 4...6, positions: path.flatMap { [$0.x, $0.y] }, tickTimes: [[]])
        let smaller = ShotTarget(minX: 0.85, maxY: 0.15)
        #expect(abs(ShotScore.scores(forecast, target: .reference)[0] - 0.06) < 1e-12)   // min(0.86 − 0.8, 0.2 − 0.12)
        #expect(abs(ShotScore.scores(forecast, target: smaller)[0] - 0.01) < 1e-12)      // min(0.86 − 0.85, 0.15 − 0.12)
        #expect(ShotCost.cost(forecast, candidate: 0, target: smaller).cost > ShotCost.cost(forecast, candidate: 0, target: .reference).cost)
        #expect(smaller.distance(to: [0.82, 0.18]) > 0 && ShotTarget.reference.distance(to: [0.82, 0.18]) == 0)
        #expect(abs(ShotTarget.reference.distance(to: [0.5, 0.6]) - 0.5) < 1e-12 && ShotTarget.reference.distance(to: [.nan, 0]) == .infinity)
        var task = ShotTask()
        task.target = smaller
        let plan = ShotPlanner(budget: 20).plan(ShotEpisode(seed: 3, task: task), with: SimulatorDynamics())
        #expect(plan.score == plan.predicted.map { ShotScore.depth($0, in: smaller) }.max()!)
        #expect(plan.score != plan.predicted.map { ShotScore.depth($0, in: .reference) }.max()!)
    }

    /// A plan is a search and a judging: the search chooses the best-scoring candidate without
    /// playing anything; the judge plays the choice with the episode's own task.
    @Test func aPlanIsASearchJudgedByTheEpisodesTask() {
        let planner = ShotPlanner(kind: .cem, budget: 40, rounds: 4, elites: 5)
        let episode = ShotEpisode(seed: 11, task: ShotTask())
        let search = planner.search(episode, with: SimulatorDynamics())!
        #expect(search.actions.count == 40 && search.scores[search.chosen] == search.scores.max()!)
        #expect(search.bestSoFar.enumerated().allSatisfy { b, i in i <= b && search.scores[i] == search.scores[...b].max()! })
        let plan = search.judged(on: episode), whole = planner.plan(episode, with: SimulatorDynamics())
        #expect(plan.action == whole.action && plan.score == whole.score && plan.successByBudget == whole.successByBudget)
        #expect(plan.outcome == episode.play(search.actions[search.chosen]))
        // The same choice judged under the exact law: that task's own verdict.
        let exact = ShotEpisode(seed: 11, task: ShotTask(physics: .exact))
        #expect(search.judged(on: exact).outcome == exact.play(search.actions[search.chosen]))
    }

    /// A fixed-step simulator written apart from jumpy's exact one (the reference's method with
    /// a step 400 times finer, contacts resolved by reflecting the approach velocity): the
    /// object ball's centre at each frame.
    static func fineStepObjectPath(seed: UInt64, action: SIMD2<Double>, task: ShotTask) -> [SIMD2<Double>] {
        let episode = ShotEpisode(seed: seed, task: task)
        var x = [episode.start.position(0), episode.start.position(1)]
        var v = [episode.start.velocity(0), episode.start.velocity(1)]
        let r = task.radius, substeps = 400 * task.stepsPerFrame
        let dt = task.stepDuration * Double(task.stepsPerFrame) / Double(substeps)
        var path = [x[0]]
        for frame in 1..<task.frames {
            if frame - 1 == task.actionFrame {
                v[1] = (v[1] + action).clamped(lowerBound: [-1.8, -1.8], upperBound: [1.8, 1.8])
            }
            for _ in 0..<substeps {
                for i in 0..<2 {
                    x[i] += v[i] * dt
                    for axis in 0..<2 {
                        if x[i][axis] < r { x[i][axis] = 2 * r - x[i][axis]; v[i][axis] = abs(v[i][axis]) }
                        if x[i][axis] > 1 - r { x[i][axis] = 2 * (1 - r) - x[i][axis]; v[i][axis] = -abs(v[i][axis]) }
                    }
                }
                let d = x[1] - x[0], gap = (d * d).sum().squareRoot()
                let approach = ((v[1] - v[0]) * d).sum()
                if gap < 2 * r && approach < 0 {
                    let n = d / gap, exchange = (((v[0] - v[1]) * n).sum()) * n
                    v[0] -= exchange; v[1] += exchange
                }
            }
            path.append(x[0])
        }
        return path
    }

    /// With the exact law (moving starts, where it solves nearly every episode): a fine-step
    /// simulator written apart agrees with its verdicts.
    @Test func theSimulatorPlannerFindsShotsThatSucceedOnReSimulation() {
        let planner = ShotPlanner(kind: .random, budget: 100)
        let task = ShotTask(start: .moving, physics: .exact)
        var solved = 0
        for seed in UInt64(0)..<20 {
            let plan = planner.plan(ShotEpisode(seed: seed, task: task), with: SimulatorDynamics())
            // The exact simulator's verdict, and the prediction the plan was chosen on, agree
            // for the simulator (it forecasts the outcome itself).
            #expect(plan.predictedTargetFrame == plan.outcome.targetFrame)
            guard plan.success, let frame = plan.outcome.targetFrame else { continue }
            solved += 1
            // An independent simulator puts the object ball in the target too (the planner
            // prefers deep shots, so the margin covers the fixed-step error).
            let path = Self.fineStepObjectPath(seed: seed, action: plan.action, task: task)
            let deepest = task.scoredFrames.map { ShotScore.depth(path[$0], in: task.target) }.max()!
            #expect(deepest > 0, "seed \(seed): the reference simulator misses the target")
            let exact = plan.outcome.position(ball: ShotTask.objectBall, frame: frame)
            #expect(((path[frame] - exact) * (path[frame] - exact)).sum().squareRoot() < 2e-2, "seed \(seed)")
        }
        #expect(solved >= 15, "the simulator solved only \(solved) of 20 episodes")
    }

    @Test func successIsTheSimulatorsVerdictInBothDirections() {
        // A small budget, so that some chosen shots miss.
        let evaluation = PlanEvaluation.run(dynamics: SimulatorDynamics(), planner: ShotPlanner(budget: 3),
                                            seed: 40, episodes: 30)
        let rows = evaluation.rows
        var hits = 0, misses = 0
        for (i, plan) in evaluation.plans.enumerated() {
            let replay = ShotTask().play(from: ShotEpisode(seed: 40 + UInt64(i)).start, action: plan.action)
            #expect(plan.success == replay.hit)
            #expect(rows[i * 12 + 10] == (replay.hit ? 1 : 0))
            #expect(rows[i * 12 + 11] == Double(replay.targetFrame ?? -1))
            if replay.hit { hits += 1 } else { misses += 1 }
            // The state at frame 3 in the row is the episode's, before the shot.
            #expect(Array(rows[(i * 12)..<(i * 12 + 8)]) == Array(ShotEpisode(seed: 40 + UInt64(i)).observed.suffix(8)))
        }
        #expect(hits > 0 && misses > 0, "need both verdicts: \(hits) hits, \(misses) misses")
        #expect(abs(evaluation.successRate - Double(hits) / 30) < 1e-12)
    }

    /// A plan carries its task, and the task's law judges it: at rest, under either law, the
    /// verdict is the replay's, and the candidates (drawn from the seed) are the same.
    @Test func aPlanIsJudgedByItsTasksLaw() {
        var firstCandidates: [[SIMD2<Double>]] = []
        for physics in BallPhysics.allCases {
            let task = ShotTask(start: .rest, physics: physics)
            let evaluation = PlanEvaluation.run(dynamics: SimulatorDynamics(), planner: ShotPlanner(budget: 1),
                                                seed: 300, episodes: 12, task: task)
            #expect(evaluation.task == task)
            for (i, plan) in evaluation.plans.enumerated() {
                #expect(plan.task == task)
                let replay = task.play(from: ShotEpisode(seed: 300 + UInt64(i), task: task).start, action: plan.action)
                #expect(plan.success == replay.hit && plan.outcome == replay)
                // At rest before the shot: the exported state at frame 3 has no velocity.
                #expect(plan.startOfShot[2] == 0 && plan.startOfShot[3] == 0 && plan.startOfShot[6] == 0 && plan.startOfShot[7] == 0)
            }
            firstCandidates.append(evaluation.plans.map(\.action))
        }
        #expect(firstCandidates[0] == firstCandidates[1])
    }

    @Test(arguments: [ModelKind.rnn, .jumpy, .odernn])
    func batchedForecastsAgreeWithOneCandidateAtATime(kind: ModelKind) throws {
        let dynamics = try ModelDynamics(Self.shotModel(kind))
        let episode = ShotEpisode(seed: 11)
        var rng = SeededGenerator(seed: 5)
        let actions = (0..<7).map { _ in task.randomAction(using: &rng) }
        let batched = dynamics.forecast(episode, actions: actions)
        #expect(batched.frames == 4...44)
        for (k, action) in actions.enumerated() {
            let alone = dynamics.forecast(episode, actions: [action])
            #expect(alone.ticks == [batched.ticks[k]])
            for (a, b) in zip(alone.path(0), batched.path(k)) {
                #expect(abs(a.x - b.x) < 1e-5 && abs(a.y - b.y) < 1e-5, "\(kind) candidate \(k)")
            }
        }
        if kind != .jumpy { #expect(batched.ticks.allSatisfy { $0 == 40 }) }
    }

    @Test func anEnsembleForecastsItsMembersMeanPathAndCostsTheirTicks() throws {
        let rnn = try ModelDynamics(Self.shotModel(.rnn)), jumpy = try ModelDynamics(Self.shotModel(.jumpy, seed: 4))
        let episode = ShotEpisode(seed: 21)
        var rng = SeededGenerator(seed: 8)
        let actions = (0..<5).map { _ in task.randomAction(using: &rng) }
        let a = rnn.forecast(episode, actions: actions), b = jumpy.forecast(episode, actions: actions)
        let both = EnsembleDynamics([rnn, jumpy])
        #expect(both.name == "rnn+jumpy")
        let mean = both.forecast(episode, actions: actions)
        #expect(mean.frames == a.frames)
        for i in mean.positions.indices { #expect(mean.positions[i] == (a.positions[i] + b.positions[i]) / 2) }
        #expect(mean.ticks == zip(a.ticks, b.ticks).map { $0 + $1 })
        #expect(mean.tickTimes.allSatisfy { $0 == $0.sorted() })
        // One member is that member.
        #expect(EnsembleDynamics([jumpy]).forecast(episode, actions: actions).positions == b.positions)
        // The members' paths differ (an untrained rnn and jumpy model), so the mean is neither.
        #expect(mean.positions != a.positions && mean.positions != b.positions)
    }

    @Test func theForecastFollowsTheRolloutOnTheFrameGrid() throws {
        // For the RNN every frame after the shot starts a tick: the forecast is the rollout's
        // own observations, frame by frame.
        let model = Self.shotModel(.rnn)
        let episode = ShotEpisode(seed: 2)
        let action = SIMD2(0.4, -0.7)
        let forecast = try ModelDynamics(model).forecast(episode, actions: [action])
        var data = [Float](repeating: 0, count: 45 * 6)
        for (i, v) in episode.observedRows(action: action).enumerated() { data[i] = Float(v) }
        let rollout = model.rollout(Tensor(shape: [45, 1, 6], scalars: data), options: RolloutOptions(burnIn: 4))
        for frame in 4...43 {
            let p = forecast.path(0)[frame - 4]
            #expect(p.x == Double(rollout.observations.scalars[frame * 6]))
            #expect(p.y == Double(rollout.observations.scalars[frame * 6 + 1]))
        }
    }

    @Test func betweenTicksThePathIsDecodedNearTheTargetAndEstimatedElsewhere() {
        // An untrained jumpy model made to jump 5 frames a tick.
        let model = Self.shotModel(.jumpy)
        let episode = ShotEpisode(seed: 3)
        var data = [Float](repeating: 0, count: 45 * 2 * 6)
        for (k, action) in [SIMD2(0.5, -0.5), SIMD2(-1.0, 0.2)].enumerated() {
            let rows = episode.observedRows(action: action)
            for t in 0..<4 { for j in 0..<6 { data[(t * 2 + k) * 6 + j] = Float(rows[t * 6 + j]) } }
        }
        let rollout = model.rollout(Tensor(shape: [45, 2, 6], scalars: data), options: RolloutOptions(burnIn: 4, constantDt: 5))
        let exact = rollout.objectPath(at: 4...44, near: .reference, exactWithin: .infinity)
        let estimated = rollout.objectPath(at: 4...44, near: .reference, exactWithin: -.infinity)
        let mixed = rollout.objectPath(at: 4...44, near: .reference)
        for b in 0..<2 {
            let ticks = rollout.ticks(of: b)
            for frame in 4...44 {
                let k = ticks.lastIndex { $0.time <= Float(frame) }!
                let index = k * 2 + b
                let base = SIMD2(Double(rollout.observations.scalars[index * 6]), Double(rollout.observations.scalars[index * 6 + 1]))
                let gap = Float(frame) - ticks[k].time
                // Decoded independently of objectPath: one row through the decoder.
                let state = Tensor(shape: [1, rollout.states.shape[2]],
                                   scalars: Array(rollout.states.scalars[(index * rollout.states.shape[2])..<((index + 1) * rollout.states.shape[2])]))
                let change = withoutTape { model.decode(model.flow(state, dt: Tensor(shape: [1, 1], scalars: [gap]))).scalars }
                let decoded = gap == 0 ? base : base + SIMD2(Double(change[0]), Double(change[1]))
                let slot = (b * 41 + frame - 4) * 2
                #expect(abs(exact[slot] - decoded.x) < 1e-5 && abs(exact[slot + 1] - decoded.y) < 1e-5, "frame \(frame)")
                // The estimate lies on the line from the piece's start to its end.
                let end: SIMD2<Double>
                if k + 1 < ticks.count {
                    let next = (k + 1) * 2 + b
                    end = SIMD2(Double(rollout.observations.scalars[next * 6]), Double(rollout.observations.scalars[next * 6 + 1]))
                } else {
                    let full = withoutTape { model.decode(model.flow(state, dt: Tensor(shape: [1, 1], scalars: [ticks[k].dt]))).scalars }
                    end = base + SIMD2(Double(full[0]), Double(full[1]))
                }
                let share = Double(gap / ticks[k].dt)
                let line = base + (end - base) * share
                #expect(abs(estimated[slot] - line.x) < 1e-5 && abs(estimated[slot + 1] - line.y) < 1e-5, "frame \(frame)")
                // With the default margin: exact where the estimate is within 0.1 of the target.
                let near = !(ShotScore.depth(line, in: .reference) < -0.1)
                let expected = near ? decoded : line
                #expect(abs(mixed[slot] - expected.x) < 1e-5 && abs(mixed[slot + 1] - expected.y) < 1e-5, "frame \(frame)")
            }
        }
    }

    @Test func planningTwiceGivesTheSamePlanBitForBit() throws {
        let dynamics = try ModelDynamics(Self.shotModel(.jumpy))
        for kind in PlannerKind.allCases {
            let planner = ShotPlanner(kind: kind, budget: 40, rounds: 4, elites: 5)
            let a = PlanEvaluation.run(dynamics: dynamics, planner: planner, seed: 7, episodes: 5)
            let b = PlanEvaluation.run(dynamics: dynamics, planner: planner, seed: 7, episodes: 5)
            #expect(a.rows == b.rows)
            #expect(a.plans.map(\.score) == b.plans.map(\.score))
            #expect(a.plans.map(\.successByBudget) == b.plans.map(\.successByBudget))
            // Episode i of an evaluation is the episode of seed + i, planned alone.
            let alone = planner.plan(ShotEpisode(seed: 9), with: dynamics)
            #expect(alone.action == a.plans[2].action && alone.score == a.plans[2].score)
        }
    }

    /// Plans are the same bits on every kernel path and at every thread count: the model's
    /// forecasts of all candidates run through the products the paths share.
    @Test(arguments: [(ModelKind.rnn, PlannerKind.random), (.jumpy, .random), (.rnn, .gradient), (.jumpy, .gradient), (.odernn, .gradient)])
    func everyPathAndThreadCountPlansTheSameShots(kind: ModelKind, planner plannerKind: PlannerKind) throws {
        let dynamics = try ModelDynamics(Self.shotModel(kind))
        let planner = ShotPlanner(kind: plannerKind, budget: plannerKind == .gradient ? 20 : 40, starts: 4)
        func evaluation(_ path: KernelPath, threads: Int) -> PlanEvaluation {
            KernelPath.with(path) { Threads.with(threads) { PlanEvaluation.run(dynamics: dynamics, planner: planner, seed: 21, episodes: 3) } }
        }
        let reference = evaluation(.portable, threads: 1)
        for path in KernelPath.available {
            for threads in [1, 2, 3] {
                let other = evaluation(path, threads: threads)
                #expect(other.rows == reference.rows, "\(kind) \(plannerKind) on \(path) at \(threads) threads")
                #expect(other.plans.map(\.score) == reference.plans.map(\.score))
                #expect(other.plans.map(\.successByBudget) == reference.plans.map(\.successByBudget))
            }
        }
    }

    @Test func theBudgetCurveIsTheAnytimeChoiceOfRandomShooting() {
        let episode = ShotEpisode(seed: 21)
        let full = ShotPlanner(budget: 60).plan(episode, with: SimulatorDynamics())
        #expect(full.successByBudget.count == 60)
        for budget in [1, 2, 7, 30, 60] {
            let shorter = ShotPlanner(budget: budget).plan(episode, with: SimulatorDynamics())
            #expect(shorter.success == full.successByBudget[budget - 1])
        }
        // Budget 1 is one uniform random action: the random baseline.
        var rng = episode.generator
        let first = task.randomAction(using: &rng)
        #expect(ShotPlanner(budget: 1).plan(episode, with: SimulatorDynamics()).action == first)
    }

    @Test func theCrossEntropyMethodSpendsItsBudgetAndSolvesWithTheSimulator() {
        let planner = ShotPlanner(kind: .cem, budget: 60, rounds: 3, elites: 5)
        let evaluation = PlanEvaluation.run(dynamics: SimulatorDynamics(), planner: planner, seed: 100, episodes: 20)
        #expect(evaluation.plans.allSatisfy { $0.candidates == 60 })
        #expect(evaluation.successRate >= 0.7, "CEM with the simulator solved \(evaluation.successRate)")
        #expect(evaluation.successByBudget.last == evaluation.successRate)
    }

    @Test func modelsOfOtherWorldsAreRefused() {
        let lines = SequenceModel(ModelConfiguration(kind: .jumpy, observationWidth: 2, hidden: 8, rnn: 8), seed: 1)
        lines.datasetName = "lines"
        #expect(throws: PlanningError.self) { try ModelDynamics(lines) }
        do { _ = try ModelDynamics(lines) } catch { #expect(error.description.contains("trained on lines")) }
        let renamed = Self.shotModel(.rnn)
        renamed.datasetName = "billiards2d"
        #expect(throws: PlanningError.self) { try ModelDynamics(renamed) }
        #expect(ShotPlanner(budget: 0).problem != nil)
    }

    /// `work` is told of every batch the dynamics forecasts (500 candidates at most, a CEM
    /// round) and the end; it changes nothing about the plan, and cancelling stops the planner.
    @Test func aPlannerPollsBetweenBatchesAndCanBeStopped() throws {
        let episode = ShotEpisode(seed: 7)
        let random = ShotPlanner(kind: .random, budget: 1200)
        var seen: [Int] = []
        let polled = try #require(random.plan(episode, with: SimulatorDynamics(), work: LongWork(report: { done, _ in seen.append(done) })))
        #expect(seen == [0, 500, 1000, 1200])
        let plain = random.plan(episode, with: SimulatorDynamics())
        #expect(polled.action == plain.action && polled.score == plain.score && polled.successByBudget == plain.successByBudget)

        var rounds: [Int] = []
        _ = ShotPlanner(kind: .cem, budget: 60, rounds: 3, elites: 5).plan(episode, with: SimulatorDynamics(),
                                                                           work: LongWork(report: { done, _ in rounds.append(done) }))
        #expect(rounds == [0, 20, 40, 60])

        var asked = 0
        let stopped = random.plan(episode, with: SimulatorDynamics(), work: LongWork(isCancelled: {
            asked += 1
            return asked == 2
        }))
        #expect(stopped == nil)
        #expect(asked == 2)     // stopped before the second batch: nothing more was forecast
    }

    /// Between an episode's batches too: the episode it stopped in is dropped, those before kept.
    @Test func anEvaluationStopsWithinAnEpisodeAndKeepsTheWholeOnes() {
        var questions: [Int] = [], reported = 0     // the episodes done when each question was asked
        let evaluation = PlanEvaluation.run(dynamics: SimulatorDynamics(), planner: ShotPlanner(budget: 1200),
                                            seed: 0, episodes: 3, work: LongWork(report: { done, _ in reported = done }, isCancelled: {
                                                questions.append(reported)
                                                return questions.count >= 5
                                            }))
        // Episode 0: before it, before its batches at 500 and 1000; episode 1: before it, then no at 500.
        #expect(questions == [0, 0, 0, 1, 1])
        #expect(evaluation.episodes == 1)
        #expect(evaluation.plans[0].candidates == 1200)
        #expect(evaluation.plans[0].action == ShotPlanner(budget: 1200).plan(ShotEpisode(seed: 0), with: SimulatorDynamics()).action)
    }

    @Test func anEvaluationStopsBetweenEpisodesWhenAsked() {
        var reported = 0
        let evaluation = PlanEvaluation.run(dynamics: SimulatorDynamics(), planner: ShotPlanner(budget: 5),
                                            seed: 0, episodes: 10, work: LongWork(report: { done, _ in reported = done },
                                                                                  isCancelled: { reported >= 4 }))
        #expect(evaluation.episodes == 4)
        #expect(evaluation.rows.count == 4 * 12)
    }
}
