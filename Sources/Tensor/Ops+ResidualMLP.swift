extension Tensor {
    /// The reference's residual MLP as one primitive:
    ///
    ///     h₁ = relu(L₁(s·x));  h₂ = h₁ + relu(L₂ h₁);  h₃ = h₂ + relu(L₃ h₂);  y = L₄ h₃
    ///
    /// with `Lᵢ(v) = v Wᵢᵀ + bᵢ` (PyTorch's layout, `Wᵢ` `[out, in]`), `x` `[N, I]` and the
    /// input scale `s` folded into the first product (the decoder reads `h·τ`).
    ///
    /// The encoder and decoder see every frame of a batch at once (N = 11 264 rows at batch
    /// 256). Composed from `affine`, `relu` and `+`, that costs about 1.6× its matrix products:
    /// each element-wise pass streams the whole batch from memory. Here the rows go through
    /// in blocks (`rowBlock`), each relu is fused with the residual sum, the backward masks
    /// share a pass with the bias gradients, and the residual gradients accumulate in place.
    public static func residualMLP(_ x: Tensor, weights: [Tensor], biases: [Tensor], inputScale: Float = 1) -> Tensor {
        precondition(weights.count == 4 && biases.count == 4, "residualMLP needs four weights and four biases")
        precondition(x.rank == 2, "residualMLP needs x [N, I], got \(x.shape)")
        let (n, inputs) = (x.shape[0], x.shape[1])
        let hidden = weights[0].shape[0], outputs = weights[3].shape[0]
        // Checked without building arrays: a batch-1 rollout calls this twice a tick.
        let sizes = [(hidden, inputs), (hidden, hidden), (hidden, hidden), (outputs, hidden)]
        for (i, (rows, columns)) in sizes.enumerated() {
            let (w, b) = (weights[i].shape, biases[i].shape)
            precondition(w.count == 2 && w[0] == rows && w[1] == columns && b.count == 1 && b[0] == rows,
                         "residualMLP layer \(i + 1): weight \(w), bias \(b) do not fit x \(x.shape)")
        }
        let recording = GradMode.isRecording
            && (x.requiresGrad || weights.contains(where: \.requiresGrad) || biases.contains(where: \.requiresGrad))
        let parameters = weights.map(\.scalars) + biases.map(\.scalars)

        // The hidden values the backward pass reads, whole when recording and one block of
        // scratch otherwise: h₁, relu(a₂), h₂, relu(a₃), h₃.
        let kept = recording ? n : min(n, rowBlock)
        let saved = FloatBuffer(count: 5 * kept * hidden)
        let savedParts = (0..<5).map { saved.base + $0 * kept * hidden }
        let packed = (0..<4).map { weights[$0].packedOperand(transposed: true, k: sizes[$0].1, n: sizes[$0].0) }
        let y = withPointers([x.scalars] + parameters) { p in
            let (xs, b) = (p[0], Array(p[5...8]))
            return makeArray(count: n * outputs) { out in
                let s = savedParts
                for start in stride(from: 0, to: n, by: rowBlock) {
                    let rows = min(rowBlock, n - start)
                    let at = recording ? start * hidden : 0
                    let (h1, r2, h2, r3, h3) = (s[0] + at, s[1] + at, s[2] + at, s[3] + at, s[4] + at)
                    packed[0].product(false, m: rows, alpha: inputScale, xs + start * inputs, lda: inputs,
                                      beta: 0, h1, ldc: hidden)
                    for row in 0..<rows {
                        let h = h1 + row * hidden
                        for j in 0..<hidden { h[j] = max(h[j] + b[0][j], 0) }
                    }
                    residualLayer(h1, into: r2, sum: h2, rows: rows, hidden: hidden, weight: packed[1], bias: b[1])
                    residualLayer(h2, into: r3, sum: h3, rows: rows, hidden: hidden, weight: packed[2], bias: b[2])
                    let y = out + start * outputs
                    fillRows(y, rows: rows, with: b[3], columns: outputs)
                    packed[3].product(false, m: rows, h3, lda: hidden, beta: 1, y, ldc: outputs)
                }
            }
        }
        guard recording else { return Tensor(shape: [n, outputs], scalars: y) }

        let shapes = sizes.map { [$0.0, $0.1] }
        let operands = [x] + zip(weights, biases).flatMap { [$0, $1] }
        return record(shape: [n, outputs], scalars: y, operands: operands) { [saved] g in
            // `savedParts` point into `saved`: keep it alive to the end of the pullback.
            defer { withExtendedLifetime(saved) {} }
            let wantsInput = x.requiresGrad
            let grads = shapes.map { FloatBuffer(count: $0[0] * $0[1], zeroed: true) }
                + shapes.map { FloatBuffer(count: $0[0], zeroed: true) }
            let scratch = (0..<2).map { _ in FloatBuffer(count: min(n, rowBlock) * hidden) }
            // Every block of dx is written by a β = 0 product: no zero fill.
            let dxCount = wantsInput ? n * inputs : 0
            var dx = [Float](unsafeUninitializedCapacity: dxCount) { $1 = dxCount }
            withPointers([g.scalars, x.scalars] + parameters) { p in
                let (dy, xs, w, s) = (p[0], p[1], Array(p[2...5]), savedParts)
                dx.withUnsafeMutableBufferPointer { dxBuffer in
                    let (dW, db) = (grads[0...3].map(\.base), grads[4...7].map(\.base))
                    let (gh, ga) = (scratch[0].base, scratch[1].base)
                    for start in stride(from: 0, to: n, by: rowBlock) {
                        let rows = min(rowBlock, n - start), at = start * hidden
                        let (h1, r2, h2, r3, h3) = (s[0] + at, s[1] + at, s[2] + at, s[3] + at, s[4] + at)
                        let dyBlock = dy + start * outputs
                        // Layer 4: y = L₄ h₃.
                        sgemm(true, false, m: outputs, n: hidden, k: rows, dyBlock, lda: outputs, h3, ldb: hidden,
                              beta: 1, dW[3], ldc: hidden)
                        addColumnSums(dyBlock, rows: rows, columns: outputs, into: db[3])
                        sgemm(false, false, m: rows, n: hidden, k: outputs, dyBlock, lda: outputs, w[3], ldb: hidden,
                              beta: 0, gh, ldc: hidden)
                        // Layers 3 and 2: h' = h + relu(L h); gh carries d/dh' and becomes d/dh.
                        for (layer, relu, input) in [(2, r3, h2), (1, r2, h1)] {
                            maskRows(gh, by: relu, into: ga, rows: rows, columns: hidden, sums: db[layer])
                            sgemm(true, false, m: hidden, n: hidden, k: rows, ga, lda: hidden, input, ldb: hidden,
                                  beta: 1, dW[layer], ldc: hidden)
                            sgemm(false, false, m: rows, n: hidden, k: hidden, ga, lda: hidden, w[layer], ldb: hidden,
                                  beta: 1, gh, ldc: hidden)
                        }
                        // Layer 1: h₁ = relu(L₁(s·x)).
                        maskRows(gh, by: h1, into: ga, rows: rows, columns: hidden, sums: db[0])
                        sgemm(true, false, m: hidden, n: inputs, k: rows, alpha: inputScale, ga, lda: hidden,
                              xs + start * inputs, ldb: inputs, beta: 1, dW[0], ldc: inputs)
                        if wantsInput {
                            sgemm(false, false, m: rows, n: inputs, k: hidden, alpha: inputScale, ga, lda: hidden,
                                  w[0], ldb: inputs, beta: 0, dxBuffer.baseAddress! + start * inputs, ldc: inputs)
                        }
                    }
                }
            }
            func t(_ s: [Float], _ shape: [Int]) -> Tensor { Tensor(shape: shape, scalars: s) }
            return [wantsInput ? t(dx, [n, inputs]) : nil]
                + (0..<4).flatMap { [t(grads[$0].array, shapes[$0]), t(grads[4 + $0].array, [shapes[$0][0]])] }
        }
    }
}

