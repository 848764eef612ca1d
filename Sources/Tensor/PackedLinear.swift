import CKernels

/// A linear layer `y = s·(x Wᵀ) + b` packed for a few rows at a time (`jumpy_dense`): the
/// weight transposed, its rows padded to a multiple of 16 floats, in memory of its own.
///
/// For rollouts, whose ticks multiply one or a few rows by each weight: at that size sgemm
/// costs more in dispatch and packing than in arithmetic, and a Tensor per product costs
/// more again. Every output is summed in input order with fused multiply-adds, so the result
/// does not depend on the CPU's vector width nor on the other rows of the batch (it differs
/// from sgemm's in the last bits). From `sgemmRows` rows on, sgemm does the products.
public final class PackedLinear: @unchecked Sendable {  // immutable after init
    public let inputs: Int, outputs: Int
    /// Floats per packed row (`outputs` rounded up to 16).
    let stride: Int
    let weights: UnsafeMutablePointer<Float>, bias: UnsafeMutablePointer<Float>
    /// The weight as given, `[outputs, inputs]`, for sgemm on many rows.
    let rowMajor: UnsafeMutablePointer<Float>

    /// From this many rows on, `apply` multiplies with sgemm and finishes in a second pass:
    /// rollouts of hidden 128 ran ~10% faster so at 200 rows, as fast at 100, and slower
    /// below (at 16 rows, 0.6×).
    nonisolated(unsafe) static var sgemmRows = 128

    /// What follows the sum: nothing, relu, or relu added to a residual `[rows, outputs]`
    /// (the residual MLP's `h + relu(L h)`). Relu is Swift's `max(a, 0)`.
    public enum Epilogue {
        case none
        case relu
        case residualRelu(UnsafePointer<Float>, stride: Int)
    }

    /// Packs `weight` (`[outputs, inputs]`, PyTorch's layout) and `bias` (`[outputs]`).
    public init(weight: Tensor, bias: Tensor) {
        precondition(weight.rank == 2 && bias.shape == [weight.shape[0]],
                     "PackedLinear: weight \(weight.shape) and bias \(bias.shape) do not fit")
        outputs = weight.shape[0]
        inputs = weight.shape[1]
        stride = (outputs + 15) / 16 * 16
        let (w, b) = (weight.scalars, bias.scalars)
        let packed = UnsafeMutablePointer<Float>.allocate(capacity: max(1, inputs * stride))
        packed.initialize(repeating: 0, count: inputs * stride)
        for j in 0..<outputs {
            for p in 0..<inputs { packed[p * stride + j] = w[j * inputs + p] }
        }
        weights = packed
        rowMajor = .allocate(capacity: max(1, outputs * inputs))
        rowMajor.initialize(repeating: 0, count: outputs * inputs)
        for i in 0..<(outputs * inputs) { rowMajor[i] = w[i] }
        self.bias = .allocate(capacity: max(1, outputs))
        self.bias.initialize(repeating: 0, count: outputs)
        for j in 0..<outputs { self.bias[j] = b[j] }
    }

    deinit {
        weights.deallocate()
        rowMajor.deallocate()
        bias.deallocate()
    }

    /// `y[b] = epilogue(scale · (x[b] Wᵀ) + bias)` for `rows` rows; `x` and `y` rows are
    /// `xStride` and `yStride` floats apart. `level` picks the instruction set (tests: every
    /// level gives the same bits); −1 is the best the CPU has.
    @inline(__always)
    public func apply(_ x: UnsafePointer<Float>, stride xStride: Int, rows: Int, scale: Float = 1,
                      epilogue: Epilogue = .none, into y: UnsafeMutablePointer<Float>, stride yStride: Int,
                      level: Int32 = -1) {
        if level < 0 && rows >= Self.sgemmRows {
            sgemm(false, true, m: rows, n: outputs, k: inputs, alpha: scale, x, lda: xStride, rowMajor, ldb: inputs,
                  beta: 0, y, ldc: yStride)
            finish(y, stride: yStride, rows: rows, epilogue: epilogue)
            return
        }
        var residual: UnsafePointer<Float>? = nil, residualStride = 0, mode = Int32(JUMPY_DENSE_PLAIN)
        switch epilogue {
        case .none: break
        case .relu: mode = Int32(JUMPY_DENSE_RELU)
        case .residualRelu(let r, let s): (residual, residualStride, mode) = (r, s, Int32(JUMPY_DENSE_RESIDUAL_RELU))
        }
        jumpy_dense(level, x, xStride, rows, inputs, weights, outputs, stride, bias, scale, mode,
                    residual, residualStride, y, yStride)
    }

    /// The bias and the epilogue on sgemm's `s·(x Wᵀ)`, as `jumpy_dense` finishes its sums.
    private func finish(_ y: UnsafeMutablePointer<Float>, stride: Int, rows: Int, epilogue: Epilogue) {
        for row in 0..<rows {
            let out = y + row * stride
            switch epilogue {
            case .none:
                for j in 0..<outputs { out[j] = out[j] + bias[j] }
            case .relu:
                for j in 0..<outputs { out[j] = max(out[j] + bias[j], 0) }
            case .residualRelu(let r, let s):
                let residual = r + row * s
                for j in 0..<outputs { out[j] = residual[j] + max(out[j] + bias[j], 0) }
            }
        }
    }

    /// The instruction-set levels this CPU runs: 0 (portable) up to the best.
    public static var levels: ClosedRange<Int32> { 0...jumpy_dense_best_level() }
}

extension Tensor {
    /// PyTorch's GRUCell gate arithmetic on raw rows (the kernel `gruGates` uses, same bits):
    /// `out = (1 − z) ⊙ n + z ⊙ h` from input gates `[rows, 3R]`, hidden gates `[rows, 3R]` and
    /// `h` `[rows, R]`. For loops that keep their own buffers (rollout ticks).
    @inline(__always)
    public static func gruGates(inputGates: UnsafePointer<Float>, hiddenGates: UnsafePointer<Float>,
                                hidden: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        jumpy_gru_gates(inputGates, hiddenGates, hidden, out, nil, nil, nil, rows, width)
    }
}
