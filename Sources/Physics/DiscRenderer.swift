import Foundation
import Tensor

/// Draws balls as anti-aliased grey discs on a square frame (28×28 by default).
///
/// Each pixel's value is the exact fraction of its area that a disc covers (analytic
/// disc–square overlap, no supersampling), so a ball's pixel mass is exactly its area in
/// pixels, `π (radius · side)²`, and its intensity centroid sits within a few hundredths of a
/// pixel of the true centre. Where two discs share a pixel (never, under exact physics) the sum
/// is clamped to 1, so values always lie in [0, 1].
///
/// Coordinate → pixel mapping: the unit box maps onto the frame, `side` pixels to a unit.
/// Column `j` covers `x ∈ [j, j+1) / side`; row `i` covers `y ∈ [i, i+1) / side`. Rows run
/// with y, so row 0 is y ≈ 0 and is drawn at the top, like an image array: a ball at
/// `(x, y)` has its centre at pixel coordinates `(column, row) = (x·side − ½, y·side − ½)`
/// when pixel centres are counted from 0. (The shot task's target, x > 0.8 and y < 0.2, is
/// thus the top-right corner of a picture, as the reference's comment says.) The frame is
/// stored row-major: pixel `(i, j)` at offset `i · side + j`.
public struct DiscRenderer: Sendable, Equatable {
    public let side: Int
    public let radius: Double

    public init(side: Int = 28, radius: Double = 0.1) {
        precondition(side > 0 && radius > 0, "side and radius must be positive")
        self.side = side
        self.radius = radius
    }

    /// Renders balls at `centers` onto a fresh frame `[side, side]`.
    public func render(_ centers: [SIMD2<Double>]) -> [Float] {
        var frame = [Float](repeating: 0, count: side * side)
        frame.withUnsafeMutableBufferPointer { out in
            for c in centers { draw(x: c.x, y: c.y, into: out.baseAddress!) }
        }
        return frame
    }

    /// Adds one disc centred at `(x, y)` (unit-box coordinates) into `frame` (`[side, side]`,
    /// row-major), clamping each touched pixel to [0, 1]. No heap allocation.
    public func draw(x: Double, y: Double, into frame: UnsafeMutablePointer<Float>) {
        let scale = Double(side)
        let cx = x * scale, cy = y * scale, r = radius * scale
        let r2 = r * r
        let quarter = 0.25 * Double.pi * r2
        // Corners of the pixels the disc can touch: columns c0...c1, rows l0...l1.
        let c0 = max(0, Int((cx - r).rounded(.down))), c1 = min(side, Int((cx + r).rounded(.up)))
        let l0 = max(0, Int((cy - r).rounded(.down))), l1 = min(side, Int((cy + r).rounded(.up)))
        let columns = c1 - c0 + 1, rows = l1 - l0 + 1
        guard columns > 1, rows > 1 else { return }

        // P(u) = ∫₀ᵘ √(r² − s²) ds, the half-chord integral every corner area is built from.
        func integral(_ u: Double) -> Double {
            0.5 * (u * max(0, r2 - u * u).squareRoot() + r2 * PortableMath.asin(max(-1, min(1, u / r))))
        }

        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * columns + 3 * rows + columns * rows) { scratch in
            let u = scratch.baseAddress!, pu = u + columns
            let v = pu + columns, w = v + rows, pw = w + rows
            let area = pw + rows                     // [rows, columns]: G at each corner
            for k in 0..<columns {
                u[k] = max(-r, min(r, Double(c0 + k) - cx))
                pu[k] = integral(u[k])
            }
            for l in 0..<rows {
                v[l] = max(-r, min(r, Double(l0 + l) - cy))
                w[l] = max(0, r2 - v[l] * v[l]).squareRoot()
                pw[l] = integral(w[l])
            }
            // G(u, v): disc area with (x − cx) ≤ u and (y − cy) ≤ v. For v ≥ 0, columns with
            // |s| > w lie wholly below v (full chord 2h), the band |s| < w is cut at v
            // (length v + h). For v < 0, G(u, v) = (all of the disc left of u) − G(u, −v).
            for l in 0..<rows {
                let vv = abs(v[l]), ww = w[l], pww = pw[l]
                for k in 0..<columns {
                    let uu = u[k], puu = pu[k]
                    var g = 2 * ((uu < -ww ? puu : -pww) + quarter)
                    if uu > -ww { g += vv * (min(uu, ww) + ww) + (uu < ww ? puu : pww) + pww }
                    if uu > ww { g += 2 * (puu - pww) }
                    if v[l] < 0 { g = 2 * (puu + quarter) - g }
                    area[l * columns + k] = g
                }
            }
            for l in 0..<(rows - 1) {
                let row = frame + (l0 + l) * side + c0
                let below = area + l * columns, above = below + columns
                for k in 0..<(columns - 1) {
                    let covered = above[k + 1] - above[k] - below[k + 1] + below[k]
                    row[k] = max(0, min(1, row[k] + Float(covered)))
                }
            }
        }
    }
}
