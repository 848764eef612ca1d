import Foundation
import Tensor

/// The `circles` world (piecewise_node circles.py): constant-speed motion on a circle.
///
/// Following the reference exactly: radius uniform in [1, 2], start angle uniform in [0, 2π),
/// an arc of `1.45 · 6.28` radians (the reference's literal, a hair under 1.45 · 2π), sampled
/// at `⌊radius · arc / 0.3⌋` evenly spaced angles (so the arc-length step is close to, not
/// exactly, 0.3) and cut to the 30 frames the smallest circle has. The point is
/// `(r sin θ, r cos θ)`: clockwise in the usual x–y picture.
public enum CirclesWorld {
    public static let frames = 30
    public static let arc = 1.45 * 6.28
    public static let arcStep = 0.3
    public static let radiusRange = 1.0...2.0

    /// Writes one trajectory, `[frames, 2]` doubles (x, y); returns the radius drawn.
    @discardableResult
    public static func trajectory(using rng: inout SeededGenerator,
                                  into out: UnsafeMutablePointer<Double>) -> Double {
        let radius = radiusRange.lowerBound + (radiusRange.upperBound - radiusRange.lowerBound) * rng.uniform()
        let startAngle = 2 * Double.pi * rng.uniform()
        let points = Int(radius * arc / arcStep)            // ≥ 30 for radius ≥ 1
        let step = ((startAngle + arc) - startAngle) / Double(points - 1)
        for k in 0..<frames {
            let theta = startAngle + Double(k) * step
            out[2 * k] = radius * PortableMath.sin(theta)
            out[2 * k + 1] = radius * PortableMath.cos(theta)
        }
        return radius
    }
}
