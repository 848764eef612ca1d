import Foundation
import Tensor

/// Updates parameters from their accumulated gradients.
public protocol Optimizer {
    var parameters: [Parameter] { get }
    var learningRate: Float { get set }
    /// One update from the current gradients (parameters without a gradient are skipped).
    mutating func step()
}

extension Optimizer {
    public func zeroGrad() {
        for p in parameters { p.zeroGrad() }
    }
}

/// Adam with PyTorch's semantics (`torch.optim.Adam`, non-fused): weight decay is added to the
/// gradient (the L2 form, not AdamW), and both moments are bias-corrected:
///
///     g ← g + λ p;  m ← β₁ m + (1 − β₁) g;  v ← β₂ v + (1 − β₂) g²
///     p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
public struct Adam: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public var beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float
    public private(set) var stepCount = 0
    private var m: [[Float]], v: [[Float]]

    /// The moments and step count: what continuing training needs to carry over.
    public struct State: Sendable {
        public var stepCount: Int
        var m: [[Float]], v: [[Float]]
    }

    public var state: State {
        get { State(stepCount: stepCount, m: m, v: v) }
        set {
            precondition(newValue.m.map(\.count) == m.map(\.count), "Adam state does not fit these parameters")
            stepCount = newValue.stepCount; m = newValue.m; v = newValue.v
        }
    }

    /// Whether `state` was saved from parameters of these shapes.
    public func fits(_ state: State) -> Bool { state.m.map(\.count) == m.map(\.count) }

    public init(_ parameters: [Parameter], learningRate: Float = 1e-3, beta1: Float = 0.9,
                beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon; self.weightDecay = weightDecay
        m = parameters.map { [Float](repeating: 0, count: $0.value.count) }
        v = m
    }

    public mutating func step() {
        stepCount += 1
        // β^t by the project's own power (libm's powf may differ in the last bit between CPUs).
        let correction1 = 1 - Float(PortableMath.pow(Double(beta1), stepCount))
        let correction2Root = (1 - Float(PortableMath.pow(Double(beta2), stepCount))).squareRoot()
        let stepSize = learningRate / correction1
        for (i, p) in parameters.enumerated() {
            guard let grad = p.grad?.scalars else { continue }
            var values = p.value.scalars
            let (b1, b2, eps, wd) = (beta1, beta2, epsilon, weightDecay)
            m[i].withUnsafeMutableBufferPointer { m in
                v[i].withUnsafeMutableBufferPointer { v in
                    for j in 0..<values.count {
                        let g = grad[j] + wd * values[j]
                        m[j] = b1 * m[j] + (1 - b1) * g
                        v[j] = b2 * v[j] + (1 - b2) * g * g
                        let denominator = v[j].squareRoot() / correction2Root + eps
                        values[j] -= stepSize * m[j] / denominator
                    }
                }
            }
            p.update(values)
        }
    }
}

/// Plain stochastic gradient descent, with optional momentum (PyTorch's form) and L2 weight
/// decay added to the gradient.
public struct SGD: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public var momentum: Float, weightDecay: Float
    private var velocity: [[Float]]?

    public init(_ parameters: [Parameter], learningRate: Float, momentum: Float = 0, weightDecay: Float = 0) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    public mutating func step() {
        if momentum != 0 && velocity == nil {
            velocity = parameters.map { [Float](repeating: 0, count: $0.value.count) }
        }
        for (i, p) in parameters.enumerated() {
            guard let grad = p.grad?.scalars else { continue }
            var values = p.value.scalars
            for j in 0..<values.count {
                var g = grad[j] + weightDecay * values[j]
                if momentum != 0 {
                    velocity![i][j] = momentum * velocity![i][j] + g
                    g = velocity![i][j]
                }
                values[j] -= learningRate * g
            }
            p.update(values)
        }
    }
}

/// The step schedule: the learning rate is multiplied by `gamma` every `stepSize` steps
/// (`torch.optim.lr_scheduler.StepLR`).
public struct StepSchedule: Sendable, Equatable {
    public var initial: Float
    public var gamma: Float
    public var stepSize: Int

    public init(initial: Float, gamma: Float = 0.75, stepSize: Int = 1000) {
        precondition(stepSize > 0, "step size must be positive")
        self.initial = initial; self.gamma = gamma; self.stepSize = stepSize
    }

    /// The learning rate for the update numbered `step` (0-based: steps 0 … stepSize−1 use
    /// the initial rate).
    public func learningRate(at step: Int) -> Float {
        initial * Float(PortableMath.pow(Double(gamma), step / stepSize))
    }
}

/// Scales all gradients together so that their global L2 norm is at most `maxNorm`
/// (`torch.nn.utils.clip_grad_norm_`). Returns the norm before clipping.
@discardableResult
public func clipGradientNorm(_ parameters: [Parameter], maxNorm: Float) -> Float {
    var total = 0.0
    for p in parameters {
        guard let g = p.grad else { continue }
        for x in g.scalars { total += Double(x) * Double(x) }
    }
    let norm = Float(total.squareRoot())
    let coefficient = maxNorm / (norm + 1e-6)
    if coefficient < 1 {
        for p in parameters { p.scaleGrad(by: coefficient) }
    }
    return norm
}
