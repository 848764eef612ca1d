/// Equal discs of one radius (unit masses) in the unit box, simulated exactly.
///
/// A value type: copy it to try alternatives (a planner does). `advance(by:)` runs the
/// event-driven kernel (`ExactDynamics`), so the result of advancing by `T` once equals, to
/// rounding, advancing by `T/2` twice; the step size only decides where you can look.
///
///     var world = BallSystem(radius: 0.1,
///                            positions: [[0.3, 0.5], [0.7, 0.5]],
///                            velocities: [[1, 0], [-1, 0]])
///     world.advance(by: 0.2)        // head-on: the balls swap velocities at t = 0.1
///     world.velocity(0)             // [-1, 0]
///
/// Coordinates: x and y both run over [0, 1]; a ball's centre stays in
/// `[radius, 1 − radius]²`. Picture conventions live with `DiscRenderer`.
public struct BallSystem: Sendable, Equatable {
    /// The radius of every ball.
    public let radius: Double
    /// `[balls, 4]`: `x, y, vx, vy` for each ball, in ball order.
    public private(set) var state: [Double]

    /// A system from a flat `[balls, 4]` state (`x, y, vx, vy` per ball).
    public init(radius: Double, state: [Double]) {
        precondition(radius > 0 && radius < 0.5, "radius \(radius) must be in (0, 0.5)")
        precondition(state.count % 4 == 0 && !state.isEmpty, "state needs 4 numbers a ball")
        self.radius = radius
        self.state = state
    }

    /// A system from positions and velocities, one of each a ball.
    public init(radius: Double, positions: [SIMD2<Double>], velocities: [SIMD2<Double>]) {
        precondition(positions.count == velocities.count, "one velocity a ball")
        var flat: [Double] = []
        flat.reserveCapacity(4 * positions.count)
        for (p, v) in zip(positions, velocities) { flat += [p.x, p.y, v.x, v.y] }
        self.init(radius: radius, state: flat)
    }

    /// The number of balls.
    public var count: Int { state.count / 4 }

    public func position(_ ball: Int) -> SIMD2<Double> {
        SIMD2(state[4 * ball], state[4 * ball + 1])
    }

    public func velocity(_ ball: Int) -> SIMD2<Double> {
        SIMD2(state[4 * ball + 2], state[4 * ball + 3])
    }

    /// Adds `change` to a ball's velocity (an impulse on a unit mass).
    public mutating func push(_ ball: Int, by change: SIMD2<Double>) {
        state[4 * ball + 2] += change.x
        state[4 * ball + 3] += change.y
    }

    /// Moves every ball forward by `duration`, resolving each wall and ball contact at its exact
    /// time. Returns the number of contacts resolved.
    @discardableResult
    public mutating func advance(by duration: Double) -> Int {
        precondition(duration >= 0, "cannot advance by a negative duration \(duration)")
        let balls = count, radius = self.radius
        return state.withUnsafeMutableBufferPointer { s in
            ExactDynamics.advance(s.baseAddress!, balls: balls, radius: radius, duration: duration)
        }
    }

    /// One simulation step of `duration` under `physics` (for `.exact`, the same as
    /// `advance(by:)`).
    public mutating func step(by duration: Double, physics: BallPhysics) {
        precondition(duration >= 0, "cannot step by a negative duration \(duration)")
        let balls = count, radius = self.radius
        state.withUnsafeMutableBufferPointer { s in
            physics.step(s.baseAddress!, balls: balls, radius: radius, duration: duration)
        }
    }

    /// `½ Σ |v|²` (unit masses).
    public var kineticEnergy: Double {
        (0..<count).reduce(0) { sum, i in
            let v = velocity(i)
            return sum + 0.5 * (v * v).sum()
        }
    }

    /// `Σ v` (unit masses).
    public var momentum: SIMD2<Double> {
        (0..<count).reduce(SIMD2<Double>.zero) { $0 + velocity($1) }
    }

    /// The smallest gap between two ball surfaces (negative when they overlap); `.infinity`
    /// for a single ball.
    public var smallestGap: Double {
        var gap = Double.infinity
        for i in 0..<count {
            for j in (i + 1)..<count {
                let d = position(j) - position(i)
                gap = min(gap, (d * d).sum().squareRoot() - 2 * radius)
            }
        }
        return gap
    }

    /// The smallest distance from a ball's surface to a wall (negative when a ball pokes
    /// through).
    public var smallestWallClearance: Double {
        var clearance = Double.infinity
        for i in 0..<count {
            let p = position(i)
            clearance = min(clearance, p.x - radius, p.y - radius, 1 - radius - p.x, 1 - radius - p.y)
        }
        return clearance
    }

    /// The same system with its balls listed in `order` (`order[k]` is the old index of the
    /// new ball `k`).
    public func reordered(_ order: [Int]) -> BallSystem {
        precondition(order.sorted() == Array(0..<count), "\(order) is not a permutation")
        var flat: [Double] = []
        flat.reserveCapacity(state.count)
        for old in order { flat += state[(4 * old)..<(4 * old + 4)] }
        return BallSystem(radius: radius, state: flat)
    }
}
