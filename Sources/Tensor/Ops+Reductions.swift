// Sums and means, over everything or along one axis.

extension Tensor {
    /// The sum of all elements, as a scalar. Accumulates in Double so that the sum of a
    /// large batch is not at the mercy of Float rounding.
    public func sum() -> Tensor {
        var total = 0.0
        scalars.withUnsafeBufferPointer { p in
            for v in p { total += Double(v) }
        }
        return Tensor.record(shape: [], scalars: [Float(total)], operands: [self]) { [shape] g in
            [Tensor.full(shape, g.scalars[0])]
        }
    }

    /// The mean of all elements, as a scalar.
    public func mean() -> Tensor {
        sum() * (1 / Float(Swift.max(count, 1)))
    }

    /// The sum along `axis` (negative counts from the end); the axis is kept with extent 1
    /// when `keepingDimension` is true, removed otherwise.
    public func sum(axis: Int, keepingDimension: Bool = false) -> Tensor {
        let axis = normalizedAxis(axis)
        let outer = shape[..<axis].elementCount
        let extent = shape[axis]
        let inner = shape[(axis + 1)...].elementCount
        var out = [Float](repeating: 0, count: outer * inner)
        scalars.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { o in
                for i in 0..<outer {
                    for j in 0..<extent {
                        let base = (i * extent + j) * inner
                        for k in 0..<inner { o[i * inner + k] += p[base + k] }
                    }
                }
            }
        }
        var kept = shape
        kept[axis] = 1
        var outShape = shape
        if keepingDimension { outShape[axis] = 1 } else { outShape.remove(at: axis) }
        return Tensor.record(shape: outShape, scalars: out, operands: [self]) { [shape] g in
            [Tensor(shape: kept, scalars: g.scalars).broadcastValue(to: shape)]
        }
    }

    /// The mean along `axis`.
    public func mean(axis: Int, keepingDimension: Bool = false) -> Tensor {
        let axis = normalizedAxis(axis)
        return sum(axis: axis, keepingDimension: keepingDimension) * (1 / Float(Swift.max(shape[axis], 1)))
    }

    func normalizedAxis(_ axis: Int) -> Int {
        let a = axis < 0 ? axis + rank : axis
        precondition(a >= 0 && a < rank, "axis \(axis) out of range for shape \(shape)")
        return a
    }
}
