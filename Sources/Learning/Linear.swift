import Tensor

/// A fully connected layer with PyTorch's layout and initialisation: `weight` is
/// `[outputs, inputs]`, `y = x Wᵀ + b`, and both are drawn from U(−1/√inputs, 1/√inputs).
public struct Linear {
    public let weight: Parameter
    public let bias: Parameter

    public init(_ name: String, inputs: Int, outputs: Int, using rng: inout SeededGenerator) {
        let bound = 1 / Float(inputs).squareRoot()
        weight = Parameter("\(name).weight",
                           .randomUniform([outputs, inputs], low: -bound, high: bound, using: &rng))
        bias = Parameter("\(name).bias", .randomUniform([outputs], low: -bound, high: bound, using: &rng))
    }

    public var parameters: [Parameter] { [weight, bias] }
    public var inputs: Int { weight.shape[1] }
    public var outputs: Int { weight.shape[0] }

    /// Applies the layer to the last axis of `x` (any rank ≥ 1): `[…, inputs]` → `[…, outputs]`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        if x.rank == 2 {
            return .affine(x, weight: weight.value, bias: bias.value)
        }
        let lead = Array(x.shape.dropLast())
        let flat = x.reshaped([-1, inputs])
        return Tensor.affine(flat, weight: weight.value, bias: bias.value).reshaped(lead + [outputs])
    }
}

/// The reference's residual MLP: `h = relu(L1 x); h = h + relu(L2 h); h = h + relu(L3 h);
/// y = L4 h`, all hidden widths equal.
public struct ResidualMLP {
    public let linear1, linear2, linear3, linear4: Linear

    public init(_ name: String, inputs: Int, hidden: Int, outputs: Int, using rng: inout SeededGenerator) {
        linear1 = Linear("\(name).linear1", inputs: inputs, outputs: hidden, using: &rng)
        linear2 = Linear("\(name).linear2", inputs: hidden, outputs: hidden, using: &rng)
        linear3 = Linear("\(name).linear3", inputs: hidden, outputs: hidden, using: &rng)
        linear4 = Linear("\(name).linear4", inputs: hidden, outputs: outputs, using: &rng)
    }

    public var parameters: [Parameter] {
        linear1.parameters + linear2.parameters + linear3.parameters + linear4.parameters
    }

    /// `self(x · inputScale)` for any leading shape, as one fused primitive.
    public func callAsFunction(_ x: Tensor, inputScale: Float = 1) -> Tensor {
        let layers = [linear1, linear2, linear3, linear4]
        let flat = x.rank == 2 ? x : x.reshaped([-1, linear1.inputs])
        let y = Tensor.residualMLP(flat, weights: layers.map(\.weight.value), biases: layers.map(\.bias.value),
                                   inputScale: inputScale)
        return x.rank == 2 ? y : y.reshaped(Array(x.shape.dropLast()) + [linear4.outputs])
    }

}
