import Physics
import Tensor

/// What the gradient planner minimises: a smooth `ShotScore`. The score takes a path's
/// deepest point in the target (`ShotScore.depth`, minus the distance to the target outside
/// it); the cost takes minus a soft maximum of the depths over the scored frames,
///
///     cost = −τ log Σ_f exp(depth(p_f) / τ),   τ = `temperature`,
///
/// so every frame near the deepest one pulls on the action, and the cost is within
/// τ·log(frames) of minus the score. Depth is piecewise linear in the position (outside the
/// target: minus the distance to it, whose gradient points at it; inside: the distance to
/// the nearer inner edge), so the gradient never vanishes, however far the forecast misses.
public enum ShotCost {
    /// The soft maximum's sharpness, in depth units (the target is 0.1 deep at its corner).
    public static let temperature = 0.01

    /// The cost of candidate `k` of `forecast` (against `target`) and its gradient with respect to each of the
    /// candidate's positions (one per scored frame). Frames whose forecast is not finite (an
    /// untrained model's) take no part; a path with none finite costs +∞ and has no gradient.
    public static func cost(_ forecast: ShotForecast, candidate k: Int, target: ShotTarget) -> (cost: Double, gradient: [SIMD2<Double>]) {
        let path = forecast.path(k)
        let depths = path.map { ShotScore.depth($0, in: target) }
        guard let deepest = depths.filter(\.isFinite).max() else {
            return (.infinity, [SIMD2<Double>](repeating: .zero, count: path.count))
        }
        let tau = temperature
        // exp((d − max)/τ) ≤ 1: no overflow; the frame at the maximum weighs 1.
        let weights = depths.map { $0.isFinite ? PortableMath.exp(($0 - deepest) / tau) : 0 }
        let total = weights.reduce(0, +)
        let cost = -(deepest + tau * PortableMath.log(total))
        let gradient = zip(path, weights).map { p, w in -(w / total) * depthGradient(p, in: target) }
        return (cost, gradient)
    }

    /// `d cost / d positions` for every candidate, `[K, frames, 2]` (`ShotForecast.positions`' layout).
    public static func positionGradients(_ forecast: ShotForecast, target: ShotTarget) -> [Double] {
        (0..<forecast.candidates).flatMap { k in cost(forecast, candidate: k, target: target).gradient.flatMap { [$0.x, $0.y] } }
    }

    /// The gradient of `ShotScore.depth` at `p` (zero where it is not finite).
    static func depthGradient(_ p: SIMD2<Double>, in target: ShotTarget) -> SIMD2<Double> {
        guard p.x.isFinite && p.y.isFinite else { return .zero }
        let outX = max(0, target.minX - p.x), outY = max(0, p.y - target.maxY)
        if outX > 0 || outY > 0 {
            // depth = −√(outX² + outY²): towards the target.
            let distance = (outX * outX + outY * outY).squareRoot()
            return SIMD2(outX / distance, -outY / distance)
        }
        // depth = min(x − minX, maxY − y): away from the nearer inner edge.
        return p.x - target.minX <= target.maxY - p.y ? SIMD2(1, 0) : SIMD2(0, -1)
    }
}
