import Physics

/// How good a predicted path is: the depth of its deepest point in the episode's target region
/// (its task's `ShotTarget`).
///
/// Inside the region (the reference's: x > 0.8, y < 0.2) a point's depth is its distance to
/// the nearer inner edge, `min(x − minX, maxY − y)`; outside it is minus its distance to the
/// region. A path scores its best frame. So among shots predicted to miss, the planner prefers
/// the one that comes closest, and among shots predicted to succeed, the one that goes
/// deepest: a margin against model error, so a plan does not hang on a graze of the corner. (A
/// ball's centre never passes 0.9 or 0.1, so the deepest possible point in the reference's
/// target is the corner itself, depth 0.1.)
public enum ShotScore {
    public static func depth(_ p: SIMD2<Double>, in target: ShotTarget) -> Double {
        guard p.x.isFinite && p.y.isFinite else { return -.infinity }   // an untrained model's path
        let outX = max(0, target.minX - p.x), outY = max(0, p.y - target.maxY)
        if outX > 0 || outY > 0 { return -(outX * outX + outY * outY).squareRoot() }
        return min(p.x - target.minX, target.maxY - p.y)
    }

    /// The scores of every candidate of a forecast, against `target`.
    public static func scores(_ forecast: ShotForecast, target: ShotTarget) -> [Double] {
        let n = forecast.frames.count
        return (0..<forecast.candidates).map { k in
            var best = -Double.infinity
            for i in 0..<n {
                let p = SIMD2(forecast.positions[(k * n + i) * 2], forecast.positions[(k * n + i) * 2 + 1])
                best = max(best, depth(p, in: target))
            }
            return best
        }
    }

    /// The first frame of candidate `k`'s predicted path inside `task`'s target, if any.
    public static func firstFrameInTarget(_ forecast: ShotForecast, candidate k: Int, of task: ShotTask) -> Int? {
        for (i, p) in forecast.path(k).enumerated() where task.isInTarget(p) { return forecast.frames.lowerBound + i }
        return nil
    }
}
