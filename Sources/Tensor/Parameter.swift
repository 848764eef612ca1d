/// A named, trainable tensor: a leaf of the tape that optimizers update in place.
///
/// Layers hold parameters; a forward pass reads `value`, `backward()` fills `grad`, and an
/// optimizer calls `update` with the new values (which starts a fresh leaf, so nothing of the
/// old tape survives the step).
public final class Parameter: @unchecked Sendable {
    /// The checkpoint name, PyTorch state_dict style: `encoder.linear1.weight`.
    public let name: String
    public private(set) var value: Tensor
    /// Counts `update`s, so that values derived from this parameter can tell they are stale.
    public private(set) var version: UInt64 = 0

    public init(_ name: String, _ initial: Tensor) {
        self.name = name
        self.value = initial.detached().requiringGrad()
    }

    public var shape: [Int] { value.shape }
    public var grad: Tensor? { value.grad }

    /// Replaces the values (same shape), dropping any gradient.
    public func update(_ scalars: [Float]) {
        precondition(scalars.count == value.count, "\(name): \(scalars.count) values for shape \(value.shape)")
        value = Tensor(shape: value.shape, scalars: scalars).requiringGrad()
        version &+= 1
    }

    public func zeroGrad() { value.zeroGrad() }

    /// Adds `gradient` (this parameter's shape) to the accumulated gradient: how the
    /// gradients of a batch's shards, computed on replicas, are summed into one.
    public func accumulateGrad(_ gradient: Tensor) {
        precondition(gradient.shape == value.shape, "\(name): gradient of shape \(gradient.shape) for \(value.shape)")
        value.node!.accumulate(gradient)
    }

    /// Multiplies the accumulated gradient by `factor` (gradient clipping).
    public func scaleGrad(by factor: Float) {
        guard let node = value.node, node.grad != nil else { return }
        node.grad!.withUnsafeMutableBufferPointer { g in
            for i in 0..<g.count { g[i] *= factor }
        }
    }
}
