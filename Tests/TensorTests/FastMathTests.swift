import Foundation
import Testing
import Tensor

@Suite struct FastMathTests {
    /// Against Double over ±20 in steps of 1e-4 (400 001 points), plus the extremes.
    @Test func tanhAndSigmoidAreAccurateEverywhere() {
        var worstTanh = 0.0, worstSigmoid = 0.0, worstRelative = 0.0
        for i in -200_000...200_000 {
            let x = Float(i) * 1e-4
            let t = Double(FastMath.tanh(x)), exact = Foundation.tanh(Double(x))
            worstTanh = max(worstTanh, Swift.abs(t - exact))
            if Swift.abs(exact) > 1e-3 { worstRelative = max(worstRelative, Swift.abs(t - exact) / Swift.abs(exact)) }
            let s = Double(FastMath.sigmoid(x)), exactSigmoid = 1 / (1 + Foundation.exp(-Double(x)))
            worstSigmoid = max(worstSigmoid, Swift.abs(s - exactSigmoid))
        }
        #expect(worstTanh < 1e-6)
        #expect(worstRelative < 2e-6)
        #expect(worstSigmoid < 1e-6)
        #expect(FastMath.tanh(1e-5) == 1e-5)
        #expect(FastMath.tanh(100) == 1 && FastMath.tanh(-100) == -1)
        #expect(FastMath.sigmoid(-100) >= 0 && FastMath.sigmoid(100) <= 1)
    }
}
