/// What a dataset is generated from, besides its world: every option with its default, so a
/// dataset can be described (`description`) and regenerated from this value alone.
///
/// Accepted ranges (checked by `validated(for:)`):
/// - `n`: trajectories, an integer in 1...1 000 000, and small enough that the whole dataset
///   (both parts, plus the coordinates kept beside pixel frames) holds at most
///   `scalarLimit` = 2³⁰ scalars (4 GiB of Float32); e.g. at most 30 433 for `pixels2d`.
/// - `seed`: an integer in 0...2⁵³ (so that it survives a trip through a `Double` option).
/// - `split`: the fraction of trajectories used for training, in (0, 1) exclusive; the first
///   `⌊n · split⌋` trajectories train, the rest test, and both parts must be non-empty.
/// - `radius` (billiards and pixel worlds): in (0, largest], where largest keeps random
///   placement easy: 0.4 / balls in 1-D (the diameters fill at most 80 % of the height),
///   0.35 / √balls in 2-D, rounded down to 3 decimals (0.2 / 0.247 for 2 balls).
/// - `balls` (same worlds): an integer in 2...4.
/// - `start` (shots only): `moving`, `rest` or `mixed` (`ShotStart`); mixed if not given.
/// - `physics` (the worlds with balls, shots included): `exact` or `reference` (`BallPhysics`);
///   `DatasetKind.defaultPhysics` if not given.
public struct DatasetOptions: Sendable, Equatable, CustomStringConvertible {
    public static let defaultN = 10_000
    public static let maximumN = 1_000_000
    public static let scalarLimit = 1 << 30
    public static let maximumSeed: UInt64 = 1 << 53
    public static let defaultRadius = 0.1
    public static let ballRange = 2...4
    /// b829b2b's mix, the data the blog's models learned from (a model meets starts at rest).
    public static let defaultStart = ShotStart.mixed

    public var n: Int
    public var seed: UInt64
    public var split: Double
    /// `nil` until validated for a ball world (then the world's default 0.1); always `nil`
    /// for the other worlds.
    public var radius: Double?
    /// As `radius`; the default is 2.
    public var balls: Int?
    /// `nil` until validated for shots (then `defaultStart`); always `nil` for the other worlds.
    public var start: ShotStart?
    /// `nil` until validated for a world with balls (then its `defaultPhysics`); always `nil`
    /// for lines and circles.
    public var physics: BallPhysics?

    public init(n: Int = DatasetOptions.defaultN, seed: UInt64 = 0, split: Double = 0.9,
                radius: Double? = nil, balls: Int? = nil, start: ShotStart? = nil, physics: BallPhysics? = nil) {
        self.n = n
        self.seed = seed
        self.split = split
        self.radius = radius
        self.balls = balls
        self.start = start
        self.physics = physics
    }

    /// Refuses an option given that `kind` does not take, in name order (so the first refusal
    /// does not depend on which is checked first below): `radius` and `balls` outside the
    /// ball worlds as unknown, `start` and `physics` with the reason.
    func refuseOptionsNotTaken(by kind: DatasetKind) throws(PhysicsError) {
        let given = [("balls", balls != nil), ("physics", physics != nil), ("radius", radius != nil), ("start", start != nil)]
        for (name, isGiven) in given where isGiven && !kind.optionNames.contains(name) {
            guard name == "start" || name == "physics" else {
                throw .unknownOption(name: name, world: kind.rawValue, accepted: kind.optionNames)
            }
            let worlds = DatasetKind.allCases.filter { $0.optionNames.contains(name) }.map(\.rawValue)
            let reason = kind.defaultPhysics == nil ? "it has no balls" : "its balls always start at unit speed"
            throw .inapplicableOption(name: name, world: kind.rawValue, reason: reason, worlds: worlds)
        }
    }

    /// These options checked against `kind`, with the world's defaults filled in.
    public func validated(for kind: DatasetKind) throws(PhysicsError) -> DatasetOptions {
        try refuseOptionsNotTaken(by: kind)
        var checked = self
        guard (1...Self.maximumN).contains(n) else {
            throw .outOfRange(option: "n", value: String(n), accepted: "an integer in 1...\(Self.maximumN)")
        }
        guard seed <= Self.maximumSeed else {
            throw .outOfRange(option: "seed", value: String(seed), accepted: "an integer in 0...\(Self.maximumSeed)")
        }
        guard split > 0, split < 1 else {
            throw .outOfRange(option: "split", value: Self.text(split), accepted: "in (0, 1), exclusive")
        }
        if kind.hasBalls {
            let count = balls ?? 2
            guard Self.ballRange.contains(count) else {
                throw .outOfRange(option: "balls", value: String(count), accepted: "an integer in \(Self.ballRange)")
            }
            let r = radius ?? Self.defaultRadius
            let largest = Self.largestRadius(balls: count, oneDimensional: kind.isOneDimensional)
            guard r > 0, r <= largest else {
                throw .radiusTooLarge(radius: r, balls: count,
                                      dimensions: kind.isOneDimensional ? 1 : 2, largest: largest)
            }
            checked.balls = count
            checked.radius = r
        }
        if kind == .shots { checked.start = start ?? Self.defaultStart }
        if let law = kind.defaultPhysics { checked.physics = physics ?? law }
        let perTrajectory = Dataset.scalarsPerTrajectory(kind, balls: checked.balls ?? 2)
        let largestN = min(Self.maximumN, Self.scalarLimit / perTrajectory)
        guard n <= largestN else {
            throw .tooLarge(world: kind.rawValue, n: n, scalars: n * perTrajectory,
                            limit: Self.scalarLimit, largestN: largestN)
        }
        let train = checked.trainCount
        guard train > 0, train < n else {
            throw .emptySplit(n: n, split: split, train: train, test: n - train)
        }
        return checked
    }

    /// Trajectories in the train part: `⌊n · split⌋`, as the reference computes it.
    public var trainCount: Int { Int(Double(n) * split) }

    /// The largest radius accepted for `balls` balls (see the type's documentation).
    public static func largestRadius(balls: Int, oneDimensional: Bool) -> Double {
        let exact = oneDimensional ? 0.4 / Double(balls) : 0.35 / Double(balls).squareRoot()
        return (exact * 1000).rounded(.down) / 1000
    }

    /// `n=10000 seed=0 split=0.9` plus `radius=… balls=…` where they apply: the options as a
    /// workbench command would spell them.
    ///
    /// `start` and `physics` are named for shots always, for the other ball worlds only when
    /// the physics is not exact: so no description reads ambiguously beside a file saved
    /// before these options existed (billiards was always exact; shots was moving and exact,
    /// where its defaults are now mixed and reference).
    public var description: String {
        var parts = ["n=\(n)", "seed=\(seed)", "split=\(Self.text(split))"]
        if let radius { parts.append("radius=\(Self.text(radius))") }
        if let balls { parts.append("balls=\(balls)") }
        if let start { parts.append("start=\(start)") }
        if let physics, start != nil || physics != .exact { parts.append("physics=\(physics)") }
        return parts.joined(separator: " ")
    }

    /// A number as a person would type it: `10000`, not `10000.0`.
    static func text(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}
