extension Tensor {
    /// The affine map of a linear layer, fused: `x Wᵀ + b` with `x` `[N, I]`, `weight`
    /// `[O, I]` (PyTorch layout) and `bias` `[O]`, giving `[N, O]`.
    ///
    /// One primitive instead of a product and a broadcast add: the bias is written into the
    /// output first and sgemm accumulates onto it, and the backward pass computes db as a
    /// column sum, not a general broadcast reduction. This is where training spends its time.
    public static func affine(_ x: Tensor, weight: Tensor, bias: Tensor) -> Tensor {
        precondition(x.rank == 2 && weight.rank == 2 && bias.rank == 1,
                     "affine needs x [N, I], weight [O, I], bias [O]; got \(x.shape), \(weight.shape), \(bias.shape)")
        let (n, i) = (x.shape[0], x.shape[1])
        let o = weight.shape[0]
        precondition(weight.shape[1] == i && bias.shape[0] == o,
                     "affine: x \(x.shape) does not fit weight \(weight.shape) and bias \(bias.shape)")
        let packed = weight.packedOperand(transposed: true, k: i, n: o)
        let out = withPointers([bias.scalars, x.scalars]) { p in
            makeArray(count: n * o) { out in
                fillRows(out, rows: n, with: p[0], columns: o)
                packed.product(false, m: n, p[1], lda: i, beta: 1, out, ldc: o)
            }
        }
        return record(shape: [n, o], scalars: out, operands: [x, weight, bias]) { g in
            // g is [N, O]: dx = g W, dW = gᵀ x, db = Σ_rows g.
            let dx = x.requiresGrad
                ? product(g, weight, m: n, n: i, k: o, transposeA: false, transposeB: false) : nil
            let dw = weight.requiresGrad
                ? product(g, x, m: o, n: i, k: n, transposeA: true, transposeB: false) : nil
            var db: Tensor? = nil
            if bias.requiresGrad {
                db = Tensor(shape: [o], scalars: columnSums(g.scalars, rows: n, columns: o))
            }
            return [dx, dw, db]
        }
    }
}

/// Σ over rows of a row-major [rows, columns] matrix, each column summed in row order.
func columnSums(_ matrix: [Float], rows: Int, columns: Int) -> [Float] {
    [Float](unsafeUninitializedCapacity: columns) { buffer, initialized in
        buffer.initialize(repeating: 0)
        if rows > 0 && columns > 0 {
            matrix.withUnsafeBufferPointer { m in
                addColumnSums(m.baseAddress!, rows: rows, columns: columns, into: buffer.baseAddress!)
            }
        }
        initialized = columns
    }
}
