import Tensor

/// The billiards shot task (greydanus/billiards, `simulate.py` and `dataset.py`): hit the cue
/// ball at frame 3 so that the object ball reaches the target corner.
///
/// The reference's constants, and where jumpy differs (see docs/decisions.md, "Planning"):
/// - Two balls of radius 0.1: ball 0 is the object ball, ball 1 the cue ball. Positions are
///   uniform without overlap; how the balls move before the shot is `start` (`ShotStart`): at
///   rest by default, the task the blog planned on.
/// - One frame is 0.04 time units: the reference's `simulate_balls(num_steps=5)` runs 4 steps
///   of 0.01. `physics` (`BallPhysics`) is the law of those steps: the reference's own by
///   default, or jumpy's exact event-driven one.
/// - Frame 0 is the start itself (the reference's first frame is already one step later: a
///   shift of the start, not of the law).
/// - The action is an impulse added to the cue ball's velocity right after frame 3 is
///   observed: clipped to ±1.2 per axis, then the cue ball's velocity is clipped to ±1.8 per
///   axis. Frame 3 shows the velocity before the impulse; frame 4 is the first to feel it.
///   (The reference skips actions whose components sum to exactly 0; jumpy applies every
///   action, a measure-zero difference.)
/// - The target is the reference's (`ShotTarget.reference`: object ball centre with x > 0.8
///   and y < 0.2). A shot
///   succeeds when the object ball is in the target at some frame from 4 (the first frame that
///   feels the shot) to the last.
public struct ShotTask: Sendable, Equatable {
    public static let objectBall = 0
    public static let cueBall = 1

    public var radius = 0.1
    public var frames = 45
    public var stepsPerFrame = 4
    public var stepDuration = 0.01
    /// The frame after which the impulse is applied.
    public var actionFrame = 3
    /// Each action component is clipped to ±actionLimit.
    public var actionLimit = 1.2
    /// After the impulse each component of the cue ball's velocity is clipped to ±cueSpeedLimit.
    public var cueSpeedLimit = 1.8
    /// The velocities of a `moving` start (and of `mixed` starts not at rest).
    public var initialVelocity = InitialVelocity.clippedNormal(scale: 0.75, limit: 1.2)
    /// How the balls start: both at rest (the blog's planning task), moving, or a mix.
    public var start: ShotStart
    /// The law of the simulation steps.
    public var physics: BallPhysics

    public init(start: ShotStart = .rest, physics: BallPhysics = .reference) {
        self.start = start
        self.physics = physics
    }

    /// Frames a planner sees before choosing the action: 0...actionFrame.
    public var observedFrames: Int { actionFrame + 1 }

    /// The frames a shot can succeed in: from the first that feels the action to the last.
    public var scoredFrames: ClosedRange<Int> { (actionFrame + 1)...(frames - 1) }

    /// The corner the object ball must reach.
    public var target = ShotTarget.reference

    /// Whether a ball centred at `p` is in the target region.
    public func isInTarget(_ p: SIMD2<Double>) -> Bool { target.contains(p) }

    /// The action as applied: each component clipped to ±actionLimit.
    public func clip(_ action: SIMD2<Double>) -> SIMD2<Double> {
        action.clamped(lowerBound: SIMD2(repeating: -actionLimit), upperBound: SIMD2(repeating: actionLimit))
    }

    /// A random start (object ball first, then cue ball), as `start` says (see `ShotStart` for
    /// the draws).
    public func start(using rng: inout SeededGenerator) -> BallSystem {
        let drawn = BallSystem.random(balls: 2, radius: radius, oneDimensional: false,
                                      velocity: initialVelocity, using: &rng)
        return start.isAtRest(using: &rng) ? drawn.atRest : drawn
    }

    /// A random action as the dataset (and a planner's candidates) draw it: uniform in
    /// ±actionLimit per axis, x then y.
    public func randomAction(using rng: inout SeededGenerator) -> SIMD2<Double> {
        SIMD2(rng.uniform(-actionLimit, actionLimit), rng.uniform(-actionLimit, actionLimit))
    }

    /// Plays the whole episode from `start` with `action`.
    public func play(from start: BallSystem, action: SIMD2<Double>) -> ShotOutcome {
        var states = [Double](repeating: 0, count: frames * 8)
        let applied = clip(action)
        let hit = states.withUnsafeMutableBufferPointer {
            play(from: start, action: applied, into: $0.baseAddress!)
        }
        return ShotOutcome(action: applied, states: states, frames: frames, targetFrame: hit)
    }

    /// Plays `frames` frames into `out` (`[frames, 2, 4]`: `x, y, vx, vy` of the object ball,
    /// then of the cue ball), applying `action` (already clipped) after `actionFrame`.
    /// Returns the first scored frame with the object ball in the target, if any.
    func play(from start: BallSystem, action: SIMD2<Double>, into out: UnsafeMutablePointer<Double>) -> Int? {
        precondition(start.count == 2, "the shot task has two balls")
        start.state.withUnsafeBufferPointer { out.update(from: $0.baseAddress!, count: 8) }
        var hit: Int?
        let (vx, vy) = (4 * Self.cueBall + 2, 4 * Self.cueBall + 3)
        for frame in 1..<max(frames, 1) {
            let current = out + 8 * frame
            current.update(from: current - 8, count: 8)
            if frame - 1 == actionFrame {
                current[vx] = min(max(current[vx] + action.x, -cueSpeedLimit), cueSpeedLimit)
                current[vy] = min(max(current[vy] + action.y, -cueSpeedLimit), cueSpeedLimit)
            }
            for _ in 0..<stepsPerFrame {
                physics.step(current, balls: 2, radius: radius, duration: stepDuration)
            }
            if hit == nil, frame > actionFrame, isInTarget(SIMD2(current[0], current[1])) { hit = frame }
        }
        return hit
    }
}

/// One played shot: every frame, the action as applied, and when the object ball first
/// reached the target after the shot.
public struct ShotOutcome: Sendable, Equatable {
    /// The impulse given to the cue ball after the action frame (already clipped).
    public let action: SIMD2<Double>
    /// `[frames, 2, 4]`: `x, y, vx, vy` of the object ball, then of the cue ball.
    public let states: [Double]
    public let frames: Int
    /// The first frame after the action frame at which the object ball is in the target
    /// region, if any.
    public let targetFrame: Int?

    /// Whether the shot succeeded: the object ball reached the target after the shot.
    public var hit: Bool { targetFrame != nil }

    public func position(ball: Int, frame: Int) -> SIMD2<Double> {
        SIMD2(states[8 * frame + 4 * ball], states[8 * frame + 4 * ball + 1])
    }

    public func velocity(ball: Int, frame: Int) -> SIMD2<Double> {
        SIMD2(states[8 * frame + 4 * ball + 2], states[8 * frame + 4 * ball + 3])
    }

    /// The frames as the shots dataset stores them (`ShotRows`), `[frames · 6]`.
    public var rows: [Double] { ShotRows.rows(states: states, frames: frames, action: action) }
}
