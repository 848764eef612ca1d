/// Branch-free tanh and sigmoid for Float that the compiler vectorises.
///
/// libm's `tanhf` goes through `expm1f` one element at a time, and in a GRU the gates' tanh
/// and sigmoids cost as much as the matrix products around them. This is the rational
/// approximation Eigen uses for float tanh (a degree-13/6 odd rational function on the
/// inputs clamped to ±7.9053, where tanh is 1 to float precision): absolute error below 1e-6
/// over the whole line, checked against Double in the tests. The sigmoid follows from
/// σ(x) = ½ + ½ tanh(x/2).
@inline(__always)
func fastTanh(_ input: Float) -> Float {
    let x = min(max(input, -7.90531110763549805), 7.90531110763549805)
    let x2 = x * x
    var p: Float = -2.76076847742355e-16
    p = p * x2 + 2.00018790482477e-13
    p = p * x2 - 8.60467152213735e-11
    p = p * x2 + 5.12229709037114e-08
    p = p * x2 + 1.48572235717979e-05
    p = p * x2 + 6.37261928875436e-04
    p = p * x2 + 4.89352455891786e-03
    var q: Float = 1.19825839466702e-06
    q = q * x2 + 1.18534705686654e-04
    q = q * x2 + 2.26843463243900e-03
    q = q * x2 + 4.89352518554385e-03
    // Below 4e-4 the rational form loses relative precision; tanh(x) = x there to float.
    return Swift.abs(input) < 0.0004 ? input : x * p / q
}

@inline(__always)
func fastSigmoid(_ x: Float) -> Float {
    0.5 + 0.5 * fastTanh(0.5 * x)
}

/// The same functions for callers outside the module (tests, benchmarks).
public enum FastMath {
    public static func tanh(_ x: Float) -> Float { fastTanh(x) }
    public static func sigmoid(_ x: Float) -> Float { fastSigmoid(x) }
}
