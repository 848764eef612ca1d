// Choosing rows of a matrix, differentiably: a rollout on the tape drops the trajectories that
// are done and reads each frame from the tick that covers it.

extension Tensor {
    /// The rows `indices` (in that order; repeats allowed) of a `[N, W]` matrix: `[M, W]`.
    /// The gradient of a row read twice is the sum of both reads.
    ///
    ///     // state is [B, S]; keep trajectories 0 and 3
    ///     let kept = state.rows([0, 3])
    public func rows(_ indices: [Int]) -> Tensor {
        precondition(rank == 2, "rows needs a [N, W] matrix, got \(shape)")
        let (count, width) = (shape[0], shape[1])
        var out = [Float]()
        out.reserveCapacity(indices.count * width)
        scalars.withUnsafeBufferPointer { p in
            for i in indices {
                precondition(i >= 0 && i < count, "row \(i) out of range 0..<\(count)")
                out.append(contentsOf: p[(i * width)..<((i + 1) * width)])
            }
        }
        return Tensor.record(shape: [indices.count, width], scalars: out, operands: [self]) { g in
            // Scatter-add, in the order of `indices`: the same sums on every run.
            var d = [Float](repeating: 0, count: count * width)
            for (row, i) in indices.enumerated() {
                for j in 0..<width { d[i * width + j] += g.scalars[row * width + j] }
            }
            return [Tensor(shape: [count, width], scalars: d)]
        }
    }
}
