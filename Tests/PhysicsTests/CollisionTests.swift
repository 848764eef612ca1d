import Foundation
import Testing
import Tensor
@testable import Physics

/// Contacts against analytic answers and the conservation laws.
@Suite struct CollisionTests {
    @Test func headOnCollisionOfEqualMassesExchangesVelocities() {
        var world = BallSystem(radius: 0.1, positions: [[0.3, 0.5], [0.7, 0.5]],
                               velocities: [[0.5, 0], [-1.5, 0]])
        // Gap 0.2 closing at 2: contact at t = 0.1, at x = 0.35 and 0.55.
        let contacts = world.advance(by: 0.15)
        #expect(contacts == 1)
        #expect(abs(world.velocity(0).x - -1.5) < 1e-15 && world.velocity(0).y == 0)
        #expect(abs(world.velocity(1).x - 0.5) < 1e-15 && world.velocity(1).y == 0)
        #expect(abs(world.position(0).x - (0.35 - 1.5 * 0.05)) < 1e-14)
        #expect(abs(world.position(1).x - (0.55 + 0.5 * 0.05)) < 1e-14)
    }

    @Test func glancingCollisionMatchesTheAnalyticAnswer() {
        // A moves along +x at y = 0.5; B rests with its centre 0.1 higher (impact parameter
        // b = 0.1 = r). At contact the line of centres makes 30° with x: n = (√3/2, 1/2).
        var world = BallSystem(radius: 0.1, positions: [[0.3, 0.5], [0.6, 0.6]],
                               velocities: [[1, 0], [0, 0]])
        let contactTime = 0.3 - 0.03.squareRoot()
        let after = 0.2 - contactTime
        #expect(world.advance(by: 0.2) == 1)
        let s3 = 3.0.squareRoot()
        let vB = SIMD2(0.75, s3 / 4), vA = SIMD2(0.25, -s3 / 4)
        #expect(maxAbs(world.velocity(0) - vA) < 1e-14)
        #expect(maxAbs(world.velocity(1) - vB) < 1e-14)
        #expect(maxAbs(world.position(0) - (SIMD2(0.6 - 0.03.squareRoot(), 0.5) + vA * after)) < 1e-14)
        #expect(maxAbs(world.position(1) - (SIMD2(0.6, 0.6) + vB * after)) < 1e-14)
        // The outgoing velocities are perpendicular, as for any elastic equal-mass collision
        // with one ball at rest.
        #expect(abs((world.velocity(0) * world.velocity(1)).sum()) < 1e-14)
    }

    @Test func newtonsCradlePassesTheVelocityDownTheChain() {
        // B and C touch at rest; A hits B at t = 0.1, then B (now moving) meets C at once: a
        // contact at time 0 that must fire exactly once, not stick.
        var world = BallSystem(radius: 0.1, positions: [[0.5, 0.2], [0.5, 0.5], [0.5, 0.7]],
                               velocities: [[0, 1], [0, 0], [0, 0]])
        #expect(world.advance(by: 0.15) == 2)
        #expect(world.velocity(0) == [0, 0] && world.velocity(1) == [0, 0] && world.velocity(2) == [0, 1])
        #expect(abs(world.position(2).y - 0.75) < 1e-14)
        #expect(abs(world.position(0).y - 0.3) < 1e-14)
    }

    @Test func touchingBallsMovingSideBySideNeverCollide() {
        // Tangent motion (normal approach speed exactly 0) and a ball sliding along a wall are
        // not contacts: nothing fires, nothing sticks.
        var world = BallSystem(radius: 0.1, positions: [[0.3, 0.1], [0.5, 0.1]],
                               velocities: [[0.7, 0], [0.7, 0]])
        #expect(world.advance(by: 0.2) == 0)
        #expect(world.velocity(0) == [0.7, 0] && world.velocity(1) == [0.7, 0])
    }

    @Test func ballCollisionsConserveEnergyAndMomentum() {
        var rng = SeededGenerator(seed: 11)
        var collided = 0
        for trial in 0..<2000 {
            // Two balls near the centre heading roughly at each other; in 0.1 time units no
            // ball can reach a wall (speeds stay ≤ 2), so only the pair contact can happen.
            let angle = 2 * Double.pi * rng.uniform()
            let d = SIMD2(cos(angle), sin(angle)), perp = SIMD2(-d.y, d.x)
            let offset = rng.uniform(-0.18, 0.18)
            let a = SIMD2(0.5, 0.5) - 0.12 * d, b = SIMD2(0.5, 0.5) + 0.12 * d + offset * perp
            let jitterA = SIMD2(rng.uniform(-0.25, 0.25), rng.uniform(-0.25, 0.25))
            let jitterB = SIMD2(rng.uniform(-0.25, 0.25), rng.uniform(-0.25, 0.25))
            var world = BallSystem(radius: 0.1, positions: [a, b],
                                   velocities: [0.6 * d + jitterA, -0.6 * d + jitterB])
            let (energy, momentum) = (world.kineticEnergy, world.momentum)
            let contacts = world.advance(by: 0.1)
            collided += contacts > 0 ? 1 : 0
            #expect(abs(world.kineticEnergy - energy) < 1e-14, "trial \(trial)")
            #expect(maxAbs(world.momentum - momentum) < 1e-14, "trial \(trial)")
            #expect(world.smallestGap > -1e-14, "trial \(trial)")
        }
        #expect(collided > 1500)   // the test must exercise collisions, not misses
    }

    @Test func wallBouncesConserveEnergy() {
        var world = BallSystem(radius: 0.1, positions: [[0.23, 0.71]], velocities: [[3.1, -1.7]])
        let energy = world.kineticEnergy
        var contacts = 0
        for _ in 0..<1000 { contacts += world.advance(by: 0.01) }
        #expect(contacts > 20)
        #expect(abs(world.kineticEnergy - energy) < 1e-13)
        #expect(world.smallestWallClearance > -1e-14)
        // Speeds along each axis never change under wall bounces, only signs.
        #expect(abs(abs(world.velocity(0).x) - 3.1) < 1e-15)
        #expect(abs(abs(world.velocity(0).y) - 1.7) < 1e-15)
    }

    @Test func stepSizeDoesNotChangeTheTrajectory() {
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<200 {
            let start = BallSystem.random(balls: 3, radius: 0.1, oneDimensional: false,
                                          velocity: .unitSpeed, using: &rng)
            var coarse = start, fine = start
            coarse.advance(by: 0.5)
            for _ in 0..<50 { fine.advance(by: 0.01) }
            #expect(maxAbs(coarse.state, fine.state) < 1e-9)
        }
    }
}

func maxAbs(_ v: SIMD2<Double>) -> Double { max(abs(v.x), abs(v.y)) }

func maxAbs(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}
