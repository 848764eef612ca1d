/// A dense, row-major array of `Float` with an explicit shape, optionally recorded on the
/// autodiff tape.
///
/// Tensors are values: operations return new tensors and never mutate their inputs. A tensor
/// that carries a tape node (`requiresGrad`) records every differentiable operation it takes
/// part in, so that `backward()` from a scalar result can deliver gradients to the leaves.
///
///     let w = Tensor.randomNormal([3, 2], using: &rng).requiringGrad()
///     let loss = (x.matmul(w)).square().mean()
///     loss.backward()
///     w.grad   // d loss / d w, shape [3, 2]
///
/// Dimension letters used in shape comments across the project: T = time, B = batch,
/// D = observation width, H = hidden width, R = recurrent state width.
public struct Tensor: @unchecked Sendable {
    /// The extent of each dimension; `[]` is a scalar.
    public let shape: [Int]
    /// The elements in row-major order; `scalars.count == shape.product`.
    public let scalars: [Float]
    /// The tape node, present only while the tensor takes part in differentiation.
    let node: TapeNode?

    init(shape: [Int], scalars: [Float], node: TapeNode?) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        precondition(scalars.count == shape.elementCount,
                     "shape \(shape) needs \(shape.elementCount) scalars, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
        self.node = node
    }

    /// A constant tensor (not recorded on the tape).
    public init(shape: [Int], scalars: [Float]) {
        self.init(shape: shape, scalars: scalars, node: nil)
    }

    /// A scalar (rank-0) constant.
    public init(_ value: Float) {
        self.init(shape: [], scalars: [value], node: nil)
    }

    /// A 1-D constant.
    public init(_ values: [Float]) {
        self.init(shape: [values.count], scalars: values, node: nil)
    }

    /// A 2-D constant from rows of equal length.
    public init(rows: [[Float]]) {
        let width = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == width }, "rows of unequal length")
        self.init(shape: [rows.count, width], scalars: rows.flatMap { $0 }, node: nil)
    }

    public static func zeros(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, scalars: [Float](repeating: 0, count: shape.elementCount))
    }

    public static func ones(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, scalars: [Float](repeating: 1, count: shape.elementCount))
    }

    public static func full(_ shape: [Int], _ value: Float) -> Tensor {
        Tensor(shape: shape, scalars: [Float](repeating: value, count: shape.elementCount))
    }

    public var rank: Int { shape.count }
    public var count: Int { scalars.count }

    /// The value of a one-element tensor.
    public var item: Float {
        precondition(scalars.count == 1, "item needs one element, tensor has shape \(shape)")
        return scalars[0]
    }

    /// The element at a multi-dimensional index (for inspection and tests, not hot loops).
    public subscript(index indices: Int...) -> Float {
        precondition(indices.count == rank, "index \(indices) does not fit shape \(shape)")
        var offset = 0
        for (i, extent) in zip(indices, shape) {
            precondition(i >= 0 && i < extent, "index \(indices) out of range for shape \(shape)")
            offset = offset * extent + i
        }
        return scalars[offset]
    }
}

extension Collection where Element == Int {
    /// The number of elements a tensor of this shape holds.
    @inlinable public var elementCount: Int { reduce(1, *) }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let shown = scalars.prefix(8).map { String(format: "%.4g", Double($0)) }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(shown)\(scalars.count > 8 ? ", …" : "")])"
    }
}
