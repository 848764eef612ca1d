import Tensor

// The reference's reflection and the NumPy arithmetic under it, operation for operation, so
// that a collision turns velocities as `simulate.py` does (to an ulp of its libm), not merely
// by the same law.
extension ReferenceDynamics {
    /// The reference's `reflect`: the angle θ from `v` to `axis` (`atan2` of their determinant
    /// and dot product), moved by π when it exceeds a right angle, then `−v` rotated by −2θ.
    /// For a velocity relative to the pair's mean and the line of centres as the axis, that is
    /// the elastic bounce: the component along the axis changes sign, the other is kept.
    static func reflect(_ v: SIMD2<Double>, about axis: SIMD2<Double>) -> SIMD2<Double> {
        var theta = PortableMath.atan2(numpyDeterminant(v, axis), v.x * axis.x + v.y * axis.y)
        if abs(theta) > Double.pi / 2 { theta = theta + Double.pi }
        // `rotate(x, φ)` is the row vector x times [[cos φ, −sin φ], [sin φ, cos φ]].
        let phi = 2 * -theta
        let c = PortableMath.cos(phi), s = PortableMath.sin(phi)
        let x = -v
        return SIMD2(x.x * c + x.y * s, x.x * -s + x.y * c)
    }

    /// `np.linalg.det([a, b])` as NumPy computes it: LAPACK's LU with partial pivoting (the
    /// multiplier scaled by the pivot's reciprocal), then `sign · exp(Σ log|uᵢᵢ|)`. Why not
    /// `a.x·b.y − a.y·b.x`: the two differ in the last bits and in the sign of a zero, and a
    /// zero's sign decides whether `atan2` answers π or −π, hence whether a head-on bounce
    /// keeps a 1-D world exactly 1-D.
    static func numpyDeterminant(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> Double {
        // Rows a and b; the pivot is the larger of the first column (the first on a tie).
        let swap = abs(b.x) > abs(a.x)
        let (pivot, below, right, corner) = swap ? (b.x, a.x, b.y, a.y) : (a.x, b.x, a.y, b.y)
        guard pivot != 0 else { return 0 }            // singular: NumPy's sign 0 · exp(−inf)
        let multiplier = below * (1 / pivot)
        let last = corner - multiplier * right
        guard last != 0 else { return 0 }
        // NumPy's slogdet: the sign from the row swap and the diagonal, the log of the rest.
        var sign: Double = swap ? -1 : 1
        if pivot < 0 { sign = -sign }
        if last < 0 { sign = -sign }
        var logDeterminant = 0.0
        logDeterminant += PortableMath.log(abs(pivot))
        logDeterminant += PortableMath.log(abs(last))
        return sign * PortableMath.exp(logDeterminant)
    }

    /// `np.sum` of `count` contiguous doubles: a plain loop below 8 terms, else 8 running sums
    /// combined pairwise, then the remainder; halves above 128 (NumPy's pairwise summation).
    static func numpySum(_ a: UnsafePointer<Double>, count n: Int) -> Double {
        if n < 8 {
            var sum = 0.0
            for i in 0..<n { sum += a[i] }
            return sum
        }
        if n <= 128 {
            var r = (0..<8).map { a[$0] }
            var i = 8
            while i < n - n % 8 {
                for j in 0..<8 { r[j] += a[i + j] }
                i += 8
            }
            var sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
            while i < n {
                sum += a[i]
                i += 1
            }
            return sum
        }
        var half = n / 2
        half -= half % 8
        return numpySum(a, count: half) + numpySum(a + half, count: n - half)
    }
}
