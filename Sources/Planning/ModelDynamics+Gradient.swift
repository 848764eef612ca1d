import Learning
import Physics
import Tensor

extension ModelDynamics: DifferentiableShotDynamics {
    public var isDifferentiable: Bool { true }

    /// The candidates' forecasts through a rollout on the tape (`tapedRollout`): frames 0–3
    /// as `forecast` builds them, the actions (clipped) a leaf in frame 3's action columns.
    /// Every frame between ticks is decoded exactly (`forecast` estimates those far from the
    /// target on the piece's chord), so the two agree to rounding wherever the score can see.
    public func differentiableForecast(_ episode: ShotEpisode, actions: [SIMD2<Double>]) -> DifferentiableForecast {
        let task = episode.task
        let (batch, width, shown) = (actions.count, ShotRows.width, task.observedFrames)
        let positions = ShotRows.width - ShotRows.auxiliaryWidth
        let rows = episode.observedRows(action: .zero).map(Float.init)
        // [K, 2]: the leaf the gradients arrive at.
        let leaf = Tensor(shape: [batch, 2], scalars: actions.flatMap { a in
            let c = task.clip(a)
            return [Float(c.x), Float(c.y)]
        }).requiringGrad()
        // T frames of [K, 6]: the shown frames the same for every candidate; zeros later.
        var frames: [Tensor] = []
        for t in 0..<task.frames {
            guard t < shown else { frames.append(.zeros([batch, width])); continue }
            let row = Array(rows[(t * width)..<((t + 1) * width)])
            let shared = Tensor(shape: [batch, width], scalars: (0..<batch).flatMap { _ in row })
            frames.append(t == task.actionFrame
                          ? .concatenate([shared.slice(lastAxis: 0..<positions), leaf]) : shared)
        }
        let twin = gradientTwin
        let rollout = twin.tapedRollout(frames, options: RolloutOptions(burnIn: shown))
        let path = rollout.path(at: task.scoredFrames, columns: 0..<2)
        let forecast = ShotForecast(frames: task.scoredFrames, positions: path.values.map(Double.init),
                                    tickTimes: (0..<batch).map { b in rollout.ticks(of: b).dropFirst(shown).map { Double($0.time) } })
        return DifferentiableForecast(forecast: forecast) { upstream in
            path.backward(upstream.map(Float.init))
            let g = leaf.grad?.scalars ?? [Float](repeating: 0, count: 2 * batch)
            for p in twin.parameters { p.zeroGrad() }
            return (0..<batch).map { SIMD2(Double(g[2 * $0]), Double(g[2 * $0 + 1])) }
        }
    }
}
