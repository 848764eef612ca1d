import Physics

/// One episode planned: the chosen shot, what the dynamics predicted for it, what the exact
/// simulator says happens, and what the planning cost.
public struct ShotPlan: Sendable {
    /// The episode's seed (`ShotEpisode(seed:task:)` rebuilds it).
    public let seed: UInt64
    /// The task it was planned on: how the balls start, and the law that plays the shot.
    public let task: ShotTask
    /// `sim`, `rnn`, `jumpy` or `odernn`.
    public let dynamics: String
    public let planner: ShotPlanner
    /// The chosen impulse, as applied (clipped).
    public let action: SIMD2<Double>
    /// Its score under the dynamics (`ShotScore`).
    public let score: Double
    /// The object ball's predicted centre at each scored frame (4 to the last).
    public let predicted: [SIMD2<Double>]
    public let predictedTargetFrame: Int?
    /// The chosen shot played by the task's simulator: success is judged here.
    public let outcome: ShotOutcome
    /// `[2, 4]`: x, y, vx, vy of the object ball, then the cue ball, at frame 3 (before the shot).
    public let startOfShot: [Double]
    /// Ticks per candidate forecast after the frames shown (mean over candidates), and when
    /// the chosen candidate's forecast ticked (in frames).
    public let meanTicks: Double
    public let chosenTickTimes: [Double]
    /// Wall time of the search: forecasts, scores and choice (not the judging simulation).
    public let seconds: Double
    /// Whether the best candidate among the first b succeeds, for b = 1 … budget.
    public let successByBudget: [Bool]

    public var success: Bool { outcome.hit }
    public var chosenTicks: Int { chosenTickTimes.count }
    public var candidates: Int { successByBudget.count }
}
