import Tensor

/// The billiards shot task (greydanus/billiards simulate.py, dataset.py): hit the cue ball at
/// frame 3 so that the object ball reaches the target corner.
///
/// Decisions, where the reference is loose or where we differ:
/// - Two balls of radius 0.1: ball 0 is the object ball, ball 1 the cue ball. Starts are
///   uniform non-overlapping positions with velocity components `0.4 · N(0, 1)` clipped to
///   ±0.6 (`InitialVelocity.clippedNormal`).
/// - Frames: frame 0 is the start itself (the reference's first frame is already one env step
///   later; a shift of the start, not of the law). Between frames, `stepsPerFrame` = 5 steps of
///   0.02 (the reference's `simulate_balls(num_steps=5)` actually runs 4; we follow the
///   stated 5 × 0.02 = 0.1 time units a frame). Walls are the unit box; physics is exact.
/// - The action is an impulse added to the cue ball's velocity right after frame 3 is
///   observed, clipped to ±0.75 per axis (the reference's `tau`). Frame 3 shows the velocity
///   before the impulse; frame 4 is the first to feel it.
/// - The target test is the reference's: object ball centre with x > 0.8 and y < 0.2, checked
///   at every frame (frame resolution, as the reference's env steps; a model that predicts
///   frames can be scored the same way). `targetFrame` is the first such frame, which may
///   precede the shot if the object ball starts there.
/// - Random actions for the dataset are uniform in [−1.5, 1.5]² and then clipped, as the
///   reference draws them; unlike the reference, the dataset stores the clipped (applied)
///   action, since that is what moved the ball.
public struct ShotTask: Sendable, Equatable {
    public static let objectBall = 0
    public static let cueBall = 1

    public var radius = 0.1
    public var frames = 45
    public var stepsPerFrame = 5
    public var stepDuration = 0.02
    /// The frame after which the impulse is applied.
    public var actionFrame = 3
    /// Each action component is clipped to ±actionLimit.
    public var actionLimit = 0.75
    /// Random actions are drawn uniform in ±actionDrawLimit (then clipped).
    public var actionDrawLimit = 1.5
    public var initialVelocity = InitialVelocity.clippedNormal(scale: 0.4, limit: 0.6)

    public init() {}

    /// Frames a planner sees before choosing the action: 0...actionFrame.
    public var observedFrames: Int { actionFrame + 1 }

    /// Whether a ball centred at `p` is in the target region (x > 0.8 and y < 0.2).
    public func isInTarget(_ p: SIMD2<Double>) -> Bool { p.x > 0.8 && p.y < 0.2 }

    /// The action as applied: each component clipped to ±actionLimit.
    public func clip(_ action: SIMD2<Double>) -> SIMD2<Double> {
        action.clamped(lowerBound: SIMD2(repeating: -actionLimit), upperBound: SIMD2(repeating: actionLimit))
    }

    /// A random start (object ball first, then cue ball).
    public func start(using rng: inout SeededGenerator) -> BallSystem {
        BallSystem.random(balls: 2, radius: radius, oneDimensional: false,
                          velocity: initialVelocity, using: &rng)
    }

    /// A random action as the dataset draws it: uniform in ±actionDrawLimit per axis (x then
    /// y), then clipped.
    public func randomAction(using rng: inout SeededGenerator) -> SIMD2<Double> {
        let x = rng.uniform(-actionDrawLimit, actionDrawLimit)
        let y = rng.uniform(-actionDrawLimit, actionDrawLimit)
        return clip(SIMD2(x, y))
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
    /// Returns the first frame with the object ball in the target, if any.
    func play(from start: BallSystem, action: SIMD2<Double>, into out: UnsafeMutablePointer<Double>) -> Int? {
        precondition(start.count == 2, "the shot task has two balls")
        start.state.withUnsafeBufferPointer { out.update(from: $0.baseAddress!, count: 8) }
        var hit: Int? = isInTarget(start.position(Self.objectBall)) ? 0 : nil
        for frame in 1..<max(frames, 1) {
            let current = out + 8 * frame
            current.update(from: current - 8, count: 8)
            if frame - 1 == actionFrame {
                current[4 * Self.cueBall + 2] += action.x
                current[4 * Self.cueBall + 3] += action.y
            }
            for _ in 0..<stepsPerFrame {
                ExactDynamics.advance(current, balls: 2, radius: radius, duration: stepDuration)
            }
            if hit == nil, isInTarget(SIMD2(current[0], current[1])) { hit = frame }
        }
        return hit
    }
}

/// One played shot: every frame, the action as applied, and when the object ball first
/// reached the target.
public struct ShotOutcome: Sendable, Equatable {
    /// The impulse given to the cue ball after the action frame (already clipped).
    public let action: SIMD2<Double>
    /// `[frames, 2, 4]`: `x, y, vx, vy` of the object ball, then of the cue ball.
    public let states: [Double]
    public let frames: Int
    /// The first frame at which the object ball is in the target region, if any.
    public let targetFrame: Int?

    /// Whether the object ball reached the target at some frame.
    public var hit: Bool { targetFrame != nil }

    public func position(ball: Int, frame: Int) -> SIMD2<Double> {
        SIMD2(states[8 * frame + 4 * ball], states[8 * frame + 4 * ball + 1])
    }

    public func velocity(ball: Int, frame: Int) -> SIMD2<Double> {
        SIMD2(states[8 * frame + 4 * ball + 2], states[8 * frame + 4 * ball + 3])
    }
}
