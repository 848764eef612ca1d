import Tensor

/// One episode of the shot task: its seed, its start, and the frames seen before the shot.
public struct ShotEpisode: Sendable, Equatable {
    public let seed: UInt64
    public let task: ShotTask
    /// The state at frame 0.
    public let start: BallSystem
    /// `[observedFrames, 2, 4]`: frames 0...actionFrame (object ball, then cue ball; `x, y,
    /// vx, vy`), which do not depend on the action.
    public let observed: [Double]

    /// The generator as the start left it: a planner draws its candidate actions from it, so
    /// an episode's seed fixes its candidates too (as a dataset trajectory's generator draws
    /// its start, then its action).
    public let generator: SeededGenerator

    /// The episode whose start is drawn from `SeededGenerator(seed: seed)`.
    public init(seed: UInt64, task: ShotTask = ShotTask()) {
        var rng = SeededGenerator(seed: seed)
        self.seed = seed
        self.task = task
        self.start = task.start(using: &rng)
        self.generator = rng
        self.observed = Array(task.play(from: start, action: .zero).states.prefix(8 * task.observedFrames))
    }

    /// Frames 0...actionFrame as the models see them (`ShotRows`), with `action` (clipped)
    /// in the action frame's row: `[observedFrames · 6]`.
    public func observedRows(action: SIMD2<Double>) -> [Double] {
        ShotRows.rows(states: observed, frames: task.observedFrames, action: task.clip(action))
    }

    /// Plays the shot with `action` (clipped to ±actionLimit). Pure: call it with as many
    /// candidate actions as a planner likes.
    public func play(_ action: SIMD2<Double>) -> ShotOutcome {
        task.play(from: start, action: action)
    }
}

/// The shot task as an environment: `reset(seed:)` starts a reproducible episode,
/// `step(action:)` takes the shot and reports the frames and whether (and when) the object
/// ball reached the target.
///
///     var env = ShotEnvironment()
///     let episode = env.reset(seed: 7)     // episode.observed: frames 0...3
///     let outcome = env.step(action: [0.5, -0.3])
///     outcome.hit, outcome.targetFrame
public struct ShotEnvironment: Sendable {
    public let task: ShotTask
    public private(set) var episode: ShotEpisode?

    public init(task: ShotTask = ShotTask()) {
        self.task = task
    }

    /// Starts the episode fixed by `seed`.
    @discardableResult
    public mutating func reset(seed: UInt64) -> ShotEpisode {
        let episode = ShotEpisode(seed: seed, task: task)
        self.episode = episode
        return episode
    }

    /// Applies `action` after the observed frames and simulates the rest of the episode.
    /// Does not change the environment, so the same episode can be replayed with other actions.
    public func step(action: SIMD2<Double>) -> ShotOutcome {
        guard let episode else { preconditionFailure("call reset(seed:) before step(action:)") }
        return episode.play(action)
    }
}
