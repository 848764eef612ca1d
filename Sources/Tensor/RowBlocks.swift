import CKernels
import Foundation

// Raw-pointer building blocks for fused primitives such as `residualMLP`, which walks a
// large batch in blocks of rows.
//
// A training batch reaches the encoder and the decoder as one matrix of T·B rows (11 264 at
// batch 256). Taken whole, every element-wise pass between two products
// streams megabytes from memory. Taken a block at a time, a block's
// intermediates stay in cache from one product to the next, and weight gradients accumulate
// block by block with β = 1.

/// Rows per block: one batch-256 frame; a block's five [256, 128] intermediates (640 KiB)
/// stay in L2.
let rowBlock = 256

/// `C = α op(A) op(B) + β C` on row-major matrices given by pointer and leading dimension,
/// each output one fixed chain of fused multiply-adds (`jumpy_gemm`): the same bits on every
/// CPU, and a row's result whatever rows share its product.
@inline(__always)
func sgemm(_ transposeA: Bool, _ transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
           _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
           beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int) {
    Threads.configureOnce()   // the allocator's settings, before the first product's buffers
    jumpy_gemm(KernelPath.current.rawValue, transposeA ? 1 : 0, transposeB ? 1 : 0, m, n, k, alpha,
               a, lda, b, ldb, beta, c, ldc)
}

/// `op(B)` `[k, n]` packed once for many products with it (a weight, across the frames of a
/// sequence): `product` gives the bits `sgemm` would, without packing B again.
struct PackedMatrix {
    let path: KernelPath
    let k: Int, n: Int
    let buffer: FloatBuffer

    /// What a packing depends on besides the values.
    struct Key: Hashable { let path: KernelPath, transposed: Bool, k: Int, n: Int }

    /// Guards every leaf's cache of packed operands (rollouts read one model from several threads).
    static let cacheLock = NSLock()

    init(_ b: UnsafePointer<Float>, transposed: Bool, k: Int, n: Int, ldb: Int, path: KernelPath = .current) {
        (self.path, self.k, self.n) = (path, k, n)
        buffer = FloatBuffer(count: jumpy_gemm_packed_b_count(path.rawValue, k, n))
        jumpy_gemm_pack_b(path.rawValue, transposed ? 1 : 0, k, n, b, ldb, buffer.base)
    }

    /// `C = α op(A) B + β C` for `m` rows of A.
    @inline(__always)
    func product(_ transposeA: Bool, m: Int, alpha: Float = 1, _ a: UnsafePointer<Float>, lda: Int,
                 beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int) {
        jumpy_gemm_packed(path.rawValue, transposeA ? 1 : 0, m, n, k, alpha, a, lda, buffer.base, beta, c, ldc)
    }
}

/// Rows `[rows, columns]` at `out` set to `bias`, ready for sgemm to add onto (β = 1).
@inline(__always)
func fillRows(_ out: UnsafeMutablePointer<Float>, rows: Int, with bias: UnsafePointer<Float>, columns: Int) {
    for row in 0..<rows { (out + row * columns).update(from: bias, count: columns) }
}

/// `sums[j] += Σ_rows m[row, j]`, each column summed over the rows in order.
@inline(__always)
func addColumnSums(_ m: UnsafePointer<Float>, rows: Int, columns: Int, into sums: UnsafeMutablePointer<Float>) {
    for row in 0..<rows {
        let r = m + row * columns
        for j in 0..<columns { sums[j] += r[j] }
    }
}

/// Calls `body` with a pointer to each array's elements (valid only inside `body`); an empty
/// array gets a pointer that must not be read.
func withPointers<Result>(_ arrays: [[Float]], _ body: ([UnsafePointer<Float>]) -> Result) -> Result {
    var pointers: [UnsafePointer<Float>] = []
    pointers.reserveCapacity(arrays.count)
    func nest(_ i: Int) -> Result {
        if i == arrays.count { return body(pointers) }
        return arrays[i].withUnsafeBufferPointer { p in
            pointers.append(p.baseAddress ?? UnsafePointer(emptyStandIn))
            return nest(i + 1)
        }
    }
    return nest(0)
}

/// What an empty array's pointer stands in for: never read or written.
nonisolated(unsafe) private let emptyStandIn = UnsafeMutablePointer<Float>.allocate(capacity: 1)

/// Memory for intermediates that a pullback keeps or a kernel reuses: one allocation with a
/// stable address, freed with its owner.
final class FloatBuffer {
    let base: UnsafeMutablePointer<Float>
    let count: Int

    init(count: Int, zeroed: Bool = false) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
        if zeroed { base.initialize(repeating: 0, count: count) }
    }

    deinit { base.deallocate() }

    var array: [Float] { Array(UnsafeBufferPointer(start: base, count: count)) }
}

/// A fresh array of `count` elements, written by `body` through a pointer (which must
/// initialise every element).
@inline(__always)
func makeArray(count: Int, _ body: (UnsafeMutablePointer<Float>) -> Void) -> [Float] {
    [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
        if let base = buffer.baseAddress { body(base) }
        initialized = count
    }
}

extension Tensor {
    /// `op(self)` (`[k, n]`; transposed: self is `[n, k]`) packed for products, made once per
    /// parameter value: a parameter's leaf keeps its packings until the optimizer replaces it
    /// (a weight is read by every frame of every chunk of a step). Other tensors pack afresh.
    func packedOperand(transposed: Bool, k: Int, n: Int) -> PackedMatrix {
        let path = KernelPath.current
        let pack = { scalars.withUnsafeBufferPointer { PackedMatrix($0.baseAddress!, transposed: transposed, k: k, n: n,
                                                                    ldb: transposed ? k : n, path: path) } }
        guard let node, node.inputs.isEmpty else { return pack() }
        let key = PackedMatrix.Key(path: path, transposed: transposed, k: k, n: n)
        return PackedMatrix.cacheLock.withLock {
            if let hit = node.packedOperands[key] { return hit }
            let packed = pack()
            node.packedOperands[key] = packed
            return packed
        }
    }
}

