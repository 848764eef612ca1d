import CKernels

extension Tensor {
    /// A GRU run over a whole sequence as one primitive: `x` `[T, B, I]`, the initial hidden
    /// state `h0` `[B, R]` and PyTorch's `GRUCell` parameters (`weightIH` `[3R, I]`, `biasIH`
    /// `[3R]`, `weightHH` `[3R, R]`, `biasHH` `[3R]`) give the hidden state after every frame,
    /// `[T, B, R]`, exactly as `gruGates` stepped T times.
    ///
    /// The baseline RNN ticks every frame with nothing between ticks, so its recurrence need
    /// not go through the tape frame by frame. Here one frame's input gates are computed,
    /// used and (backward) turned into their weight and input gradients while they are in
    /// cache; composed, the `[T·B, 3R]` gate matrix and its gradient (17 MB at batch 256)
    /// stream from memory several times.
    public static func gruSequence(_ x: Tensor, initial h0: Tensor, weightIH: Tensor, biasIH: Tensor,
                                   weightHH: Tensor, biasHH: Tensor) -> Tensor {
        precondition(x.rank == 3 && h0.rank == 2 && h0.shape[0] == x.shape[1],
                     "gruSequence needs x [T, B, I] and h0 [B, R], got \(x.shape) and \(h0.shape)")
        let (frames, batch, inputs) = (x.shape[0], x.shape[1], x.shape[2])
        let width = h0.shape[1], gates = 3 * width
        precondition(weightIH.shape == [gates, inputs] && biasIH.shape == [gates]
                     && weightHH.shape == [gates, width] && biasHH.shape == [gates],
                     "gruSequence: weights \(weightIH.shape), \(weightHH.shape) and biases \(biasIH.shape), \(biasHH.shape) do not fit x \(x.shape), h0 \(h0.shape)")
        let frameSize = batch * width
        // Saved per frame for the pullback: r, z, n and the hidden gates' n block.
        let saved = FloatBuffer(count: 4 * frames * frameSize)
        let scratch = FloatBuffer(count: 2 * batch * gates)
        let states = withPointers([x.scalars, h0.scalars, biasIH.scalars, biasHH.scalars]) { p in
            makeArray(count: frames * frameSize) { out in
                let (xs, h0, bIH, bHH) = (p[0], p[1], p[2], p[3])
                let (gi, gh) = (scratch.base, scratch.base + batch * gates)
                // Packed once for all frames (the same bits as packing them for every product).
                let packedIH = weightIH.packedOperand(transposed: true, k: inputs, n: gates)
                let packedHH = weightHH.packedOperand(transposed: true, k: width, n: gates)
                for t in 0..<frames {
                    let previous = t == 0 ? h0 : UnsafePointer(out + (t - 1) * frameSize)
                    fillRows(gi, rows: batch, with: bIH, columns: gates)
                    packedIH.product(false, m: batch, xs + t * batch * inputs, lda: inputs, beta: 1, gi, ldc: gates)
                    fillRows(gh, rows: batch, with: bHH, columns: gates)
                    packedHH.product(false, m: batch, previous, lda: width, beta: 1, gh, ldc: gates)
                    let (r, z, n, hn) = savedFrame(saved.base, t, frames: frames, frameSize: frameSize)
                    jumpy_gru_gates(gi, gh, previous, out + t * frameSize, r, z, n, batch, width)
                    for b in 0..<batch { (hn + b * width).update(from: gh + b * gates + 2 * width, count: width) }
                }
            }
        }
        let operands = [x, h0, weightIH, biasIH, weightHH, biasHH]
        return record(shape: [frames, batch, width], scalars: states, operands: operands) { [saved] g in
            defer { withExtendedLifetime(saved) {} }
            let dWIH = FloatBuffer(count: gates * inputs, zeroed: true), dBIH = FloatBuffer(count: gates, zeroed: true)
            let dWHH = FloatBuffer(count: gates * width, zeroed: true), dBHH = FloatBuffer(count: gates, zeroed: true)
            let work = FloatBuffer(count: 2 * batch * gates + frameSize)
            // Every frame of dx is written by a β = 0 product: no zero fill.
            let dxCount = x.requiresGrad ? x.count : 0
            var dx = [Float](unsafeUninitializedCapacity: dxCount) { $1 = dxCount }
            var dh = [Float](repeating: 0, count: frameSize)   // d loss / d h, carried backwards
            withPointers([g.scalars, x.scalars, h0.scalars, states]) { p in
                let (dOut, xs, h0, hs) = (p[0], p[1], p[2], p[3])
                let (dGi, dGh) = (work.base, work.base + batch * gates)
                let packedIH = x.requiresGrad ? weightIH.packedOperand(transposed: false, k: gates, n: inputs) : nil
                let packedHH = weightHH.packedOperand(transposed: false, k: gates, n: width)
                dx.withUnsafeMutableBufferPointer { dxBuffer in
                dh.withUnsafeMutableBufferPointer { dhBuffer in
                    let dh = dhBuffer.baseAddress!
                    for t in stride(from: frames - 1, through: 0, by: -1) {
                        let previous = t == 0 ? h0 : hs + (t - 1) * frameSize
                        let (r, z, n, hn) = savedFrame(saved.base, t, frames: frames, frameSize: frameSize)
                        let gOut = dOut + t * frameSize
                        for b in 0..<batch {
                            let s = b * width, o = b * gates
                            for j in 0..<width {
                                let (dr, dz, dn, direct) = gruGateGradients(dh[s + j] + gOut[s + j], r: r[s + j], z: z[s + j],
                                                                            n: n[s + j], hidden: previous[s + j], hiddenN: hn[s + j])
                                dGi[o + j] = dr; dGi[o + width + j] = dz; dGi[o + 2 * width + j] = dn
                                dGh[o + j] = dr; dGh[o + width + j] = dz; dGh[o + 2 * width + j] = dn * r[s + j]
                                dh[s + j] = direct                 // the product W_hh adds next
                            }
                        }
                        sgemm(true, false, m: gates, n: inputs, k: batch, dGi, lda: gates, xs + t * batch * inputs,
                              ldb: inputs, beta: 1, dWIH.base, ldc: inputs)
                        addColumnSums(dGi, rows: batch, columns: gates, into: dBIH.base)
                        if let dxBase = dxBuffer.baseAddress, let packedIH {
                            packedIH.product(false, m: batch, dGi, lda: gates, beta: 0, dxBase + t * batch * inputs, ldc: inputs)
                        }
                        sgemm(true, false, m: gates, n: width, k: batch, dGh, lda: gates, previous, ldb: width,
                              beta: 1, dWHH.base, ldc: width)
                        addColumnSums(dGh, rows: batch, columns: gates, into: dBHH.base)
                        packedHH.product(false, m: batch, dGh, lda: gates, beta: 1, dh, ldc: width)
                    }
                }
                }
            }
            return [x.requiresGrad ? Tensor(shape: x.shape, scalars: dx) : nil,
                    h0.requiresGrad ? Tensor(shape: h0.shape, scalars: dh) : nil,
                    Tensor(shape: [gates, inputs], scalars: dWIH.array), Tensor(shape: [gates], scalars: dBIH.array),
                    Tensor(shape: [gates, width], scalars: dWHH.array), Tensor(shape: [gates], scalars: dBHH.array)]
        }
    }
}

/// Frame `t`'s saved r, z, n and hidden-gate n block, each `[B, R]`.
@inline(__always)
private func savedFrame(_ base: UnsafeMutablePointer<Float>, _ t: Int, frames: Int, frameSize: Int)
    -> (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) {
    let part = frames * frameSize, at = t * frameSize
    return (base + at, base + part + at, base + 2 * part + at, base + 3 * part + at)
}
