import Physics
import Tensor

extension ShotPlanner {
    /// The gradient planner: `starts` uniform actions (the first `starts` candidates random
    /// shooting would draw), each descended with Adam on `ShotCost` through `dynamics`.
    ///
    /// Budget: one candidate is one forecast of one action with its gradient, so step s of
    /// start j is candidate s·starts + j and a budget of 250 with 5 starts is 50 steps of each.
    /// All starts step together (one batch, one backward pass); the step that would pass the
    /// budget counts only its first starts, and the last step takes no gradient. Nothing
    /// depends on the budget but where it stops, so a smaller budget's plan is a prefix of a
    /// larger one's, and `successByBudget` is exactly what each smaller budget would choose.
    ///
    /// Adam (β₁ 0.9, β₂ 0.999, ε 1e-8) moves each action by about `rate` a step; after each
    /// step the action is clipped to the box the task applies (±`actionLimit`), so the
    /// iterate is always the action played.
    /// False when `work` was cancelled before a step.
    func descend(_ episode: ShotEpisode, with dynamics: any DifferentiableShotDynamics,
                 using rng: inout SeededGenerator, work: LongWork,
                 record: ([SIMD2<Double>], ShotForecast) -> Void) -> Bool {
        let task = episode.task
        var x = (0..<starts).map { _ in task.randomAction(using: &rng) }
        var m = [SIMD2<Double>](repeating: .zero, count: starts), v = m
        let (beta1, beta2, epsilon) = (0.9, 0.999, 1e-8)
        var (power1, power2) = (1.0, 1.0)     // β₁ᵗ and β₂ᵗ, by products (no pow: the same bits everywhere)
        var spent = 0
        while true {
            if work.shouldStop(afterReporting: spent, of: budget) { return false }
            let counted = min(starts, budget - spent)
            let taped = dynamics.differentiableForecast(episode, actions: x)
            record(Array(x.prefix(counted)), taped.forecast.prefix(counted))
            spent += counted
            if spent == budget { return true }
            let gradients = taped.pullback(ShotCost.positionGradients(taped.forecast, target: task.target))
            power1 *= beta1
            power2 *= beta2
            for j in 0..<starts {
                var g = gradients[j]
                if !(g.x.isFinite && g.y.isFinite) { g = .zero }      // an untrained model's
                m[j] = beta1 * m[j] + (1 - beta1) * g
                v[j] = beta2 * v[j] + (1 - beta2) * g * g
                let mHat = m[j] / (1 - power1), vHat = v[j] / (1 - power2)
                x[j] = task.clip(x[j] - rate * mHat / (vHat.squareRoot() + epsilon))
            }
        }
    }
}
