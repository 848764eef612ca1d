import Foundation
import Physics
import Tensor

/// How a planner searches the actions.
public enum PlannerKind: String, CaseIterable, Sendable {
    /// Best of `budget` uniform candidates.
    case random
    /// The cross-entropy method: rounds of candidates, each drawn around the elites of the last.
    case cem
    /// Adam on the action through a differentiable model, from a few random starts
    /// (`ShotPlanner+Gradient.swift`): each step of each start is one candidate.
    case gradient
}

/// Searches shots with a model of the table. The budget is the number of candidates whose
/// outcome the model predicts (for the gradient planner: forecasts and their gradients); the
/// chosen action is the best-scoring candidate seen (`ShotScore`): `search` finds it, and
/// `ShotSearch.judged(on:)` plays it with the episode's own task (`ShotTask.physics`).
///
/// Candidates come from the episode's own generator (`ShotEpisode.generator`), so an episode's
/// seed fixes its candidates: planning twice gives the same plan bit for bit.
public struct ShotPlanner: Sendable, Equatable {
    public var kind: PlannerKind
    public var budget: Int
    /// CEM: the rounds the budget is split into, and the elites each round keeps.
    public var rounds: Int
    public var elites: Int
    /// Gradient: the random starts Adam descends from, and its step size (in action units).
    public var starts: Int
    public var rate: Double
    /// Candidates forecast in one batch (bounds memory; the batch is the unit of parallel work).
    public var batchLimit = 500

    public init(kind: PlannerKind = .random, budget: Int = 250, rounds: Int = 5, elites: Int = 10,
                starts: Int = 5, rate: Double = 0.05) {
        self.kind = kind; self.budget = budget; self.rounds = rounds; self.elites = elites
        self.starts = starts; self.rate = rate
    }

    /// The first problem with these settings, or nil.
    public var problem: String? {
        if budget < 1 { return "the budget is the number of candidates, at least 1; got \(budget)" }
        if rounds < 1 || elites < 1 { return "rounds and elites must be at least 1" }
        if starts < 1 { return "the gradient planner needs at least 1 start; got \(starts)" }
        if !(rate > 0) || !rate.isFinite { return "the gradient planner's rate must be a positive number; got \(rate)" }
        return nil
    }

    /// Why this planner cannot search with `dynamics`, or nil: the gradient planner needs
    /// dynamics it can differentiate.
    public func problem(with dynamics: any ShotDynamics) -> String? {
        if let problem { return problem }
        if kind == .gradient && dynamics.differentiable == nil {
            let what = dynamics is SimulatorDynamics ? "the simulator (its collisions and wall bounces are events, not smooth in the shot)"
                                                     : dynamics.name
            return "the gradient planner differentiates the forecast through the model; \(what) is not differentiable: "
                + "plan with a trained model, or use planner=random or planner=cem"
        }
        return nil
    }

    /// Plans `episode` with `dynamics`: searches, then judges the choice with the episode's
    /// own task.
    public func plan(_ episode: ShotEpisode, with dynamics: any ShotDynamics) -> ShotPlan {
        plan(episode, with: dynamics, work: .unwatched)!
    }

    /// Plans `episode` with `dynamics`, told and asked as `search` tells and asks `work`; nil
    /// when it was cancelled.
    public func plan(_ episode: ShotEpisode, with dynamics: any ShotDynamics, work: LongWork) -> ShotPlan? {
        search(episode, with: dynamics, work: work)?.judged(on: episode)
    }

    /// Searches `episode`'s actions with `dynamics`: the candidates, their scores against the
    /// task's target, and the best; nil when `work` was cancelled. `work` is told the
    /// candidates forecast so far before each batch the dynamics forecasts (at most
    /// `batchLimit` candidates; a CEM round is one batch or more), and asked then whether to
    /// stop, and told once more at the end (`done == budget`). The search does not depend on
    /// where it is asked.
    public func search(_ episode: ShotEpisode, with dynamics: any ShotDynamics, work: LongWork = .unwatched) -> ShotSearch? {
        if let problem = problem(with: dynamics) { preconditionFailure(problem) }
        var rng = episode.generator
        let task = episode.task
        let clock = ContinuousClock()
        let started = clock.now
        var actions: [SIMD2<Double>] = [], scores: [Double] = [], ticks: [Int] = []
        var forecasts: [(first: Int, forecast: ShotForecast)] = []
        func record(_ part: [SIMD2<Double>], _ forecast: ShotForecast) {
            forecasts.append((actions.count, forecast))
            actions += part
            scores += ShotScore.scores(forecast, target: task.target)
            ticks += forecast.ticks
        }
        /// Forecasts `batch` in parts; false when `work` was cancelled before a part.
        func evaluate(_ batch: [SIMD2<Double>]) -> Bool {
            var offset = 0
            while offset < batch.count {
                if work.shouldStop(afterReporting: actions.count, of: budget) { return false }
                let part = Array(batch[offset..<min(offset + batchLimit, batch.count)])
                record(part, dynamics.forecast(episode, actions: part))
                offset += part.count
            }
            return true
        }
        switch kind {
        case .random:
            guard evaluate((0..<budget).map { _ in task.randomAction(using: &rng) }) else { return nil }
        case .cem:
            let population = max(1, budget / rounds)
            var mean = SIMD2<Double>.zero, spread = SIMD2<Double>.zero
            var round = 0
            while actions.count < budget {
                let size = min(population, budget - actions.count)
                let batch: [SIMD2<Double>] = (0..<size).map { _ in
                    if round == 0 { return task.randomAction(using: &rng) }
                    return task.clip(mean + spread * SIMD2(rng.normal(), rng.normal()))
                }
                let first = actions.count
                guard evaluate(batch) else { return nil }
                // The elites of this round set the next round's Gaussian (spread kept ≥ 0.02).
                let ranked = (first..<actions.count).sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
                let top = ranked.prefix(min(elites, ranked.count)).map { actions[$0] }
                mean = top.reduce(.zero, +) / Double(top.count)
                let variance = top.map { ($0 - mean) * ($0 - mean) }.reduce(.zero, +) / Double(top.count)
                spread = SIMD2(max(0.02, variance.x.squareRoot()), max(0.02, variance.y.squareRoot()))
                round += 1
            }
        case .gradient:
            guard descend(episode, with: dynamics.differentiable!, using: &rng, work: work, record: record) else { return nil }
        }
        work.report(done: actions.count, total: budget)
        // The best candidate seen after each candidate: the anytime choice at every budget.
        var bestSoFar: [Int] = []
        bestSoFar.reserveCapacity(actions.count)
        var best = 0
        for i in actions.indices {
            if scores[i] > scores[best] { best = i }
            bestSoFar.append(best)
        }
        let seconds = (clock.now - started).seconds

        let (at, forecast) = forecasts.last { $0.first <= best }!
        return ShotSearch(planner: self, dynamics: dynamics.name, actions: actions, scores: scores, bestSoFar: bestSoFar,
                          predicted: forecast.path(best - at),
                          predictedTargetFrame: ShotScore.firstFrameInTarget(forecast, candidate: best - at, of: task),
                          meanTicks: Double(ticks.reduce(0, +)) / Double(max(ticks.count, 1)),
                          chosenTickTimes: forecast.tickTimes[best - at], seconds: seconds)
    }
}

extension Duration {
    /// In seconds, as a Double.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
