import Foundation
import Testing
import Tensor
@testable import Physics

/// The pieces of the reference's law (`ReferenceDynamics`) and what it keeps: energy, the box,
/// the line of a 1-D world. Its agreement with the original code is `ReferenceTrajectoryTests`.
@Suite struct ReferenceDynamicsTests {
    /// libm's atan2 as the independent answer: within 1 ulp everywhere, equal on the edges.
    @Test func atan2AgreesWithLibmToAnUlp() {
        var rng = SeededGenerator(seed: 4)
        for trial in 0..<200_000 {
            // Magnitudes from 1e-12 to 1e12, every quadrant, near-equal pairs included.
            let y = (rng.uniform() < 0.5 ? -1 : 1) * Foundation.pow(10, rng.uniform(-12, 12))
            let x = trial % 4 == 0 ? y * rng.uniform(0.999, 1.001) : (rng.uniform() < 0.5 ? -1 : 1) * Foundation.pow(10, rng.uniform(-12, 12))
            let ours = PortableMath.atan2(y, x), libm = Foundation.atan2(y, x)
            #expect(abs(ours - libm) <= libm.ulp, "atan2(\(y), \(x)): \(ours) against \(libm)")
        }
        let edges: [Double] = [0, -0.0, 1, -1, 0.5, -2.5, .infinity, -.infinity, 1e300, -1e-300, .leastNonzeroMagnitude]
        for y in edges {
            for x in edges {
                let ours = PortableMath.atan2(y, x), libm = Foundation.atan2(y, x)
                #expect(ours.bitPattern == libm.bitPattern || abs(ours - libm) <= libm.ulp, "atan2(\(y), \(x))")
            }
        }
        #expect(PortableMath.atan2(.nan, 1).isNaN && PortableMath.atan2(1, .nan).isNaN)
        #expect(PortableMath.atan2(0, -1) == Double.pi && PortableMath.atan2(-0.0, -1) == -Double.pi)
    }

    @Test func theDeterminantIsNumPysLUAndKeepsTheSignOfZero() {
        var rng = SeededGenerator(seed: 9)
        for _ in 0..<10_000 {
            let a = SIMD2(rng.uniform(-1, 1), rng.uniform(-1, 1)), b = SIMD2(rng.uniform(-1, 1), rng.uniform(-1, 1))
            let plain = a.x * b.y - a.y * b.x
            #expect(abs(ReferenceDynamics.numpyDeterminant(a, b) - plain) <= 1e-14)
        }
        // Parallel vectors along y, as in every 1-D collision: +0, whatever the signs, so that
        // atan2 gives +0 or +π, never −π.
        for (a, b) in [(SIMD2(0.0, 1.0), SIMD2(0.0, -2.0)), (SIMD2(0.0, -1.0), SIMD2(0.0, 2.0)), (SIMD2(0.0, -1.0), SIMD2(0.0, -2.0))] {
            let d = ReferenceDynamics.numpyDeterminant(a, b)
            #expect(d == 0 && d.sign == .plus)
        }
        #expect(ReferenceDynamics.numpyDeterminant([2, 1], [4, 2]) == 0)
    }

    /// The summation order is NumPy's (checked against NumPy outside the tests); here, that
    /// every term is counted once on each branch (below 8, up to 128, above).
    @Test func numpySumCountsEveryTermOnce() {
        for n in [0, 1, 3, 7, 8, 9, 12, 16, 127, 128, 129, 300, 1000] {
            let terms = (0..<n).map { Double($0 % 17) }
            let sum = terms.withUnsafeBufferPointer { ReferenceDynamics.numpySum($0.baseAddress!, count: n) }
            #expect(sum == terms.reduce(0, +), "n = \(n)")
        }
    }

    @Test func aBounceReflectsTheVelocityAlongTheLineOfCentres() {
        // Relative velocity (1, 0) against a line of centres at 45°: it leaves along (0, −1).
        let out = ReferenceDynamics.reflect([1, 0], about: [1, 1])
        #expect(abs(out.x) < 1e-15 && abs(out.y + 1) < 1e-15)
        // Head-on: straight back.
        let back = ReferenceDynamics.reflect([0.5, 0], about: [2, 0])
        #expect(abs(back.x + 0.5) < 1e-15 && abs(back.y) < 1e-15)
    }

    /// Rotations and mirror images: the law keeps every centre inside the box, step after step,
    /// through many contacts, and two balls keep their kinetic energy (to rounding). With more,
    /// a ball in two contacts at once keeps only its last pair's write, as in the original
    /// code (`ReferenceTrajectoryTests`, three in a row), and the energy changes.
    @Test(arguments: [2, 3, 4])
    func ballsStayInTheBoxAndTwoKeepTheirEnergy(balls: Int) {
        var rng = SeededGenerator(seed: UInt64(balls))
        var pairs = 0
        for _ in 0..<50 {
            var system = BallSystem.random(balls: balls, radius: 0.1, oneDimensional: false, velocity: .unitSpeed, using: &rng)
            let energy = system.kineticEnergy
            var s = system.state
            for _ in 0..<220 {
                pairs += s.withUnsafeMutableBufferPointer {
                    ReferenceDynamics.step($0.baseAddress!, balls: balls, radius: 0.1, dt: 0.01).pairs
                }
                system = BallSystem(radius: 0.1, state: s)
                #expect(system.smallestWallClearance >= -1e-12)
            }
            if balls == 2 { #expect(abs(system.kineticEnergy - energy) < 1e-12) }
        }
        #expect(pairs > 20)
    }

    @Test func oneDimensionalBallsStayOnTheirLineUnderTheReferenceLaw() throws {
        let data = try Dataset.generate(.billiards1d, options: DatasetOptions(n: 40, seed: 2, balls: 3, physics: .reference))
        let x = stride(from: 0, to: data.train.scalars.count, by: 2).map { data.train.scalars[$0] }
        #expect(x.allSatisfy { $0 == 0.5 })
    }

    /// The two laws start from the same draws and part after contacts: frame 0 is shared,
    /// later frames differ, and both stay in the box.
    @Test func aBilliardsDatasetTakesEitherLaw() throws {
        let exact = try Dataset.generate(.billiards2d, options: DatasetOptions(n: 30, seed: 1))
        let reference = try Dataset.generate(.billiards2d, options: DatasetOptions(n: 30, seed: 1, physics: .reference))
        #expect(exact.options.physics == .exact && reference.options.physics == .reference)
        #expect(exact.options.description == "n=30 seed=1 split=0.9 radius=0.1 balls=2")
        #expect(reference.options.description == "n=30 seed=1 split=0.9 radius=0.1 balls=2 physics=reference")
        let width = exact.train.shape[1] * exact.train.shape[2]
        #expect(Array(exact.train.scalars.prefix(width)) == Array(reference.train.scalars.prefix(width)))
        #expect(exact.train.scalars != reference.train.scalars)
        #expect(reference.train.scalars.allSatisfy { $0 >= 0.1 - 1e-6 && $0 <= 0.9 + 1e-6 })
        let again = try Dataset.generate(.billiards2d, options: reference.options)
        #expect(again.train.scalars == reference.train.scalars)
    }
}
