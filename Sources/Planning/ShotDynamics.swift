import Physics

/// A model of the table for planning: given an episode (the frames it has shown, 0–3) and K
/// candidate actions, the object ball's predicted centre at each scored frame (4 to the last)
/// for every candidate, all candidates in one batch.
public protocol ShotDynamics {
    /// `sim`, or the model's kind.
    var name: String { get }
    func forecast(_ episode: ShotEpisode, actions: [SIMD2<Double>]) -> ShotForecast
}

/// Predicted object-ball paths for K candidates over the scored frames.
public struct ShotForecast: Sendable {
    /// The frames the paths cover (`ShotTask.scoredFrames`).
    public let frames: ClosedRange<Int>
    /// `[K, frames.count, 2]`: x, y of the object ball's centre.
    public let positions: [Double]
    /// When each candidate's prediction ticked after the frames it was shown (the model's
    /// cell updates; the simulator's frames), in frames.
    public let tickTimes: [[Double]]

    public init(frames: ClosedRange<Int>, positions: [Double], tickTimes: [[Double]]) {
        precondition(positions.count == tickTimes.count * frames.count * 2, "positions must be [K, frames, 2]")
        self.frames = frames; self.positions = positions; self.tickTimes = tickTimes
    }

    /// Ticks each candidate's prediction took after the frames it was shown.
    public var ticks: [Int] { tickTimes.map(\.count) }

    public var candidates: Int { tickTimes.count }

    /// The path of candidate `k`, one centre a scored frame.
    public func path(_ k: Int) -> [SIMD2<Double>] {
        let n = frames.count
        return (0..<n).map { SIMD2(positions[(k * n + $0) * 2], positions[(k * n + $0) * 2 + 1]) }
    }
}
