/// Options a world refuses: each message names the option and what it accepts, so the
/// workbench can print it as is under the offending argument. (Names and words are the
/// workbench's to check: it builds `DatasetOptions` typed, and suggests the nearest name.)
public enum PhysicsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The world takes no option of this name (`radius` or `balls` outside the ball worlds).
    case unknownOption(name: String, world: String, accepted: [String])
    /// An option other worlds take, but not this one (`start` outside shots, `physics` without
    /// balls): `reason` says why, `worlds` lists the worlds that take it.
    case inapplicableOption(name: String, world: String, reason: String, worlds: [String])
    /// A value outside the accepted range; `accepted` reads like "an integer in 1...1000000".
    case outOfRange(option: String, value: String, accepted: String)
    /// The dataset would hold more scalars than `DatasetOptions.scalarLimit`.
    case tooLarge(world: String, n: Int, scalars: Int, limit: Int, largestN: Int)
    /// The balls do not fit in the unit box (with room to place them at random).
    case radiusTooLarge(radius: Double, balls: Int, dimensions: Int, largest: Double)
    /// `n` and `split` leave the train or the test part empty.
    case emptySplit(n: Int, split: Double, train: Int, test: Int)
    /// Generation was asked to stop (Ctrl-C) before it finished.
    case interrupted

    public var description: String {
        switch self {
        case .interrupted:
            return "interrupted: the dataset was not finished, so nothing was bound"
        case let .unknownOption(name, world, accepted):
            return "\(world) has no option '\(name)' (options: \(accepted.joined(separator: ", ")))"
        case let .inapplicableOption(name, world, reason, worlds):
            return "\(world) has no option '\(name)': \(reason) (\(name) applies to \(worlds.joined(separator: ", ")))"
        case let .outOfRange(option, value, accepted):
            return "\(option) = \(value) is out of range: \(option) must be \(accepted)"
        case let .tooLarge(world, n, scalars, limit, largestN):
            return "n = \(n) is too large for \(world): \(scalars) scalars exceed the cap of "
                + "\(limit) (\(limit / (1 << 28)) GiB of Float32); n must be in 1...\(largestN)"
        case let .radiusTooLarge(radius, balls, dimensions, largest):
            return "radius = \(DatasetOptions.text(radius)) leaves no room for \(balls) balls in the \(dimensions)-D unit box: "
                + "radius must be in (0, \(DatasetOptions.text(largest))] for \(balls) balls"
        case let .emptySplit(n, split, train, test):
            return "split = \(split) with n = \(n) gives \(train) train and \(test) test trajectories: "
                + "each part needs at least one; raise n or move split toward 0.5"
        }
    }
}
