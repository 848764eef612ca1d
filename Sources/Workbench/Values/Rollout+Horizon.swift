import Learning

extension Rollout {
    /// `predictedDts` (the Δt of each tick after the burn-in that the horizon needs, trajectory
    /// by trajectory), with the ticks to the horizon counted once. `predictedDts` recounts
    /// them for every trajectory, which is quadratic in the batch: 18 000 trajectories took
    /// minutes in a rollout's summary, where Ctrl-C is not polled. (Fix it in Learning when
    /// that code is quiet; then this can go.)
    var dtsToHorizon: [Float] {
        let ticks = ticksToHorizon
        return (0..<batch).flatMap { b in
            (max(0, options.burnIn - 1)..<ticks[b]).map { tickDts[$0 * batch + b] }
        }
    }
}
