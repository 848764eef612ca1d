/// Where the shot task wants the object ball: centres with x > `minX` and y < `maxY`, the
/// bottom-right corner (the reference's 0.8 and 0.2). Stated here once; the task's judge
/// (`ShotTask.isInTarget`), the planners' score (`ShotScore`) and the commands' help read it.
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

    /// `x > 0.8, y < 0.2`, as the help says it.
    public var description: String { "x > \(minX), y < \(maxY)" }
}
