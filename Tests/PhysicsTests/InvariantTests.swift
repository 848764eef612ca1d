import Testing
import Tensor
@testable import Physics

/// Whole trajectories, observed at every simulation step: no overlap, no wall crossing,
/// energy kept, and the order of the balls irrelevant.
@Suite struct InvariantTests {
    static let worlds: [(String, BilliardsWorld, Int)] = [
        ("billiards2d", BilliardsWorld(), 2000),
        ("billiards1d", BilliardsWorld(oneDimensional: true), 1000),
        ("4 balls 2-D", BilliardsWorld(balls: 4), 500),
        ("4 balls 1-D", BilliardsWorld(balls: 4, oneDimensional: true), 500),
        ("3 balls radius 0.2", BilliardsWorld(balls: 3, radius: 0.2), 500),
    ]

    @Test(arguments: 0..<5)
    func noOverlapNoWallCrossingEnergyKeptAtEveryStep(_ which: Int) {
        let (name, world, trajectories) = Self.worlds[which]
        var worst = (gap: Double.infinity, wall: Double.infinity, energy: 0.0)
        var ballContacts = 0
        for index in 0..<trajectories {
            var rng = TrajectorySeeds.generator(seed: 99, index: index)
            let start = world.start(using: &rng)
            let energy = start.kineticEnergy
            world.forEachStep(from: start) { _, system in
                worst.gap = min(worst.gap, system.smallestGap)
                worst.wall = min(worst.wall, system.smallestWallClearance)
                worst.energy = max(worst.energy, abs(system.kineticEnergy - energy))
                if system.smallestGap < 0.02 { ballContacts += 1 }
            }
        }
        #expect(worst.gap > -1e-12, "\(name): overlap \(worst.gap)")
        #expect(worst.wall > -1e-12, "\(name): wall crossed by \(worst.wall)")
        #expect(worst.energy < 1e-12, "\(name): energy drift \(worst.energy)")
        // Balls must come close often, or the overlap check tests nothing.
        #expect(ballContacts > trajectories, "\(name): too few near contacts (\(ballContacts))")
    }

    @Test(arguments: [(2, false), (2, true), (3, false), (4, false), (4, true)])
    func swappingBallOrderGivesTheSwappedTrajectories(_ balls: Int, _ oneDimensional: Bool) {
        let world = BilliardsWorld(balls: balls, oneDimensional: oneDimensional)
        var worst = 0.0
        for index in 0..<300 {
            var rng = TrajectorySeeds.generator(seed: 3, index: index)
            let start = world.start(using: &rng)
            var order = Array((0..<balls).reversed())
            if index % 2 == 1 { order.shuffle(using: &rng) }
            let swapped = start.reordered(order)
            var a = [Double](repeating: 0, count: world.trajectoryCount)
            var b = a
            a.withUnsafeMutableBufferPointer { world.record(from: start, into: $0) }
            b.withUnsafeMutableBufferPointer { world.record(from: swapped, into: $0) }
            for frame in 0..<world.frames {
                for (new, old) in order.enumerated() {
                    for k in 0..<4 {
                        let x = b[frame * 4 * balls + 4 * new + k], y = a[frame * 4 * balls + 4 * old + k]
                        worst = max(worst, abs(x - y))
                    }
                }
            }
        }
        #expect(worst < 1e-12, "largest difference \(worst)")
    }

    @Test func oneDimensionalBallsStayOnTheirLine() {
        let world = BilliardsWorld(balls: 3, oneDimensional: true)
        var offLine = 0
        for index in 0..<100 {
            var rng = TrajectorySeeds.generator(seed: 8, index: index)
            world.forEachStep(from: world.start(using: &rng)) { _, system in
                for i in 0..<3 where system.position(i).x != 0.5 || system.velocity(i).x != 0 {
                    offLine += 1
                }
            }
        }
        #expect(offLine == 0)
    }
}
