import Physics

/// What a planner's search found for one episode, before anyone plays it: every candidate in
/// the order it was tried, its score under the dynamics, and the choice at every budget.
public struct ShotSearch: Sendable {
    public let planner: ShotPlanner
    /// `sim`, or the model's kind.
    public let dynamics: String
    /// The candidates (as drawn; the task clips them when it plays them) and their scores.
    public let actions: [SIMD2<Double>]
    public let scores: [Double]
    /// The best candidate among the first b + 1, for every b: the anytime choice.
    public let bestSoFar: [Int]
    /// The chosen candidate's forecast: the object ball at each scored frame, and its first
    /// frame in the target.
    public let predicted: [SIMD2<Double>]
    public let predictedTargetFrame: Int?
    /// Ticks per candidate forecast (mean), and when the chosen one's forecast ticked.
    public let meanTicks: Double
    public let chosenTickTimes: [Double]
    /// Wall time of the search: forecasts, scores and choice.
    public let seconds: Double

    /// The chosen candidate: the best of the whole budget.
    public var chosen: Int { bestSoFar.last! }

    /// The judge: the chosen shot, and every smaller budget's choice, played by `episode`'s
    /// own task (its law and its target), which says whether each succeeds.
    public func judged(on episode: ShotEpisode) -> ShotPlan {
        let best = chosen
        let outcome = episode.play(actions[best])
        // Each distinct anytime choice is played once.
        var judged: [Int: Bool] = [best: outcome.hit]
        let successByBudget = bestSoFar.map { index in
            if let known = judged[index] { return known }
            let hit = episode.play(actions[index]).hit
            judged[index] = hit
            return hit
        }
        return ShotPlan(seed: episode.seed, task: episode.task, dynamics: dynamics, planner: planner,
                        action: episode.task.clip(actions[best]), score: scores[best],
                        predicted: predicted, predictedTargetFrame: predictedTargetFrame,
                        outcome: outcome, startOfShot: Array(episode.observed.suffix(8)),
                        meanTicks: meanTicks, chosenTickTimes: chosenTickTimes, seconds: seconds,
                        successByBudget: successByBudget)
    }
}
