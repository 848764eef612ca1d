import Foundation

// Element-wise arithmetic with broadcasting. Each pullback sums its gradient back to the
// operand's shape, so a bias [H] added to activations [B, H] receives the sum over B.

extension Tensor {
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        let (shape, out) = binaryKernel(a, b, +)
        return record(shape: shape, scalars: out, operands: [a, b]) { [sa = a.shape, sb = b.shape] g in
            [g.summed(toShape: sa), g.summed(toShape: sb)]
        }
    }

    public static func - (a: Tensor, b: Tensor) -> Tensor {
        let (shape, out) = binaryKernel(a, b, -)
        return record(shape: shape, scalars: out, operands: [a, b]) { [sa = a.shape, sb = b.shape] g in
            [g.summed(toShape: sa), (-g).summed(toShape: sb)]
        }
    }

    public static func * (a: Tensor, b: Tensor) -> Tensor {
        let (shape, out) = binaryKernel(a, b, *)
        return record(shape: shape, scalars: out, operands: [a, b]) { g in
            [a.requiresGrad ? binaryValue(g, b.detached(), *).summed(toShape: a.shape) : nil,
             b.requiresGrad ? binaryValue(g, a.detached(), *).summed(toShape: b.shape) : nil]
        }
    }

    public static func / (a: Tensor, b: Tensor) -> Tensor {
        let (shape, out) = binaryKernel(a, b, /)
        return record(shape: shape, scalars: out, operands: [a, b]) { g in
            let da = a.requiresGrad ? binaryValue(g, b.detached(), /).summed(toShape: a.shape) : nil
            var db: Tensor? = nil
            if b.requiresGrad {
                // d(a/b)/db = -a / b²
                let quotient = Tensor(shape: shape, scalars: out)
                db = binaryValue(binaryValue(g, quotient, *), b.detached(), { -$0 / $1 }).summed(toShape: b.shape)
            }
            return [da, db]
        }
    }

    public static prefix func - (a: Tensor) -> Tensor {
        unary(a, { -$0 }) { g, _, _ in unaryKernel(g, { -$0 }) }
    }

    // Scalars on either side: no broadcast bookkeeping, one pass.

    public static func + (a: Tensor, b: Float) -> Tensor {
        unary(a, { $0 + b }) { g, _, _ in g }
    }
    public static func + (a: Float, b: Tensor) -> Tensor { b + a }
    public static func - (a: Tensor, b: Float) -> Tensor { a + (-b) }
    public static func - (a: Float, b: Tensor) -> Tensor {
        unary(b, { a - $0 }) { g, _, _ in unaryKernel(g, { -$0 }) }
    }
    public static func * (a: Tensor, b: Float) -> Tensor {
        unary(a, { $0 * b }) { g, _, _ in unaryKernel(g, { $0 * b }) }
    }
    public static func * (a: Float, b: Tensor) -> Tensor { b * a }
    public static func / (a: Tensor, b: Float) -> Tensor { a * (1 / b) }

    /// A non-recording element-wise combination of two values (used inside pullbacks).
    static func binaryValue(_ a: Tensor, _ b: Tensor, _ op: (Float, Float) -> Float) -> Tensor {
        let (shape, out) = binaryKernel(a, b, op)
        return Tensor(shape: shape, scalars: out)
    }

    /// A differentiable element-wise function. `derivative(g, x, y)` returns the input's
    /// gradient from the output's gradient `g`, the input `x` and the output `y`.
    @inline(__always)
    static func unary(_ a: Tensor, _ f: (Float) -> Float,
                      derivative: @escaping ([Float], [Float], [Float]) -> [Float]) -> Tensor {
        let out = unaryKernel(a.scalars, f)
        return record(shape: a.shape, scalars: out, operands: [a]) { [shape = a.shape, x = a.scalars] g in
            [Tensor(shape: shape, scalars: derivative(g.scalars, x, out))]
        }
    }
}

/// Element-wise `g[i] * d(x[i], y[i])` for a derivative that needs the input and output.
@inline(__always)
func zipDerivative(_ g: [Float], _ x: [Float], _ y: [Float], _ d: (Float, Float) -> Float) -> [Float] {
    [Float](unsafeUninitializedCapacity: g.count) { buffer, initialized in
        g.withUnsafeBufferPointer { pg in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeBufferPointer { py in
                    for i in 0..<pg.count { buffer[i] = pg[i] * d(px[i], py[i]) }
                }
            }
        }
        initialized = g.count
    }
}

// MARK: - Element-wise functions

extension Tensor {
    public func tanh() -> Tensor {
        Tensor.unary(self, fastTanh) { g, x, y in zipDerivative(g, x, y) { _, y in 1 - y * y } }
    }

    public func sigmoid() -> Tensor {
        Tensor.unary(self, fastSigmoid) { g, x, y in
            zipDerivative(g, x, y) { _, y in y * (1 - y) }
        }
    }

    public func relu() -> Tensor {
        Tensor.unary(self, { $0 > 0 ? $0 : 0 }) { g, x, y in zipDerivative(g, x, y) { x, _ in x > 0 ? 1 : 0 } }
    }

    /// `x` for positive `x`, `slope · x` otherwise (PyTorch's default slope is 0.01).
    public func leakyRelu(slope: Float = 0.01) -> Tensor {
        Tensor.unary(self, { Tensor.leakyRelu($0, slope: slope) }) { g, x, y in
            zipDerivative(g, x, y) { x, _ in x > 0 ? 1 : slope }
        }
    }

    /// `leakyRelu` of one value: loops that work on raw rows call it to keep the same arithmetic.
    @inline(__always)
    public static func leakyRelu(_ v: Float, slope: Float = 0.01) -> Float { v > 0 ? v : slope * v }

    public func exp() -> Tensor {
        Tensor.unary(self, { PortableMath.expf($0) }) { g, x, y in zipDerivative(g, x, y) { _, y in y } }
    }

    public func log() -> Tensor {
        Tensor.unary(self, { PortableMath.logf($0) }) { g, x, y in zipDerivative(g, x, y) { x, _ in 1 / x } }
    }

    public func square() -> Tensor {
        Tensor.unary(self, { $0 * $0 }) { g, x, y in zipDerivative(g, x, y) { x, _ in 2 * x } }
    }

    public func sqrt() -> Tensor {
        Tensor.unary(self, { $0.squareRoot() }) { g, x, y in zipDerivative(g, x, y) { _, y in 0.5 / y } }
    }

    public func abs() -> Tensor {
        Tensor.unary(self, { Swift.abs($0) }) { g, x, y in zipDerivative(g, x, y) { x, _ in x > 0 ? 1 : (x < 0 ? -1 : 0) } }
    }
}
