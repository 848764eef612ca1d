/// NumPy broadcasting: shapes are aligned at their trailing dimensions, and a dimension of 1
/// (or a missing leading one) stretches to match the other.
enum Broadcast {
    /// The shape two operands broadcast to, or a precondition failure naming both.
    static func shape(_ a: [Int], _ b: [Int]) -> [Int] {
        if a == b { return a }
        let rank = max(a.count, b.count)
        let pa = [Int](repeating: 1, count: rank - a.count) + a
        let pb = [Int](repeating: 1, count: rank - b.count) + b
        return (0..<rank).map { i in
            precondition(pa[i] == pb[i] || pa[i] == 1 || pb[i] == 1,
                         "shapes \(a) and \(b) do not broadcast")
            return pa[i] == 1 ? pb[i] : pa[i]
        }
    }

    /// Element strides of `shape` seen from a tensor of shape `target` (0 along stretched axes).
    static func strides(of shape: [Int], in target: [Int]) -> [Int] {
        let padded = [Int](repeating: 1, count: target.count - shape.count) + shape
        var strides = [Int](repeating: 0, count: target.count)
        var step = 1
        for i in stride(from: target.count - 1, through: 0, by: -1) {
            strides[i] = padded[i] == 1 ? 0 : step
            step *= padded[i]
        }
        return strides
    }

    /// True when `small` is `big` with its last extent 1: one value per row.
    static func isRowScalar(_ small: [Int], of big: [Int]) -> Bool {
        small.count == big.count && small.last == 1 && small.dropLast() == big.dropLast()
    }

    /// True when `small` repeats verbatim along the leading dimensions of `big` (after
    /// dropping its own leading 1s): the common bias-against-batch case, done without index
    /// arithmetic.
    static func isTrailingBlock(_ small: [Int], of big: [Int]) -> Bool {
        let trimmed = small.drop { $0 == 1 }
        return trimmed.count <= big.count && Array(big.suffix(trimmed.count)) == Array(trimmed)
    }
}

