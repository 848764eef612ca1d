import Physics
import Tensor

/// Many seeded episodes planned with one dynamics: episode i has seed `seed + i`, so
/// `plan … seed=S+i` replays any one of them alone.
public struct PlanEvaluation: Sendable {
    public let firstSeed: UInt64
    /// The task every episode was planned on.
    public let task: ShotTask
    public let plans: [ShotPlan]

    /// Plans `episodes` episodes from `seed` on. `work` is told the episodes done before each
    /// episode and asked then whether to stop, and asked again between the candidate batches
    /// of an episode (a large budget, or CEM's rounds): the evaluation keeps the whole
    /// episodes done and drops the one it stopped in.
    public static func run(dynamics: any ShotDynamics, planner: ShotPlanner, seed: UInt64, episodes: Int,
                           task: ShotTask = ShotTask(), work: LongWork = .unwatched) -> PlanEvaluation {
        var plans: [ShotPlan] = []
        for i in 0..<episodes {
            if work.shouldStop(afterReporting: i, of: episodes) { break }
            // Not asked again before the first batch (just asked) nor after the last (done).
            var between = false
            let batches = LongWork(report: { done, _ in between = done > 0 && done < planner.budget },
                                   isCancelled: { between && work.isCancelled })
            guard let plan = planner.plan(ShotEpisode(seed: seed &+ UInt64(i), task: task), with: dynamics, work: batches) else { break }
            plans.append(plan)
        }
        return PlanEvaluation(firstSeed: seed, task: task, plans: plans)
    }

    public init(firstSeed: UInt64, task: ShotTask, plans: [ShotPlan]) {
        precondition(plans.allSatisfy { $0.task == task }, "an evaluation's episodes share one task")
        self.firstSeed = firstSeed; self.task = task; self.plans = plans
    }

    public var episodes: Int { plans.count }
    public var dynamics: String { plans.first?.dynamics ?? "" }
    public var budget: Int { plans.first?.candidates ?? 0 }

    /// The share of episodes whose chosen shot succeeds.
    public var successRate: Double { rate { $0.success } }
    /// The share that a uniformly random action solves (each episode's first candidate).
    public var randomRate: Double { rate { $0.successByBudget.first ?? false } }
    /// Success against budget: entry b − 1 is the rate with the best of the first b candidates.
    public var successByBudget: [Double] {
        (0..<budget).map { b in rate { $0.successByBudget[b] } }
    }
    public var meanSeconds: Double { mean { $0.seconds } }
    public var meanTicks: Double { mean { $0.meanTicks } }
    /// Candidates forecast per second of planning.
    public var candidatesPerSecond: Double {
        Double(plans.map(\.candidates).reduce(0, +)) / max(plans.map(\.seconds).reduce(0, +), 1e-12)
    }

    private func rate(_ solved: (ShotPlan) -> Bool) -> Double {
        plans.isEmpty ? 0 : Double(plans.filter(solved).count) / Double(plans.count)
    }

    private func mean(_ value: (ShotPlan) -> Double) -> Double {
        plans.isEmpty ? 0 : plans.map(value).reduce(0, +) / Double(plans.count)
    }

    /// One row per episode, `[episodes, 12]`: the state at frame 3 before the shot (object ball
    /// x, y, vx, vy, then cue ball x, y, vx, vy), the applied action (2), success as judged by
    /// the simulator (0 or 1), and the first frame at which the object ball is in the target
    /// after the shot (−1 if never). Anyone can re-simulate a row and check its success.
    public var rows: [Double] {
        plans.flatMap { plan in
            plan.startOfShot + [plan.action.x, plan.action.y, plan.success ? 1 : 0,
                                Double(plan.outcome.targetFrame ?? -1)]
        }
    }
    public static let rowWidth = 12
}
