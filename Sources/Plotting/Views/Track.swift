/// Balls' positions at increasing times (in frames): a trajectory from the data (one sample a
/// frame) or from a model (sampled between ticks by its interpolation), or a plan's simulated
/// or predicted paths.
public struct Track: Sendable {
    /// Sample times, increasing.
    public var times: [Double]
    /// `[ball][sample]`
    public var balls: [[Point]]

    public init(times: [Double], balls: [[Point]]) {
        precondition(balls.allSatisfy { $0.count == times.count }, "one position a sample per ball")
        self.times = times; self.balls = balls
    }

    /// One sample a frame: frames 0, 1, 2, …
    public init(frames balls: [[Point]]) {
        self.init(times: (0..<(balls.first?.count ?? 0)).map(Double.init), balls: balls)
    }

    /// Ball `b` at time `t`, linearly between samples (held at the ends).
    public func position(_ b: Int, at t: Double) -> Point {
        let path = balls[b]
        guard let last = times.indices.last else { return Point(.nan, .nan) }
        if t <= times[0] { return path[0] }
        if t >= times[last] { return path[last] }
        var hi = 1
        while times[hi] < t { hi += 1 }
        let (t0, t1) = (times[hi - 1], times[hi])
        let f = t1 > t0 ? (t - t0) / (t1 - t0) : 0
        return Point(path[hi - 1].x + (path[hi].x - path[hi - 1].x) * f, path[hi - 1].y + (path[hi].y - path[hi - 1].y) * f)
    }

    public var end: Double { times.last ?? 0 }
}
