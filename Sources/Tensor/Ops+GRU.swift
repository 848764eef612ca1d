extension Tensor {
    /// The gate arithmetic of PyTorch's `GRUCell`, fused into one primitive.
    ///
    /// `inputGates` is `x W_ihᵀ + b_ih` and `hiddenGates` is `h W_hhᵀ + b_hh`, both `[B, 3R]`
    /// in PyTorch's gate order (r, z, n); `hidden` is `h`, `[B, R]`. Returns `[B, R]`:
    ///
    ///     r = σ(i_r + h_r);  z = σ(i_z + h_z);  n = tanh(i_n + r ⊙ h_n)
    ///     h' = (1 − z) ⊙ n + z ⊙ h
    ///
    /// Composed from primitives this would be ~15 tape nodes a step; fused, the recurrent
    /// loop spends its time in the two products around it.
    public static func gruGates(inputGates: Tensor, hiddenGates: Tensor, hidden: Tensor) -> Tensor {
        let (batch, width) = (hidden.shape[0], hidden.shape[1])
        precondition(hidden.rank == 2 && inputGates.shape == [batch, 3 * width] && hiddenGates.shape == [batch, 3 * width],
                     "gruGates: gates \(inputGates.shape), \(hiddenGates.shape) do not fit hidden \(hidden.shape)")
        let n = batch * width
        let recording = GradMode.isRecording
            && (inputGates.requiresGrad || hiddenGates.requiresGrad || hidden.requiresGrad)
        if !recording {
            return Tensor(shape: hidden.shape,
                          scalars: gruGatesValue(inputGates.scalars, hiddenGates.scalars, hidden.scalars, batch: batch, width: width))
        }
        // r, z and n per element, saved for the pullback.
        var r = [Float](unsafeUninitializedCapacity: n) { $1 = n }, z = r, candidate = r, out = r
        r.withUnsafeMutableBufferPointer { r in
        z.withUnsafeMutableBufferPointer { z in
        candidate.withUnsafeMutableBufferPointer { candidate in
        out.withUnsafeMutableBufferPointer { out in
            inputGates.scalars.withUnsafeBufferPointer { gi in
                hiddenGates.scalars.withUnsafeBufferPointer { gh in
                    hidden.scalars.withUnsafeBufferPointer { h in
                        for b in 0..<batch {
                            let g = b * 3 * width, s = b * width
                            // One simple loop per gate over row pointers (no index arithmetic
                            // to overflow-check inside), so each vectorises.
                            let (giR, giZ, giN) = (gi.baseAddress! + g, gi.baseAddress! + g + width, gi.baseAddress! + g + 2 * width)
                            let (ghR, ghZ, ghN) = (gh.baseAddress! + g, gh.baseAddress! + g + width, gh.baseAddress! + g + 2 * width)
                            let (rRow, zRow, nRow) = (r.baseAddress! + s, z.baseAddress! + s, candidate.baseAddress! + s)
                            let (outRow, hRow) = (out.baseAddress! + s, h.baseAddress! + s)
                            for j in 0..<width { rRow[j] = fastSigmoid(giR[j] + ghR[j]) }
                            for j in 0..<width { zRow[j] = fastSigmoid(giZ[j] + ghZ[j]) }
                            for j in 0..<width { nRow[j] = fastTanh(giN[j] + rRow[j] * ghN[j]) }
                            for j in 0..<width { outRow[j] = (1 - zRow[j]) * nRow[j] + zRow[j] * hRow[j] }
                        }
                    }
                }
            }
        }
        }
        }
        }
        return record(shape: hidden.shape, scalars: out,
                      operands: [inputGates, hiddenGates, hidden]) { [hn = hiddenGates.scalars, h = hidden.scalars] g in
            // Every element is written below, so none is zero-filled first.
            var dGi = [Float](unsafeUninitializedCapacity: 3 * n) { $1 = 3 * n }, dGh = dGi
            var dH = [Float](unsafeUninitializedCapacity: n) { $1 = n }
            dGi.withUnsafeMutableBufferPointer { dGi in
            dGh.withUnsafeMutableBufferPointer { dGh in
            dH.withUnsafeMutableBufferPointer { dH in
            r.withUnsafeBufferPointer { r in
            z.withUnsafeBufferPointer { z in
            candidate.withUnsafeBufferPointer { candidate in
            hn.withUnsafeBufferPointer { hn in
            h.withUnsafeBufferPointer { h in
            g.scalars.withUnsafeBufferPointer { dOut in
                for b in 0..<batch {
                    let gOff = b * 3 * width, s = b * width
                    let (rRow, zRow, nRow, hRow, dRow, dhRow) = (r.baseAddress! + s, z.baseAddress! + s,
                        candidate.baseAddress! + s, h.baseAddress! + s, dOut.baseAddress! + s, dH.baseAddress! + s)
                    let hnRow = hn.baseAddress! + gOff + 2 * width
                    let (giR, giZ, giN) = (dGi.baseAddress! + gOff, dGi.baseAddress! + gOff + width, dGi.baseAddress! + gOff + 2 * width)
                    let (ghR, ghZ, ghN) = (dGh.baseAddress! + gOff, dGh.baseAddress! + gOff + width, dGh.baseAddress! + gOff + 2 * width)
                    for j in 0..<width {
                        let (rj, zj, nj, d) = (rRow[j], zRow[j], nRow[j], dRow[j])
                        dhRow[j] = d * zj
                        let dn = d * (1 - zj) * (1 - nj * nj)
                        let dz = d * (hRow[j] - nj) * zj * (1 - zj)
                        let dr = dn * hnRow[j] * rj * (1 - rj)
                        giR[j] = dr; ghR[j] = dr
                        giZ[j] = dz; ghZ[j] = dz
                        giN[j] = dn; ghN[j] = dn * rj
                    }
                }
            }
            }
            }
            }
            }
            }
            }
            }
            }
            return [Tensor(shape: [batch, 3 * width], scalars: dGi),
                    Tensor(shape: [batch, 3 * width], scalars: dGh),
                    Tensor(shape: [batch, width], scalars: dH)]
        }
    }
}

