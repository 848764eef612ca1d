/// The event-driven kernel behind every billiards world: equal discs of one radius in the
/// unit box `[0, 1]²`, moving in straight lines between contacts.
///
/// Why event-driven: the reference moves balls by fixed steps and reflects them once they
/// overlap, which loses energy and lets balls interpenetrate. Here, within any duration, the
/// kernel finds the exact time of the next contact (linear for a wall, the smaller root of a
/// quadratic for a pair), moves every ball to that instant, resolves the contact elastically,
/// and repeats until the duration is used up. Energy and momentum are conserved to rounding,
/// no ball crosses a wall and no pair overlaps (beyond ~1e-15 of rounding).
///
/// State layout (S = 4 doubles a ball): `[x, y, vx, vy]` for ball 0, then ball 1, …
///
/// Order independence: a pair's contact time is computed from `d = p_j − p_i` and
/// `u = v_j − v_i`; swapping the balls negates both exactly, so `d·u`, `|u|²` and `|d|²` are
/// bit-identical and the swapped system follows the swapped path. Distinct events that fall at
/// exactly the same instant are taken in index order; they touch disjoint balls or (a set of
/// measure zero) a ball in two contacts at once.
///
/// Sticking guard: only a wall being moved toward (`v > 0` toward the high wall, `v < 0`
/// toward the low one) and only a pair whose normal approach speed exceeds 1e-12 of its speed
/// scale count as events, so a contact just resolved (now receding) can never fire again at
/// `t ≈ 0`; a pair approaching more slowly than that overlaps by less than 1e-12 over a step.
enum ExactDynamics {
    /// Contacts resolved in one `advance` call before the kernel gives up resolving and moves
    /// ballistically. Never reached by the worlds here (a step sees a handful of contacts);
    /// it only bounds the loop if a caller builds a pathological jam.
    static let contactLimit = 100_000

    /// Moves `balls` discs of `radius` forward by `duration`, resolving every contact exactly.
    /// Returns the number of contacts resolved.
    ///
    /// - Parameter s: `[balls, 4]` doubles, `x, y, vx, vy` per ball, updated in place.
    @discardableResult
    static func advance(_ s: UnsafeMutablePointer<Double>, balls: Int, radius: Double,
                        duration: Double) -> Int {
        let low = radius, high = 1 - radius
        let contact2 = 4 * radius * radius          // squared centre distance at contact
        var left = duration
        var contacts = 0

        while true {
            // 1. The earliest event in [0, left]; strictly earlier events win ties (index order).
            var soonest = left
            var kind = 0                                  // 0 none, 1 wall, 2 pair
            var a = 0, b = 0                              // wall: ball, axis; pair: i < j
            if contacts < contactLimit {
                for i in 0..<balls {
                    let base = s + 4 * i
                    for axis in 0..<2 {
                        let x = base[axis], v = base[2 + axis]
                        var t: Double
                        if v > 0 { t = (high - x) / v } else if v < 0 { t = (low - x) / v } else { continue }
                        if t < 0 { t = 0 }                // already touching (rounding)
                        if t < soonest { soonest = t; kind = 1; a = i; b = axis }
                    }
                }
                if balls > 1 {
                    for i in 0..<(balls - 1) {
                        let p = s + 4 * i
                        for j in (i + 1)..<balls {
                            let q = s + 4 * j
                            let dx = q[0] - p[0], dy = q[1] - p[1]
                            let ux = q[2] - p[2], uy = q[3] - p[3]
                            let approach = dx * ux + dy * uy      // < 0 when closing
                            if approach >= 0 { continue }
                            let uu = ux * ux + uy * uy
                            let dd = dx * dx + dy * dy
                            if approach * approach <= 1e-24 * uu * dd { continue }   // grazing
                            let c = dd - contact2
                            var t: Double
                            if c <= 0 {
                                t = 0                              // touching now (rounding)
                            } else {
                                let disc = approach * approach - uu * c
                                if disc <= 0 { continue }          // passes by
                                // Smaller root of uu t² + 2 approach t + c = 0, in the form that
                                // avoids cancellation: t = c / (−approach + √disc).
                                t = c / (-approach + disc.squareRoot())
                            }
                            if t < soonest { soonest = t; kind = 2; a = i; b = j }
                        }
                    }
                }
            }

            // 2. Everyone moves to that instant.
            if soonest > 0 {
                for i in 0..<balls {
                    let base = s + 4 * i
                    base[0] += base[2] * soonest
                    base[1] += base[3] * soonest
                }
            }
            left -= soonest
            if kind == 0 { return contacts }
            contacts += 1

            // 3. Resolve it elastically.
            if kind == 1 {
                let base = s + 4 * a
                base[2 + b] = -base[2 + b]
                base[b] = base[b] < 0.5 ? low : high     // sit exactly on the wall
            } else {
                // Equal masses: the balls exchange the velocity components along the line of
                // centres and keep the tangential ones.
                let p = s + 4 * a, q = s + 4 * b
                let dx = q[0] - p[0], dy = q[1] - p[1]
                let inverse = 1 / (dx * dx + dy * dy).squareRoot()
                let nx = dx * inverse, ny = dy * inverse
                let along = (p[2] - q[2]) * nx + (p[3] - q[3]) * ny
                let ex = along * nx, ey = along * ny
                p[2] -= ex; p[3] -= ey
                q[2] += ex; q[3] += ey
            }
        }
    }
}
