import CKernels

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
        // Three separate buffers (a copy of one array would share it until the first write).
        var r = [Float](unsafeUninitializedCapacity: n) { $1 = n }
        var z = [Float](unsafeUninitializedCapacity: n) { $1 = n }
        var candidate = [Float](unsafeUninitializedCapacity: n) { $1 = n }
        let out = makeArray(count: n) { out in
            withPointers([inputGates.scalars, hiddenGates.scalars, hidden.scalars]) { p in
                r.withUnsafeMutableBufferPointer { r in
                    z.withUnsafeMutableBufferPointer { z in
                        candidate.withUnsafeMutableBufferPointer { candidate in
                            jumpy_gru_gates(p[0], p[1], p[2], out, r.baseAddress, z.baseAddress, candidate.baseAddress,
                                            batch, width)
                        }
                    }
                }
            }
        }
        return record(shape: hidden.shape, scalars: out,
                      operands: [inputGates, hiddenGates, hidden]) { [hn = hiddenGates.scalars, h = hidden.scalars] g in
            // Every element is written below, so none is zero-filled first.
            var dGi = [Float](unsafeUninitializedCapacity: 3 * n) { $1 = 3 * n }
            var dGh = [Float](unsafeUninitializedCapacity: 3 * n) { $1 = 3 * n }
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
                        let (dr, dz, dn, dh) = gruGateGradients(dRow[j], r: rRow[j], z: zRow[j], n: nRow[j],
                                                                hidden: hRow[j], hiddenN: hnRow[j])
                        dhRow[j] = dh
                        giR[j] = dr; ghR[j] = dr
                        giZ[j] = dz; ghZ[j] = dz
                        giN[j] = dn; ghN[j] = dn * rRow[j]
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

/// The pullback of the gates for one element: from `d` = d loss / d h' and the forward
/// values, the gradients of the r, z and n pre-activations and of `h` along `h' = … + z ⊙ h`.
/// (The hidden gates' n block receives `dn · r`.)
@inline(__always)
func gruGateGradients(_ d: Float, r: Float, z: Float, n: Float, hidden: Float, hiddenN: Float)
    -> (dr: Float, dz: Float, dn: Float, dHidden: Float) {
    let dn = d * (1 - z) * (1 - n * n)
    let dz = d * (hidden - n) * z * (1 - z)
    let dr = dn * hiddenN * r * (1 - r)
    return (dr, dz, dn, d * z)
}

/// The GRU gates without a tape (rollouts): nothing is saved for a pullback.
private func gruGatesValue(_ inputGates: [Float], _ hiddenGates: [Float], _ hidden: [Float],
                           batch: Int, width: Int) -> [Float] {
    withPointers([inputGates, hiddenGates, hidden]) { p in
        makeArray(count: batch * width) { out in
            jumpy_gru_gates(p[0], p[1], p[2], out, nil, nil, nil, batch, width)
        }
    }
}
