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
        // r, z and n per element, saved for the pullback.
        var r = [Float](repeating: 0, count: n), z = r, candidate = r, out = r
        r.withUnsafeMutableBufferPointer { r in
        z.withUnsafeMutableBufferPointer { z in
        candidate.withUnsafeMutableBufferPointer { candidate in
        out.withUnsafeMutableBufferPointer { out in
            inputGates.scalars.withUnsafeBufferPointer { gi in
                hiddenGates.scalars.withUnsafeBufferPointer { gh in
                    hidden.scalars.withUnsafeBufferPointer { h in
                        for b in 0..<batch {
                            let g = b * 3 * width, s = b * width
                            // One simple loop per gate, so each vectorises.
                            for j in 0..<width { r[s + j] = fastSigmoid(gi[g + j] + gh[g + j]) }
                            for j in 0..<width { z[s + j] = fastSigmoid(gi[g + width + j] + gh[g + width + j]) }
                            for j in 0..<width {
                                candidate[s + j] = fastTanh(gi[g + 2 * width + j] + r[s + j] * gh[g + 2 * width + j])
                            }
                            for j in 0..<width { out[s + j] = (1 - z[s + j]) * candidate[s + j] + z[s + j] * h[s + j] }
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
            var dGi = [Float](repeating: 0, count: 3 * n), dGh = dGi
            var dH = [Float](repeating: 0, count: n)
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
                    for j in 0..<width {
                        let (rj, zj, nj) = (r[s + j], z[s + j], candidate[s + j])
                        let d = dOut[s + j]
                        dH[s + j] = d * zj
                        let dn = d * (1 - zj) * (1 - nj * nj)
                        let dz = d * (h[s + j] - nj) * zj * (1 - zj)
                        let dr = dn * hn[gOff + 2 * width + j] * rj * (1 - rj)
                        dGi[gOff + j] = dr;             dGh[gOff + j] = dr
                        dGi[gOff + width + j] = dz;     dGh[gOff + width + j] = dz
                        dGi[gOff + 2 * width + j] = dn; dGh[gOff + 2 * width + j] = dn * rj
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
