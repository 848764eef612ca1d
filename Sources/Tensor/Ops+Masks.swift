// Comparisons give masks of 0 and 1. They are never differentiated (a step function has no
// useful gradient); the values they select are.

extension Tensor {
    /// 1 where `self < other`, else 0 (broadcasting; no gradient).
    public func less(than other: Tensor) -> Tensor {
        Tensor.binaryValue(self, other) { $0 < $1 ? 1 : 0 }
    }
    /// 1 where `self > other`, else 0 (broadcasting; no gradient).
    public func greater(than other: Tensor) -> Tensor {
        Tensor.binaryValue(self, other) { $0 > $1 ? 1 : 0 }
    }
    public func less(than value: Float) -> Tensor { less(than: Tensor(value)) }
    public func greater(than value: Float) -> Tensor { greater(than: Tensor(value)) }

    /// Element-wise logical or of two masks.
    public func or(_ other: Tensor) -> Tensor {
        Tensor.binaryValue(self, other) { ($0 != 0 || $1 != 0) ? 1 : 0 }
    }

    /// `a` where `mask` is non-zero, `b` elsewhere (broadcasting). Gradients flow to `a`
    /// through the selected positions and to `b` through the others.
    public static func `where`(_ mask: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        let shape = Broadcast.shape(Broadcast.shape(mask.shape, a.shape), b.shape)
        let m = mask.detached().broadcastValue(to: shape)
        let av = a.detached().broadcastValue(to: shape), bv = b.detached().broadcastValue(to: shape)
        let out = (0..<shape.elementCount).map { m.scalars[$0] != 0 ? av.scalars[$0] : bv.scalars[$0] }
        return record(shape: shape, scalars: out, operands: [a, b]) { g in
            [a.requiresGrad ? binaryValue(g, m, { $1 != 0 ? $0 : 0 }).summed(toShape: a.shape) : nil,
             b.requiresGrad ? binaryValue(g, m, { $1 != 0 ? 0 : $0 }).summed(toShape: b.shape) : nil]
        }
    }

    /// The number of non-zero elements (for masks).
    public var nonZeroCount: Int { scalars.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } }
}
