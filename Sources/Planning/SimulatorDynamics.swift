import Physics

/// The task's own simulator as a model of the table (its `physics`): it knows the true state at
/// frame 3 (velocities included), so its forecasts are the outcomes themselves. The upper
/// bound for any model.
public struct SimulatorDynamics: ShotDynamics {
    public let name = "sim"

    public init() {}

    public func forecast(_ episode: ShotEpisode, actions: [SIMD2<Double>]) -> ShotForecast {
        let frames = episode.task.scoredFrames
        var positions: [Double] = []
        positions.reserveCapacity(actions.count * frames.count * 2)
        for action in actions {
            let outcome = episode.play(action)
            for f in frames {
                let p = outcome.position(ball: ShotTask.objectBall, frame: f)
                positions += [p.x, p.y]
            }
        }
        return ShotForecast(frames: frames, positions: positions,
                            tickTimes: [[Double]](repeating: frames.map(Double.init), count: actions.count))
    }
}
