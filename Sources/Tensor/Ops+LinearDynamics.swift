extension Tensor {
    /// The jumpy model's motion along a linear piece, as one primitive.
    ///
    /// Each row of `state` (`[…, W]`) starts with a latent position `z` and a latent velocity
    /// `ż`, each `moving / 2` wide; the rest of the row (an LSTM's cell memory) is carried.
    /// With `τ` the time constant and `Δt` a scalar or one value per row (`[…, 1]`):
    ///
    ///     [z | ż | c]  ↦  [z + ż·τ·Δt | ż·τ | c]
    ///
    /// exactly the reference's arithmetic, whose returned velocity half stays scaled by τ.
    /// Teacher forcing applies it at every frame and again to every piece end, so it is one
    /// pass here instead of slices, products, a sum and a concatenation.
    public static func linearDynamics(_ state: Tensor, dt: Tensor, timeConstant tau: Float, moving: Int) -> Tensor {
        let width = state.shape.last ?? 0
        precondition(state.rank >= 1 && moving % 2 == 0 && moving <= width,
                     "linearDynamics: moving width \(moving) must be even and fit state \(state.shape)")
        let rows = width == 0 ? 0 : state.count / width
        precondition(dt.count == 1 || (dt.count == rows && dt.shape.last == 1),
                     "linearDynamics: dt \(dt.shape) must be a scalar or one value per row of state \(state.shape)")
        let half = moving / 2
        let perRow = dt.count != 1
        let out = withPointers([state.scalars, dt.scalars]) { p in
            makeArray(count: state.count) { out in
                moveLinearly(p[0], dt: p[1], perRow: perRow, rows: rows, width: width, moving: moving, timeConstant: tau, into: out)
            }
        }
        return record(shape: state.shape, scalars: out, operands: [state, dt]) { [s = state.scalars, d = dt.scalars] g in
            // d state: z ← g_z;  ż ← τ (g_z Δt + g_ż);  c ← g_c.   d Δt = τ Σ_j g_z ż.
            var dDt = [Float](repeating: 0, count: dt.requiresGrad ? d.count : 0)
            let dState = withPointers([g.scalars, s, d]) { p in
                makeArray(count: s.count) { ds in
                    let (g, s, d) = (p[0], p[1], p[2])
                    for row in 0..<rows {
                        let (gRow, sRow, dsRow) = (g + row * width, s + row * width, ds + row * width)
                        let step = tau * d[perRow ? row : 0]
                        for j in 0..<half { dsRow[j] = gRow[j] }
                        for j in 0..<half { dsRow[half + j] = gRow[j] * step + gRow[half + j] * tau }
                        for j in moving..<width { dsRow[j] = gRow[j] }
                        if !dDt.isEmpty {
                            var sum: Float = 0
                            for j in 0..<half { sum += gRow[j] * sRow[half + j] }
                            dDt[perRow ? row : 0] += tau * sum
                        }
                    }
                }
            }
            return [Tensor(shape: state.shape, scalars: dState),
                    dt.requiresGrad ? Tensor(shape: dt.shape, scalars: dDt) : nil]
        }
    }

    /// `linearDynamics`' forward pass on raw rows: `rows` states of `width` floats at `state`,
    /// one Δt per row (`perRow`) or one for all, into `out`. The fused rollout calls it on its
    /// own buffers, so both paths move the state with the same arithmetic.
    public static func moveLinearly(_ state: UnsafePointer<Float>, dt: UnsafePointer<Float>, perRow: Bool,
                                    rows: Int, width: Int, moving: Int, timeConstant tau: Float,
                                    into out: UnsafeMutablePointer<Float>) {
        let half = moving / 2
        for row in 0..<rows {
            let (from, to) = (state + row * width, out + row * width)
            let step = tau * dt[perRow ? row : 0]
            for j in 0..<half { to[j] = from[j] + from[half + j] * step }
            for j in half..<moving { to[j] = from[j] * tau }
            for j in moving..<width { to[j] = from[j] }
        }
    }
}
