// Matrix products through jumpy's own kernel (`sgemm` in RowBlocks.swift: one fixed order of
// sums on every CPU), the one place the FLOPs are.

/// C[m, n] = α op(A) · op(B) + C on raw row-major buffers, where op transposes when asked.
/// `A` is [m, k] (or [k, m] transposed) and `B` is [k, n] (or [n, k] transposed).
func gemm(_ a: [Float], _ b: [Float], m: Int, n: Int, k: Int,
          transposeA: Bool, transposeB: Bool, alpha: Float = 1, accumulateInto c: inout [Float]) {
    precondition(c.count == m * n)
    c.withUnsafeMutableBufferPointer { pc in
        gemm(a, b, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, alpha: alpha, beta: 1,
             into: pc.baseAddress!)
    }
}

/// A fresh C[m, n] = α op(A) · op(B), written over uninitialised memory (no zero fill).
func gemm(_ a: [Float], _ b: [Float], m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool,
          alpha: Float = 1) -> [Float] {
    [Float](unsafeUninitializedCapacity: m * n) { buffer, initialized in
        if k == 0 {
            buffer.initialize(repeating: 0)
        } else if m * n > 0 {
            gemm(a, b, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, alpha: alpha, beta: 0,
                 into: buffer.baseAddress!)
        }
        initialized = m * n
    }
}

private func gemm(_ a: [Float], _ b: [Float], m: Int, n: Int, k: Int,
                  transposeA: Bool, transposeB: Bool, alpha: Float, beta: Float, into c: UnsafeMutablePointer<Float>) {
    // k = 0 adds nothing (β = 1 here; the β = 0 caller fills zeros itself), and an empty
    // operand has no address.
    if m == 0 || n == 0 || k == 0 { return }
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            sgemm(transposeA, transposeB, m: m, n: n, k: k, alpha: alpha, pa.baseAddress!, lda: transposeA ? m : k,
                  pb.baseAddress!, ldb: transposeB ? k : n, beta: beta, c, ldc: n)
        }
    }
}

extension Tensor {
    /// The matrix product `op(self) · op(other)` of two rank-2 tensors, where `op` transposes
    /// the operand when asked (no copy is made: BLAS reads it transposed).
    ///
    ///     // x is [B, I], w is [O, I] (PyTorch's Linear layout): y = x wᵀ is [B, O]
    ///     let y = x.matmul(w, transposeOther: true)
    public func matmul(_ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false) -> Tensor {
        precondition(rank == 2 && other.rank == 2,
                     "matmul needs rank-2 operands, got \(shape) and \(other.shape)")
        let (m, k) = transposeSelf ? (shape[1], shape[0]) : (shape[0], shape[1])
        let (k2, n) = transposeOther ? (other.shape[1], other.shape[0]) : (other.shape[0], other.shape[1])
        precondition(k == k2, "matmul inner dimensions differ: \(shape)\(transposeSelf ? "ᵀ" : "") · \(other.shape)\(transposeOther ? "ᵀ" : "")")
        let out = gemm(scalars, other.scalars, m: m, n: n, k: k,
                       transposeA: transposeSelf, transposeB: transposeOther)
        let a = self, b = other
        return Tensor.record(shape: [m, n], scalars: out, operands: [a, b]) { g in
            // With C = op(A) op(B): dop(A) = dC op(B)ᵀ and dop(B) = op(A)ᵀ dC, transposed back
            // when the operand itself entered transposed.
            var da: Tensor? = nil, db: Tensor? = nil
            if a.requiresGrad {
                da = transposeSelf
                    ? Tensor.product(b, g, m: k, n: m, k: n, transposeA: transposeOther, transposeB: true)
                    : Tensor.product(g, b, m: m, n: k, k: n, transposeA: false, transposeB: !transposeOther)
            }
            if b.requiresGrad {
                db = transposeOther
                    ? Tensor.product(g, a, m: n, n: k, k: m, transposeA: true, transposeB: transposeSelf)
                    : Tensor.product(a, g, m: k, n: n, k: m, transposeA: !transposeSelf, transposeB: false)
            }
            return [da, db]
        }
    }

    /// A constant product of raw operands (used by pullbacks).
    static func product(_ a: Tensor, _ b: Tensor, m: Int, n: Int, k: Int,
                        transposeA: Bool, transposeB: Bool) -> Tensor {
        Tensor(shape: [m, n], scalars: gemm(a.scalars, b.scalars, m: m, n: n, k: k,
                                            transposeA: transposeA, transposeB: transposeB))
    }
}