extension Tensor {
    /// The sum of `self` over the axes along which `shape` was broadcast to `self.shape`:
    /// the gradient rule for every broadcasting operation.
    func summed(toShape target: [Int]) -> Tensor {
        if shape == target { return self }
        let targetCount = target.elementCount
        if targetCount == 1 {
            return Tensor(shape: target, scalars: [scalars.reduce(0, +)])
        }
        var out = [Float](repeating: 0, count: targetCount)
        if Broadcast.isRowScalar(target, of: shape) {
            let width = shape.last!
            scalars.withUnsafeBufferPointer { g in
                out.withUnsafeMutableBufferPointer { o in
                    for row in 0..<targetCount {
                        let x = g.baseAddress! + row * width
                        var total: Float = 0
                        for j in 0..<width { total += x[j] }
                        o[row] = total
                    }
                }
            }
            return Tensor(shape: target, scalars: out)
        }
        if Broadcast.isTrailingBlock(target, of: shape) {
            scalars.withUnsafeBufferPointer { g in
                out.withUnsafeMutableBufferPointer { o in
                    for row in 0..<(g.count / targetCount) {
                        let (acc, x) = (o.baseAddress!, g.baseAddress! + row * targetCount)
                        for j in 0..<targetCount { acc[j] += x[j] }
                    }
                }
            }
            return Tensor(shape: target, scalars: out)
        }
        let strides = Broadcast.strides(of: target, in: shape)
        var index = [Int](repeating: 0, count: shape.count)
        var offset = 0
        for value in scalars {
            out[offset] += value
            // Odometer increment over `shape`, keeping the target offset in step.
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                offset += strides[axis]
                if index[axis] < shape[axis] { break }
                offset -= strides[axis] * index[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return Tensor(shape: target, scalars: out)
    }

    /// `self` stretched to `target` (a materialised broadcast, not recorded on the tape).
    func broadcastValue(to target: [Int]) -> Tensor {
        shape == target ? self : Tensor.binaryValue(self, Tensor.zeros(target)) { a, _ in a }
    }
}

/// Applies `op` element-wise over the broadcast of `a` and `b` (values only, no tape).
@inline(__always)
func binaryKernel(_ a: Tensor, _ b: Tensor, _ op: (Float, Float) -> Float) -> (shape: [Int], scalars: [Float]) {
    let outShape = Broadcast.shape(a.shape, b.shape)
    let n = outShape.elementCount
    let out = [Float](unsafeUninitializedCapacity: n) { buffer, initialized in
        a.scalars.withUnsafeBufferPointer { pa in
            b.scalars.withUnsafeBufferPointer { pb in
                if a.shape == b.shape {
                    for i in 0..<n { buffer[i] = op(pa[i], pb[i]) }
                } else if pb.count == 1 {
                    let y = pb[0]
                    for i in 0..<n { buffer[i] = op(pa[i], y) }
                } else if pa.count == 1 {
                    let x = pa[0]
                    for i in 0..<n { buffer[i] = op(x, pb[i]) }
                } else if a.shape == outShape && Broadcast.isTrailingBlock(b.shape, of: outShape) {
                    let m = pb.count
                    for row in 0..<(n / m) {
                        let (o, x, y) = (buffer.baseAddress! + row * m, pa.baseAddress! + row * m, pb.baseAddress!)
                        for j in 0..<m { o[j] = op(x[j], y[j]) }
                    }
                } else if b.shape == outShape && Broadcast.isTrailingBlock(a.shape, of: outShape) {
                    let m = pa.count
                    for row in 0..<(n / m) {
                        let (o, x, y) = (buffer.baseAddress! + row * m, pa.baseAddress!, pb.baseAddress! + row * m)
                        for j in 0..<m { o[j] = op(x[j], y[j]) }
                    }
                } else if a.shape == outShape && Broadcast.isRowScalar(b.shape, of: outShape) {
                    // [..., W] against [..., 1]: one value per row (a per-trajectory Δt).
                    let width = outShape.last!
                    for row in 0..<pb.count {
                        let (o, x, y) = (buffer.baseAddress! + row * width, pa.baseAddress! + row * width, pb[row])
                        for j in 0..<width { o[j] = op(x[j], y) }
                    }
                } else if b.shape == outShape && Broadcast.isRowScalar(a.shape, of: outShape) {
                    let width = outShape.last!
                    for row in 0..<pa.count {
                        let (o, x, y) = (buffer.baseAddress! + row * width, pa[row], pb.baseAddress! + row * width)
                        for j in 0..<width { o[j] = op(x, y[j]) }
                    }
                } else {
                    let sa = Broadcast.strides(of: a.shape, in: outShape)
                    let sb = Broadcast.strides(of: b.shape, in: outShape)
                    var index = [Int](repeating: 0, count: outShape.count)
                    var ia = 0, ib = 0
                    for i in 0..<n {
                        buffer[i] = op(pa[ia], pb[ib])
                        var axis = outShape.count - 1
                        while axis >= 0 {
                            index[axis] += 1
                            ia += sa[axis]; ib += sb[axis]
                            if index[axis] < outShape[axis] { break }
                            ia -= sa[axis] * index[axis]; ib -= sb[axis] * index[axis]
                            index[axis] = 0
                            axis -= 1
                        }
                    }
                }
            }
        }
        initialized = n
    }
    return (outShape, out)
}

/// Applies `op` to every element (values only, no tape).
@inline(__always)
func unaryKernel(_ a: [Float], _ op: (Float) -> Float) -> [Float] {
    [Float](unsafeUninitializedCapacity: a.count) { buffer, initialized in
        a.withUnsafeBufferPointer { p in
            for i in 0..<p.count { buffer[i] = op(p[i]) }
        }
        initialized = a.count
    }
}