/// `r = relu(h Wᵀ + b)` and `sum = h + r` for one block of rows.
@inline(__always)
private func residualLayer(_ h: UnsafeMutablePointer<Float>, into r: UnsafeMutablePointer<Float>,
                           sum: UnsafeMutablePointer<Float>, rows: Int, hidden: Int,
                           weight: PackedMatrix, bias: UnsafePointer<Float>) {
    weight.product(false, m: rows, h, lda: hidden, beta: 0, r, ldc: hidden)
    // The bias joins in the relu's pass rather than being written first for sgemm to add onto.
    for row in 0..<rows {
        let (rRow, hRow, sumRow) = (r + row * hidden, h + row * hidden, sum + row * hidden)
        for j in 0..<hidden {
            let v = max(rRow[j] + bias[j], 0)
            rRow[j] = v
            sumRow[j] = hRow[j] + v
        }
    }
}

/// `masked = g` where `activation > 0`, else 0 (the relu's pullback), adding the column sums
/// of `masked` (the bias gradient) to `sums` in the same pass.
@inline(__always)
private func maskRows(_ g: UnsafePointer<Float>, by activation: UnsafePointer<Float>, into masked: UnsafeMutablePointer<Float>,
                      rows: Int, columns: Int, sums: UnsafeMutablePointer<Float>) {
    for row in 0..<rows {
        let (gRow, aRow, mRow) = (g + row * columns, activation + row * columns, masked + row * columns)
        // Both loads unconditional and the mask a select, so the loop vectorises.
        for j in 0..<columns {
            let (gj, aj) = (gRow[j], aRow[j])
            let v = aj > 0 ? gj : 0
            mRow[j] = v
            sums[j] += v
        }
    }
}