/// The GRU gates without a tape (rollouts): nothing is saved for a pullback, so r and z live
/// in one row of scratch.
private func gruGatesValue(_ inputGates: [Float], _ hiddenGates: [Float], _ hidden: [Float],
                           batch: Int, width: Int) -> [Float] {
    [Float](unsafeUninitializedCapacity: batch * width) { out, initialized in
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * width) { scratch in
            inputGates.withUnsafeBufferPointer { gi in
                hiddenGates.withUnsafeBufferPointer { gh in
                    hidden.withUnsafeBufferPointer { h in
                        let (rRow, zRow) = (scratch.baseAddress!, scratch.baseAddress! + width)
                        for b in 0..<batch {
                            let g = b * 3 * width, s = b * width
                            let (giR, giZ, giN) = (gi.baseAddress! + g, gi.baseAddress! + g + width, gi.baseAddress! + g + 2 * width)
                            let (ghR, ghZ, ghN) = (gh.baseAddress! + g, gh.baseAddress! + g + width, gh.baseAddress! + g + 2 * width)
                            let (outRow, hRow) = (out.baseAddress! + s, h.baseAddress! + s)
                            for j in 0..<width { rRow[j] = fastSigmoid(giR[j] + ghR[j]) }
                            for j in 0..<width { zRow[j] = fastSigmoid(giZ[j] + ghZ[j]) }
                            for j in 0..<width {
                                let candidate = fastTanh(giN[j] + rRow[j] * ghN[j])
                                outRow[j] = (1 - zRow[j]) * candidate + zRow[j] * hRow[j]
                            }
                        }
                    }
                }
            }
        }
        initialized = batch * width
    }
}
