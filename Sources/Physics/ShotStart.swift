import Tensor

/// How the balls of a shot-task episode start (`start=` in the workbench): the environment's
/// history in greydanus/billiards `simulate.py`, `Billiards.reset`.
///
/// - `moving`: velocity components `0.75 · N(0, 1)` clipped to ±1.2 (its last commit, 1bc6406).
/// - `rest`: both balls at rest until the shot, the task the blog planned on (its videos show
///   the object ball still until the cue ball hits it). `plan`'s default.
/// - `mixed`: b829b2b's reset (2020-11-09 until the day after the blog): both balls at rest
///   with probability 0.2, else moving. The data the blog's models were trained on, and
///   `dataset shots`' default.
///
/// The draws, fixed because datasets and episodes depend on them: positions and velocities
/// exactly as for `moving` (so the three starts of one seed put the balls in the same places,
/// and a planner's candidates, drawn next, are the same); then `mixed` alone draws one uniform,
/// at rest when it is below 0.2; `rest` sets the velocities to zero without a draw.
public enum ShotStart: String, CaseIterable, Sendable, CustomStringConvertible {
    case moving, rest, mixed

    /// The share of `mixed` starts with both balls at rest.
    public static let mixedRestShare = 0.2

    public var description: String { rawValue }

    /// A phrase for `show`.
    public var explanation: String {
        switch self {
        case .moving: return "moving (velocity components 0.75·N(0, 1) clipped to ±1.2)"
        case .rest: return "rest (both balls at rest until the shot)"
        case .mixed: return "mixed (both balls at rest in 20% of starts, else moving)"
        }
    }

    /// Whether a start drawn from `rng` (positions and velocities already drawn) has its
    /// balls at rest; `mixed` draws its coin here.
    func isAtRest(using rng: inout SeededGenerator) -> Bool {
        switch self {
        case .moving: return false
        case .rest: return true
        case .mixed: return rng.uniform() < Self.mixedRestShare
        }
    }
}

extension BallSystem {
    /// The same balls in the same places, every one at rest.
    public var atRest: BallSystem {
        var flat = state
        for i in 0..<count { flat[4 * i + 2] = 0; flat[4 * i + 3] = 0 }
        return BallSystem(radius: radius, state: flat)
    }
}
