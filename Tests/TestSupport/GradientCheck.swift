import Tensor

/// Checks reverse-mode gradients against central finite differences.
///
/// The function under test is reduced to a scalar with a random upstream gradient,
/// `loss = Σ f(x) · dOut`, so every output element matters. The analytic gradient comes from
/// `backward()`; the numeric one perturbs each input element by ±`step` and differences the
/// loss, which is accumulated in Double. Returns one line per element that disagrees beyond
/// `absolute + relative · max(|analytic|, |numeric|)`; an empty array means agreement.
public func gradientMismatches(
    _ inputs: [Tensor], step: Float = 1e-2, relative: Double = 2e-2, absolute: Double = 2e-3,
    seed: UInt64 = 7, _ f: ([Tensor]) -> Tensor
) -> [String] {
    var rng = SeededGenerator(seed: seed)
    let leaves = inputs.map { $0.requiringGrad() }
    let out = f(leaves)
    let upstream = Tensor.randomNormal(out.shape, using: &rng)
    (out * upstream).sum().backward()

    func loss(_ xs: [Tensor]) -> Double {
        let y = withoutTape { f(xs) }
        return zip(y.scalars, upstream.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }

    var failures: [String] = []
    for (i, input) in inputs.enumerated() {
        let analytic = leaves[i].grad?.scalars ?? [Float](repeating: 0, count: input.count)
        for j in 0..<input.count {
            var plus = input.scalars, minus = input.scalars
            plus[j] += step
            minus[j] -= step
            var xs = inputs
            xs[i] = Tensor(shape: input.shape, scalars: plus)
            let up = loss(xs)
            xs[i] = Tensor(shape: input.shape, scalars: minus)
            let down = loss(xs)
            let numeric = (up - down) / Double(plus[j] - minus[j])
            let a = Double(analytic[j])
            if Swift.abs(a - numeric) > absolute + relative * max(Swift.abs(a), Swift.abs(numeric)) {
                failures.append("input \(i) element \(j): analytic \(a), numeric \(numeric)")
            }
        }
    }
    return failures
}

/// True when every element differs by at most `absolute + relative · |expected|`.
public func isClose(_ actual: [Float], _ expected: [Float], relative: Float = 1e-4,
                    absolute: Float = 1e-6) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { a, e in
        Swift.abs(a - e) <= absolute + relative * Swift.abs(e)
    }
}

/// The largest element-wise difference, for failure messages.
public func maxDifference(_ a: [Float], _ b: [Float]) -> Float {
    zip(a, b).map { Swift.abs($0 - $1) }.max() ?? 0
}

/// Checks the gradients `backward()` leaves on `parameters` against central differences of
/// `loss`, perturbing up to `elementsPerParameter` elements of each (spread across it).
public func parameterGradientMismatches(
    _ parameters: [Parameter], elementsPerParameter: Int = 6, step: Float = 1e-3,
    relative: Double = 3e-2, absolute: Double = 1e-4, _ loss: () -> Tensor
) -> [String] {
    for p in parameters { p.zeroGrad() }
    loss().backward()
    let analytic = parameters.map { $0.grad?.scalars ?? [Float](repeating: 0, count: $0.value.count) }
    func value() -> Double { Double(withoutTape { loss() }.item) }
    var failures: [String] = []
    for (p, grads) in zip(parameters, analytic) {
        let original = p.value.scalars
        let stride = max(1, original.count / elementsPerParameter)
        for j in Swift.stride(from: 0, to: original.count, by: stride).prefix(elementsPerParameter) {
            var plus = original, minus = original
            plus[j] += step
            minus[j] -= step
            p.update(plus)
            let up = value()
            p.update(minus)
            let down = value()
            p.update(original)
            let numeric = (up - down) / Double(plus[j] - minus[j])
            let a = Double(grads[j])
            if Swift.abs(a - numeric) > absolute + relative * max(Swift.abs(a), Swift.abs(numeric)) {
                failures.append("\(p.name)[\(j)]: analytic \(a), numeric \(numeric)")
            }
        }
    }
    return failures
}

/// The gradient `backward()` delivers to each of `operands` from `Σ f(operands) · upstream`
/// (empty for an operand that receives none): for comparing a fused primitive with the
/// same function composed from smaller ones.
public func gradients(of operands: [Tensor], upstream: Tensor, _ f: ([Tensor]) -> Tensor) -> [[Float]] {
    let leaves = operands.map { $0.requiringGrad() }
    (f(leaves) * upstream).sum().backward()
    return leaves.map { $0.grad?.scalars ?? [] }
}
