/// Which law moves the balls of a billiards world or of the shot task (`physics=` in the
/// workbench).
///
/// - `exact`: `ExactDynamics`, event-driven: every wall and ball contact resolved at its exact
///   time, energy and momentum kept, no overlap. The default of billiards1d/2d and the pixel
///   worlds.
/// - `reference`: `ReferenceDynamics`, greydanus/billiards' fixed steps of 0.01 (balls overlap
///   for a step at a contact and are turned, not separated). The default of the shot task: the
///   blog's data, planner and judge all used it, and a planned shot that grazes the target can
///   succeed in one law and fail in the other.
public enum BallPhysics: String, CaseIterable, Sendable, CustomStringConvertible {
    case exact, reference

    public var description: String { rawValue }

    /// A phrase for `show`: the law and where it comes from.
    public var explanation: String {
        switch self {
        case .exact: return "exact (event-driven: every contact at its exact time)"
        case .reference: return "reference (greydanus/billiards' simulate_balls: fixed steps of 0.01)"
        }
    }

    /// Advances `balls` discs of `radius` by one simulation step of `duration`, in place.
    /// Exact: any split of a duration into steps gives the same path (to rounding). Reference:
    /// the step is the law's, so only the reference's own step (0.01) reproduces it.
    ///
    /// - Parameter s: `[balls, 4]` doubles, `x, y, vx, vy` per ball.
    @inline(__always)
    func step(_ s: UnsafeMutablePointer<Double>, balls: Int, radius: Double, duration: Double) {
        switch self {
        case .exact: ExactDynamics.advance(s, balls: balls, radius: radius, duration: duration)
        case .reference: ReferenceDynamics.step(s, balls: balls, radius: radius, dt: duration)
        }
    }
}
