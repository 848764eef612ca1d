// Data plumbing along the batch axis of `[T, B, …]` sequences. These copy values and are not
// differentiated: datasets and rollouts are constants.

extension Tensor {
    /// The trajectories `range` of a `[T, B, …]` sequence: `[T, range.count, …]`.
    public func batch(_ range: Range<Int>) -> Tensor {
        precondition(rank >= 2 && range.lowerBound >= 0 && range.upperBound <= shape[1],
                     "batch range \(range) out of range for shape \(shape)")
        return gatherBatch(Array(range))
    }

    /// The trajectories at `indices` (in that order) of a `[T, B, …]` sequence.
    public func gatherBatch(_ indices: [Int]) -> Tensor {
        precondition(rank >= 2, "gatherBatch needs a [T, B, …] tensor, got \(shape)")
        let (steps, width) = (shape[0], shape[2...].elementCount)
        let batch = shape[1]
        var out = [Float]()
        out.reserveCapacity(steps * indices.count * width)
        scalars.withUnsafeBufferPointer { p in
            for t in 0..<steps {
                for b in indices {
                    precondition(b >= 0 && b < batch, "trajectory \(b) out of range 0..<\(batch)")
                    let start = (t * batch + b) * width
                    out.append(contentsOf: p[start..<(start + width)])
                }
            }
        }
        return Tensor(shape: [steps, indices.count] + shape[2...], scalars: out)
    }

    /// Rows of `a` where `mask[row]` is non-zero, rows of `b` elsewhere; `a` and `b` are
    /// `[B, W]`, `mask` has `B` elements. Gradients follow the chosen rows.
    public static func selectRows(_ mask: [Bool], _ a: Tensor, _ b: Tensor) -> Tensor {
        precondition(a.shape == b.shape && a.rank == 2 && mask.count == a.shape[0],
                     "selectRows needs equal [B, W] operands and B flags: \(a.shape), \(b.shape), \(mask.count)")
        let width = a.shape[1]
        var out = b.scalars
        for (row, takeA) in mask.enumerated() where takeA {
            out.replaceSubrange((row * width)..<((row + 1) * width), with: a.scalars[(row * width)..<((row + 1) * width)])
        }
        return record(shape: a.shape, scalars: out, operands: [a, b]) { g in
            var ga = [Float](repeating: 0, count: g.count), gb = g.scalars
            for (row, takeA) in mask.enumerated() where takeA {
                for j in (row * width)..<((row + 1) * width) {
                    ga[j] = gb[j]
                    gb[j] = 0
                }
            }
            return [Tensor(shape: g.shape, scalars: ga), Tensor(shape: g.shape, scalars: gb)]
        }
    }
}
