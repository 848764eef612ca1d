/// Where the shot task wants the object ball: centres with x > `minX` and y < `maxY`, the
/// bottom-right corner (the reference's 0.8 and 0.2). Stated here once; everything else reads
/// the episode's task's: its judge (`ShotTask.isInTarget`), the planners' score and cost
/// (`ShotScore`, `ShotCost`), the forecast's exact frames, the pictures and the commands' help.
public struct ShotTarget: Sendable, Equatable, CustomStringConvertible {
    public var minX: Double
    public var maxY: Double

    /// greydanus/billiards' target.
    public static let reference = ShotTarget(minX: 0.8, maxY: 0.2)

    public init(minX: Double, maxY: Double) {
        self.minX = minX
        self.maxY = maxY
    }

    /// Whether a ball centred at `p` is inside (the edges are outside).
    public func contains(_ p: SIMD2<Double>) -> Bool { p.x > minX && p.y < maxY }

    /// How far a centre at `p` is from the region: 0 on its edges and inside, +∞ where `p` is
    /// not finite (an untrained model's forecast).
    public func distance(to p: SIMD2<Double>) -> Double {
        guard p.x.isFinite && p.y.isFinite else { return .infinity }
        let outX = max(0, minX - p.x), outY = max(0, p.y - maxY)
        return (outX * outX + outY * outY).squareRoot()
    }

    /// `x > 0.8, y < 0.2`, as the help says it.
    public var description: String { "x > \(minX), y < \(maxY)" }
}
