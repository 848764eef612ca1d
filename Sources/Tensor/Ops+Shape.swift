// Reshaping, joining and cutting. The time axis is the first; features are the last.

extension Tensor {
    /// The same elements under a new shape with the same element count. One extent may be
    /// -1, inferred from the others.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var target = newShape
        if let unknown = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != unknown }.map(\.element).elementCount
            precondition(known > 0 && count % known == 0, "cannot reshape \(shape) to \(newShape)")
            target[unknown] = count / known
        }
        precondition(target.elementCount == count, "cannot reshape \(shape) to \(newShape)")
        return Tensor.record(shape: target, scalars: scalars, operands: [self]) { [shape] g in
            [Tensor(shape: shape, scalars: g.scalars)]
        }
    }

    // MARK: Last axis

    /// Joins tensors along the last axis; all other extents must agree.
    ///
    ///     // z is [B, R/2], v is [B, R/2]: h is [B, R]
    ///     let h = Tensor.concatenate([z, v])
    public static func concatenate(_ parts: [Tensor]) -> Tensor {
        precondition(!parts.isEmpty, "concatenate needs at least one tensor")
        let lead = Array(parts[0].shape.dropLast())
        precondition(parts.allSatisfy { Array($0.shape.dropLast()) == lead && $0.rank >= 1 },
                     "concatenate needs equal leading shapes, got \(parts.map(\.shape))")
        let widths = parts.map { $0.shape.last! }
        let total = widths.reduce(0, +)
        let rows = lead.elementCount
        var out = [Float](repeating: 0, count: rows * total)
        out.withUnsafeMutableBufferPointer { o in
            var column = 0
            for (part, width) in zip(parts, widths) {
                part.scalars.withUnsafeBufferPointer { p in
                    for r in 0..<rows where width > 0 {
                        (o.baseAddress! + r * total + column).update(from: p.baseAddress! + r * width, count: width)
                    }
                }
                column += width
            }
        }
        return record(shape: lead + [total], scalars: out, operands: parts) { g in
            var start = 0
            return widths.map { width in
                defer { start += width }
                return g.sliceValue(lastAxis: start..<(start + width))
            }
        }
    }

    /// The columns `range` of the last axis.
    public func slice(lastAxis range: Range<Int>) -> Tensor {
        let width = shape.last ?? 0
        precondition(range.lowerBound >= 0 && range.upperBound <= width,
                     "slice \(range) out of range for last extent \(width)")
        let result = sliceValue(lastAxis: range)
        return Tensor.record(shape: result.shape, scalars: result.scalars, operands: [self]) { [shape] g in
            // Scatter the gradient back into zeros of the input's shape.
            let rows = g.count / Swift.max(range.count, 1)
            var out = [Float](repeating: 0, count: shape.elementCount)
            out.withUnsafeMutableBufferPointer { o in
                g.scalars.withUnsafeBufferPointer { p in
                    for r in 0..<rows where range.count > 0 {
                        (o.baseAddress! + r * width + range.lowerBound).update(from: p.baseAddress! + r * range.count, count: range.count)
                    }
                }
            }
            return [Tensor(shape: shape, scalars: out)]
        }
    }

    func sliceValue(lastAxis range: Range<Int>) -> Tensor {
        let width = shape.last ?? 0
        let rows = width == 0 ? 0 : count / width
        let out = [Float](unsafeUninitializedCapacity: rows * range.count) { buffer, initialized in
            scalars.withUnsafeBufferPointer { p in
                for r in 0..<rows where range.count > 0 {
                    (buffer.baseAddress! + r * range.count).initialize(from: p.baseAddress! + r * width + range.lowerBound,
                                                                       count: range.count)
                }
            }
            initialized = rows * range.count
        }
        return Tensor(shape: Array(shape.dropLast()) + [range.count], scalars: out)
    }

    // MARK: First axis

    /// Stacks equal-shaped tensors along a new first axis: `T` tensors of shape `[B, H]` make
    /// one `[T, B, H]`.
    public static func stack(_ items: [Tensor]) -> Tensor {
        precondition(!items.isEmpty, "stack needs at least one tensor")
        let itemShape = items[0].shape
        precondition(items.allSatisfy { $0.shape == itemShape },
                     "stack needs equal shapes, got \(Set(items.map(\.shape)).sorted { $0.count < $1.count })")
        var out: [Float] = []
        out.reserveCapacity(items.count * itemShape.elementCount)
        for item in items { out.append(contentsOf: item.scalars) }
        let stride = itemShape.elementCount
        return record(shape: [items.count] + itemShape, scalars: out, operands: items) { g in
            (0..<items.count).map { i in
                Tensor(shape: itemShape, scalars: Array(g.scalars[(i * stride)..<((i + 1) * stride)]))
            }
        }
    }

    /// The `index`-th slice along the first axis: `x[t]` of a `[T, B, D]` sequence is `[B, D]`.
    public subscript(_ index: Int) -> Tensor {
        precondition(rank >= 1 && index >= 0 && index < shape[0],
                     "index \(index) out of range for first extent \(shape.first ?? 0)")
        return self[index..<(index + 1)].reshaped(Array(shape.dropFirst()))
    }

    /// The slices `range` along the first axis: `x[1..<T]` of a `[T, B, D]` sequence.
    public subscript(_ range: Range<Int>) -> Tensor {
        precondition(rank >= 1 && range.lowerBound >= 0 && range.upperBound <= shape[0],
                     "range \(range) out of range for first extent \(shape.first ?? 0)")
        let stride = Array(shape.dropFirst()).elementCount
        let out = Array(scalars[(range.lowerBound * stride)..<(range.upperBound * stride)])
        return Tensor.recordBlock(shape: [range.count] + shape.dropFirst(), scalars: out, of: self,
                                  at: range.lowerBound * stride) { $0 }
    }

    /// The tensors along the first axis, as an array (`[T, B, D]` → T tensors of `[B, D]`).
    public func unstacked() -> [Tensor] {
        (0..<(shape.first ?? 0)).map { self[$0] }
    }
}
