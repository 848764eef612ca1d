import CKernels

/// A linear layer `y = s·(x Wᵀ) + b` packed for rollout ticks (`jumpy_dense`): the weight
/// transposed, its rows padded to a multiple of 16 floats, in panels of 64 columns (each
/// `[inputs, 64]` block contiguous, so the kernel's walk over the inputs stays in L1), in
/// memory of its own.
///
/// At a tick's sizes (1 to a few hundred rows, at most 384 × 128) sgemm spends more in
/// dispatch and packing than in arithmetic at a few rows, and with the weights packed once
/// this kernel is 1.2× sgemm's rollouts at 200 and 500 rows too (`docs/results.md`); a Tensor
/// per product costs more again. Every output is summed in input order with fused
/// multiply-adds, so the result depends neither on the CPU's vector width nor on the other
/// rows of the batch (it differs from sgemm's in the last bits).
public final class PackedLinear: @unchecked Sendable {  // immutable after init
    public let inputs: Int, outputs: Int
    /// Floats per packed row (`outputs` rounded up to 16).
    let stride: Int
    let weights: UnsafeMutablePointer<Float>, bias: UnsafeMutablePointer<Float>

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
            let start = j / 64 * 64, width = min(64, stride - start)   // the panel holding column j
            for p in 0..<inputs { packed[start * inputs + p * width + (j - start)] = w[j * inputs + p] }
        }
        weights = packed
        self.bias = .allocate(capacity: max(1, outputs))
        self.bias.initialize(repeating: 0, count: outputs)
        for j in 0..<outputs { self.bias[j] = b[j] }
    }

    deinit {
        weights.deallocate()
        bias.deallocate()
    }

    /// `y[b] = epilogue(scale · (x[b] Wᵀ) + bias)` for `rows` rows; `x` and `y` rows are
    /// `xStride` and `yStride` floats apart, on the instruction set `path` (every path gives
    /// the same bits).
    @inline(__always)
    public func apply(_ x: UnsafePointer<Float>, stride xStride: Int, rows: Int, scale: Float = 1,
                      epilogue: Epilogue = .none, into y: UnsafeMutablePointer<Float>, stride yStride: Int,
                      path: KernelPath = .current) {
        var residual: UnsafePointer<Float>? = nil, residualStride = 0, mode = Int32(JUMPY_DENSE_PLAIN)
        switch epilogue {
        case .none: break
        case .relu: mode = Int32(JUMPY_DENSE_RELU)
        case .residualRelu(let r, let s): (residual, residualStride, mode) = (r, s, Int32(JUMPY_DENSE_RESIDUAL_RELU))
        }
        jumpy_dense(path.rawValue, x, xStride, rows, inputs, weights, outputs, stride, bias, scale, mode,
                    residual, residualStride, y, yStride)
    }
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
