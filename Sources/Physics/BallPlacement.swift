import Foundation
import Tensor

/// How a random start draws the balls' velocities.
public enum InitialVelocity: Sendable, Equatable {
    /// Speed 1 in a uniformly random direction (2-D) or straight up or down (1-D), as the
    /// piecewise_node billiards worlds start (their `randn` then normalise has the same law).
    case unitSpeed
    /// Each component `scale · N(0, 1)` clipped to `±limit`, as the shot task starts
    /// (greydanus/billiards: `(.4 * randn).clip(-.6, .6)`).
    case clippedNormal(scale: Double, limit: Double)
}

extension BallSystem {
    /// A random start: centres uniform in `[radius, 1 − radius]²` (1-D: x fixed at 0.5),
    /// redrawn — positions and velocities together, as the reference does — until no two balls
    /// overlap.
    ///
    /// Draw order, fixed because datasets depend on it: for each ball `x` (2-D only) then `y`;
    /// then for each ball its velocity (1-D unit speed: one uniform for the sign; 2-D unit
    /// speed: one uniform for the angle; clipped normal: `vx` (2-D only) then `vy`).
    ///
    /// The caller keeps `radius` small enough for a start to exist (`DatasetOptions` checks);
    /// the draw gives up with a precondition failure after a million rejections.
    public static func random(balls: Int, radius: Double, oneDimensional: Bool,
                              velocity: InitialVelocity,
                              using rng: inout SeededGenerator) -> BallSystem {
        precondition(balls >= 1, "need at least one ball")
        var state = [Double](repeating: 0, count: 4 * balls)
        for _ in 0..<1_000_000 {
            for i in 0..<balls {
                state[4 * i] = oneDimensional ? 0.5 : rng.uniform(radius, 1 - radius)
                state[4 * i + 1] = rng.uniform(radius, 1 - radius)
            }
            for i in 0..<balls {
                var vx = 0.0, vy = 0.0
                switch velocity {
                case .unitSpeed:
                    if oneDimensional {
                        vy = rng.uniform() < 0.5 ? -1 : 1
                    } else {
                        let angle = 2 * Double.pi * rng.uniform()
                        vx = PortableMath.cos(angle)
                        vy = PortableMath.sin(angle)
                    }
                case let .clippedNormal(scale, limit):
                    if !oneDimensional { vx = min(max(scale * rng.normal(), -limit), limit) }
                    vy = min(max(scale * rng.normal(), -limit), limit)
                }
                state[4 * i + 2] = vx
                state[4 * i + 3] = vy
            }
            if noOverlap(state, balls: balls, radius: radius) {
                return BallSystem(radius: radius, state: state)
            }
        }
        preconditionFailure("no room for \(balls) balls of radius \(radius) after 10⁶ draws")
    }

    static func noOverlap(_ state: [Double], balls: Int, radius: Double) -> Bool {
        let contact2 = 4 * radius * radius
        for i in 0..<balls {
            for j in (i + 1)..<balls {
                let dx = state[4 * j] - state[4 * i], dy = state[4 * j + 1] - state[4 * i + 1]
                if dx * dx + dy * dy < contact2 { return false }
            }
        }
        return true
    }
}
