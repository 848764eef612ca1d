import Tensor

/// The billiards worlds of the paper (piecewise_node billiards.py): balls of radius 0.1 in the
/// unit box starting at unit speed, simulated with steps of 0.01 and recorded every 5th step.
/// `physics` is the law of those steps: exact by default, or the reference's fixed steps
/// (piecewise_node's `simulate_balls` is greydanus/billiards' own).
///
/// Timing: the reference keeps 225 states (the start and 224 steps) and subsamples every 5th,
/// so its 45 frames are the states after 0, 5, …, 220 steps. We simulate exactly those 220
/// steps: frame `k` is the state at time `k · 5 · 0.01`.
public struct BilliardsWorld: Sendable, Equatable {
    public var balls: Int
    public var radius: Double
    /// 1-D: every ball sits at x = 0.5 and moves vertically.
    public var oneDimensional: Bool
    public var frames: Int
    public var stepsPerFrame: Int
    public var stepDuration: Double
    public var physics: BallPhysics

    public init(balls: Int = 2, radius: Double = 0.1, oneDimensional: Bool = false,
                frames: Int = 45, stepsPerFrame: Int = 5, stepDuration: Double = 0.01,
                physics: BallPhysics = .exact) {
        self.balls = balls
        self.radius = radius
        self.oneDimensional = oneDimensional
        self.frames = frames
        self.stepsPerFrame = stepsPerFrame
        self.stepDuration = stepDuration
        self.physics = physics
    }

    /// Doubles one recorded trajectory takes: `[frames, balls, 4]`.
    public var trajectoryCount: Int { frames * balls * 4 }

    /// A random start (unit speeds, no overlap).
    public func start(using rng: inout SeededGenerator) -> BallSystem {
        BallSystem.random(balls: balls, radius: radius, oneDimensional: oneDimensional,
                          velocity: .unitSpeed, using: &rng)
    }

    /// Simulates from `start`, writing every frame's state into `out`.
    ///
    /// - Parameter out: `[frames, balls, 4]` doubles (`x, y, vx, vy` per ball), frame 0 being
    ///   `start` itself. No allocation happens here: the hot loop runs on `out` in place.
    public func record(from start: BallSystem, into out: UnsafeMutableBufferPointer<Double>) {
        precondition(start.count == balls && out.count >= trajectoryCount, "buffer too small")
        let width = 4 * balls
        start.state.withUnsafeBufferPointer { out.baseAddress!.update(from: $0.baseAddress!, count: width) }
        let s = out.baseAddress!
        for frame in 1..<max(frames, 1) {
            let current = s + frame * width
            current.update(from: current - width, count: width)
            for _ in 0..<stepsPerFrame {
                physics.step(current, balls: balls, radius: radius, duration: stepDuration)
            }
        }
    }

    /// Simulates from `start`, calling `observe` after every simulation step (step 0 is the
    /// start). For tests that check invariants at every step, not only at recorded frames.
    public func forEachStep(from start: BallSystem, _ observe: (Int, BallSystem) -> Void) {
        var system = start
        observe(0, system)
        for step in 1...max((frames - 1) * stepsPerFrame, 1) {
            system.step(by: stepDuration, physics: physics)
            observe(step, system)
        }
    }
}
