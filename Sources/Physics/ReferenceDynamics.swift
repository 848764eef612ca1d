/// The fixed-step law of greydanus/billiards' `simulate_balls`, one step at a time and in the
/// order of its operations: the law the blog's shot task, and its data, were made with.
///
/// One step of `dt`:
/// 1. every centre moves by `v · dt`;
/// 2. walls: a coordinate below `r` or above `1 − r` has its velocity component negated and is
///    mirrored back inside (`2r − x`, or `(1 − r) − (x − (1 − r))`);
/// 3. balls: the pairs `i < j` whose centres are closer than `2r`, row by row. If the squared
///    separations of all of them, summed, are smaller than one step earlier (every centre moved
///    back by its new velocity, `x − v · dt`), each pair is turned: ball i's velocity relative
///    to the pair's mean is reflected about the line of centres (`reflect`), and ball j gets
///    the negative. Overlapping balls are not pushed apart, so a pair can stay in contact for a
///    few steps; the approach test keeps it from being turned back and forth.
///
/// Unlike `ExactDynamics`, the result depends on the step: one frame of the shot task is
/// four steps of 0.01, and only that reproduces the reference. Several pairs in contact at
/// once follow NumPy's fancy indexing: every velocity is read before any is written, the
/// i's are written first and the j's second, and a ball in two pairs keeps the last write.
///
/// State layout: `[x, y, vx, vy]` for ball 0, then ball 1, … (as `ExactDynamics`).
enum ReferenceDynamics {
    /// Advances `balls` discs of `radius` by one step of `dt`, in place. Returns the contacts
    /// resolved: coordinates reflected at a wall, and pairs turned.
    ///
    /// - Parameter s: `[balls, 4]` doubles, `x, y, vx, vy` per ball.
    @discardableResult
    static func step(_ s: UnsafeMutablePointer<Double>, balls: Int, radius r: Double,
                     dt: Double) -> (walls: Int, pairs: Int) {
        for i in 0..<balls {
            let b = s + 4 * i
            b[0] = b[0] + b[2] * dt
            b[1] = b[1] + b[3] * dt
        }
        let high = 1 - r
        var walls = 0
        for i in 0..<balls {
            let b = s + 4 * i
            for axis in 0..<2 {
                let x = b[axis]
                if x < r {
                    b[2 + axis] = -b[2 + axis]
                    b[axis] = 2 * r - x
                    walls += 1
                } else if x > high {
                    b[2 + axis] = -b[2 + axis]
                    b[axis] = high - (x - high)
                    walls += 1
                }
            }
        }
        return (walls, balls > 1 ? collide(s, balls: balls, radius: r, dt: dt) : 0)
    }

    /// Step 3: turns the approaching pairs in contact. Returns the pairs turned.
    static func collide(_ s: UnsafeMutablePointer<Double>, balls: Int, radius r: Double, dt: Double) -> Int {
        withUnsafeTemporaryAllocation(of: (i: Int, j: Int).self, capacity: balls * (balls - 1) / 2) { pairs in
            var count = 0
            for i in 0..<(balls - 1) {
                for j in (i + 1)..<balls {
                    let dx = s[4 * i] - s[4 * j], dy = s[4 * i + 1] - s[4 * j + 1]
                    if (dx * dx + dy * dy).squareRoot() < 2 * r {
                        pairs[count] = (i, j)
                        count += 1
                    }
                }
            }
            guard count > 0 else { return 0 }
            // The squared separations now and one step back, as NumPy sums them: one flat
            // array of (dx², dy²) per pair.
            let approaching = withUnsafeTemporaryAllocation(of: Double.self, capacity: 4 * count) { terms in
                let now = terms.baseAddress!, before = now + 2 * count
                for k in 0..<count {
                    let p = s + 4 * pairs[k].i, q = s + 4 * pairs[k].j
                    for axis in 0..<2 {
                        let d = q[axis] - p[axis]
                        let back = (q[axis] - q[2 + axis] * dt) - (p[axis] - p[2 + axis] * dt)
                        now[2 * k + axis] = d * d
                        before[2 * k + axis] = back * back
                    }
                }
                return numpySum(now, count: 2 * count) < numpySum(before, count: 2 * count)
            }
            guard approaching else { return 0 }
            withUnsafeTemporaryAllocation(of: SIMD2<Double>.self, capacity: 2 * count) { turned in
                let reflected = turned.baseAddress!, mean = reflected + count
                for k in 0..<count {
                    let p = s + 4 * pairs[k].i, q = s + 4 * pairs[k].j
                    let vi = SIMD2(p[2], p[3]), vj = SIMD2(q[2], q[3])
                    mean[k] = (vi + vj) / 2
                    reflected[k] = reflect(vi - mean[k], about: SIMD2(q[0] - p[0], q[1] - p[1]))
                }
                for k in 0..<count {
                    let v = reflected[k] + mean[k]
                    s[4 * pairs[k].i + 2] = v.x
                    s[4 * pairs[k].i + 3] = v.y
                }
                for k in 0..<count {
                    let v = -reflected[k] + mean[k]
                    s[4 * pairs[k].j + 2] = v.x
                    s[4 * pairs[k].j + 3] = v.y
                }
            }
            return count
        }
    }
}
