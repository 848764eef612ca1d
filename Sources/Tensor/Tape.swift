/// Reverse-mode automatic differentiation on a tape.
///
/// Each differentiable primitive computes its value and, when any input is recorded, adds a
/// `TapeNode` holding its inputs and a *pullback*: a closure that maps the gradient of the
/// output to the gradients of the inputs (each already summed back to its input's shape).
/// `backward()` walks the nodes reachable from a scalar in reverse topological order and
/// accumulates (`+=`) into each input, so a tensor used twice receives both contributions.
/// Interior nodes drop their pullbacks and inputs as soon as they have been used, so the tape
/// is freed by the backward pass; leaves keep their accumulated `grad` until `zeroGrad()`.
final class TapeNode {
    let shape: [Int]
    /// One entry per operand; `nil` for operands that are constants.
    var inputs: [TapeNode?]
    var pullback: ((Tensor) -> [Tensor?])?
    /// Set for an operation that reads one contiguous block of its single input (a frame
    /// `x[t]` of a sequence): the pullback then returns the block's gradient, which is added
    /// at this element offset instead of being spread into a full-size zero tensor. Without
    /// it, reading T frames of a `[T, B, H]` tensor would cost T full-size gradients.
    var blockOffset: Int?
    /// The gradient accumulated so far (row-major, same element count as `shape`).
    var grad: [Float]?
    /// A leaf's values packed as a product's operand (`Tensor.packedOperand`), guarded by
    /// `PackedMatrix.cacheLock`: packed once per parameter update, not once per product.
    var packedOperands: [PackedMatrix.Key: PackedMatrix] = [:]

    init(shape: [Int], inputs: [TapeNode?], pullback: ((Tensor) -> [Tensor?])?) {
        self.shape = shape
        self.inputs = inputs
        self.pullback = pullback
    }

    /// Adds `block` to the gradient at element `offset`.
    func accumulate(block: Tensor, at offset: Int) {
        let total = shape.elementCount
        precondition(offset >= 0 && offset + block.count <= total, "gradient block out of range")
        if block.count == total { return accumulate(block) }
        if grad == nil { grad = [Float](repeating: 0, count: total) }
        grad!.withUnsafeMutableBufferPointer { acc in
            block.scalars.withUnsafeBufferPointer { add in
                let (target, source) = (acc.baseAddress! + offset, add.baseAddress!)
                for i in 0..<add.count { target[i] += source[i] }
            }
        }
    }

    func accumulate(_ g: Tensor) {
        precondition(g.shape.elementCount == shape.elementCount,
                     "gradient of shape \(g.shape) for a value of shape \(shape)")
        if grad == nil {
            grad = g.scalars
        } else {
            grad!.withUnsafeMutableBufferPointer { acc in
                g.scalars.withUnsafeBufferPointer { add in
                    for i in 0..<acc.count { acc[i] += add[i] }
                }
            }
        }
    }
}

/// Whether differentiable operations record onto the tape.
public enum GradMode {
    /// True unless inside `withoutTape`.
    @TaskLocal public static var isRecording = true
}

/// Runs `body` without recording any operation on the tape, even on parameters. Rollouts and
/// planning run millions of steps and must not build a graph.
public func withoutTape<Result>(_ body: () throws -> Result) rethrows -> Result {
    try GradMode.$isRecording.withValue(false, operation: body)
}

extension Tensor {
    /// True when this tensor is recorded on the tape (a leaf made by `requiringGrad()` or the
    /// result of an operation on one).
    public var requiresGrad: Bool { node != nil }

    /// This value as a leaf of the tape: operations on it are recorded and `backward()`
    /// delivers its gradient to `grad`.
    public func requiringGrad() -> Tensor {
        Tensor(shape: shape, scalars: scalars, node: TapeNode(shape: shape, inputs: [], pullback: nil))
    }

    /// The same values, cut off from the tape: no gradient flows through the result.
    public func detached() -> Tensor {
        node == nil ? self : Tensor(shape: shape, scalars: scalars)
    }

    /// The gradient accumulated on this leaf by `backward()`, or nil if none reached it.
    public var grad: Tensor? {
        guard let g = node?.grad else { return nil }
        return Tensor(shape: shape, scalars: g)
    }

    /// Clears the gradient accumulated on this leaf.
    public func zeroGrad() {
        node?.grad = nil
    }

    /// Builds the result of a differentiable primitive, recording it when any operand is on
    /// the tape and recording is enabled. The pullback receives the output's gradient and
    /// returns one gradient per operand, in the operand's shape (nil for "no contribution").
    static func record(shape: [Int], scalars: [Float], operands: [Tensor],
                       pullback: @escaping (Tensor) -> [Tensor?]) -> Tensor {
        guard operands.contains(where: { $0.node != nil }), GradMode.isRecording else {
            return Tensor(shape: shape, scalars: scalars, node: nil)
        }
        let node = TapeNode(shape: shape, inputs: operands.map(\.node), pullback: pullback)
        return Tensor(shape: shape, scalars: scalars, node: node)
    }

    /// Like `record`, for a result that is the contiguous block of `operand` starting at
    /// element `offset`; `pullback` returns the block's gradient (see `TapeNode.blockOffset`).
    static func recordBlock(shape: [Int], scalars: [Float], of operand: Tensor, at offset: Int,
                            pullback: @escaping (Tensor) -> Tensor) -> Tensor {
        let result = record(shape: shape, scalars: scalars, operands: [operand]) { g in [pullback(g)] }
        result.node?.blockOffset = offset
        return result
    }

    /// Back-propagates from this scalar: every leaf it depends on receives d self / d leaf,
    /// added to whatever gradient the leaf already holds.
    public func backward() {
        precondition(count == 1, "backward() needs a scalar, got shape \(shape)")
        guard let root = node else { return }
        let order = topologicalOrder(from: root)
        root.accumulate(Tensor(shape: shape, scalars: [1]))
        for node in order.reversed() {
            guard let pullback = node.pullback else { continue }
            if let g = node.grad {
                let inputGrads = pullback(Tensor(shape: node.shape, scalars: g))
                precondition(inputGrads.count == node.inputs.count, "pullback arity mismatch")
                if let offset = node.blockOffset {
                    if let input = node.inputs[0], let block = inputGrads[0] { input.accumulate(block: block, at: offset) }
                } else {
                    for (input, inputGrad) in zip(node.inputs, inputGrads) {
                        if let input, let inputGrad { input.accumulate(inputGrad) }
                    }
                }
            }
            // Free this step of the tape: its closure holds the forward values.
            node.pullback = nil
            node.inputs = []
            node.grad = nil
        }
    }
}

/// Nodes reachable from `root`, each after all of its inputs (iterative depth-first search,
/// since a recurrent graph over many frames is far deeper than the call stack allows).
private func topologicalOrder(from root: TapeNode) -> [TapeNode] {
    var order: [TapeNode] = []
    var visited = Set<ObjectIdentifier>()
    var stack: [(node: TapeNode, nextInput: Int)] = [(root, 0)]
    visited.insert(ObjectIdentifier(root))
    while !stack.isEmpty {
        let (node, i) = stack[stack.count - 1]
        if i < node.inputs.count {
            stack[stack.count - 1].nextInput = i + 1
            if let input = node.inputs[i], visited.insert(ObjectIdentifier(input)).inserted {
                stack.append((input, 0))
            }
        } else {
            order.append(node)
            stack.removeLast()
        }
    }
    return order
}
