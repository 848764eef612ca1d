import Testing
import Tensor
@testable import Physics

/// The shot task environment.
@Suite struct ShotTaskTests {
    let task = ShotTask()

    @Test func targetRegionIsStrictlyRightOfPointEightAndAbovePointTwo() {
        #expect(task.isInTarget([0.9, 0.1]))
        #expect(task.isInTarget([0.81, 0.19]))
        #expect(!task.isInTarget([0.8, 0.1]))
        #expect(!task.isInTarget([0.9, 0.2]))
        #expect(!task.isInTarget([0.1, 0.9]))
    }

    @Test func actionsAreClippedPerAxis() {
        #expect(task.clip([2, -3]) == [1.2, -1.2])
        #expect(task.clip([0.3, -0.2]) == [0.3, -0.2])
        #expect(task.clip([-1.21, 1.2]) == [-1.2, 1.2])
        let episode = ShotEpisode(seed: 1)
        #expect(episode.play([5, 5]) == episode.play([1.2, 1.2]))
        #expect(episode.play([5, 5]).action == [1.2, 1.2])
        var rng = SeededGenerator(seed: 2)
        var largest = 0.0
        for _ in 0..<1000 {
            let a = task.randomAction(using: &rng)
            #expect(abs(a.x) <= 1.2 && abs(a.y) <= 1.2)
            largest = max(largest, abs(a.x), abs(a.y))
        }
        #expect(largest > 1.1)   // the draw covers the whole range
    }

    @Test func theCueBallsVelocityIsClippedAfterTheImpulse() {
        // Cue ball moving at 1.0 along x; an impulse of 1.2 would make 2.2: clipped to 1.8.
        let start = BallSystem(radius: 0.1, positions: [[0.8, 0.8], [0.2, 0.2]],
                               velocities: [[0, 0], [0.1, 0]])
        let outcome = task.play(from: start, action: [1.2, -0.3])
        let after = outcome.velocity(ball: ShotTask.cueBall, frame: 4)
        #expect(abs(after.x - 1.3) < 1e-12 && abs(after.y + 0.3) < 1e-12)
        let fast = BallSystem(radius: 0.1, positions: [[0.8, 0.8], [0.2, 0.5]],
                              velocities: [[0, 0], [1.0, 0]])
        let clipped = task.play(from: fast, action: [1.2, 0]).velocity(ball: ShotTask.cueBall, frame: 4)
        #expect(clipped == [1.8, 0])
    }

    @Test func aFrameIsFourHundredthsOfATimeUnit() {
        let start = BallSystem(radius: 0.1, positions: [[0.3, 0.3], [0.7, 0.7]],
                               velocities: [[0.5, 0.25], [0, 0]])
        let outcome = task.play(from: start, action: .zero)
        #expect(task.stepsPerFrame == 4 && task.stepDuration == 0.01)
        let p = outcome.position(ball: ShotTask.objectBall, frame: 5)
        #expect(abs(p.x - (0.3 + 0.5 * 0.2)) < 1e-12 && abs(p.y - (0.3 + 0.25 * 0.2)) < 1e-12)
    }

    @Test(arguments: BallPhysics.allCases)
    func zeroActionLeavesTheCuePathUnchanged(physics: BallPhysics) {
        let task = ShotTask(start: .moving, physics: physics)
        for seed in UInt64(0)..<50 {
            let episode = ShotEpisode(seed: seed, task: task)
            let outcome = episode.play(.zero)
            var free = episode.start
            for frame in 0..<task.frames {
                if frame > 0 { for _ in 0..<task.stepsPerFrame { free.step(by: task.stepDuration, physics: physics) } }
                #expect(outcome.position(ball: ShotTask.cueBall, frame: frame) == free.position(ShotTask.cueBall))
                #expect(outcome.position(ball: ShotTask.objectBall, frame: frame) == free.position(ShotTask.objectBall))
            }
        }
    }

    @Test(arguments: BallPhysics.allCases)
    func theImpulseActsAfterFrameThree(physics: BallPhysics) {
        let task = ShotTask(start: .moving, physics: physics)
        let episode = ShotEpisode(seed: 4, task: task)
        let calm = episode.play(.zero), shot = episode.play([0.2, -0.1])
        #expect(Array(shot.states.prefix(8 * 4)) == episode.observed)
        #expect(Array(calm.states.prefix(8 * 4)) == episode.observed)
        #expect(shot.position(ball: ShotTask.cueBall, frame: 4) != calm.position(ball: ShotTask.cueBall, frame: 4))
        // The cue ball's energy rises by the impulse (unless a contact intervened): check the
        // velocity right after the impulse by a direct simulation.
        var manual = episode.start
        for _ in 0..<(3 * task.stepsPerFrame) { manual.step(by: task.stepDuration, physics: physics) }
        manual.push(ShotTask.cueBall, by: [0.2, -0.1])
        for _ in 0..<task.stepsPerFrame { manual.step(by: task.stepDuration, physics: physics) }
        #expect(shot.position(ball: ShotTask.cueBall, frame: 4) == manual.position(ShotTask.cueBall))
    }

    @Test func reportsWhenTheObjectBallEntersTheTargetAfterTheShot() {
        // Object ball heading for the corner at (0.5, −0.5): at frame 5 (t = 0.2) it is at
        // (0.8, 0.2), on the boundary (outside); at frame 6 at (0.82, 0.18), inside.
        let start = BallSystem(radius: 0.1, positions: [[0.7, 0.3], [0.2, 0.8]],
                               velocities: [[0.5, -0.5], [0, 0]])
        let outcome = task.play(from: start, action: .zero)
        #expect(outcome.targetFrame == 6)
        #expect(outcome.hit)
        let still = BallSystem(radius: 0.1, positions: [[0.3, 0.3], [0.7, 0.7]], velocities: [[0, 0], [0, 0]])
        #expect(task.play(from: still, action: .zero).targetFrame == nil)
        // In the target at frames 0–2 only, before the shot: not a success.
        let leaving = BallSystem(radius: 0.1, positions: [[0.85, 0.15], [0.2, 0.2]],
                                 velocities: [[-0.5, 0.5], [0, 0]])
        let early = task.play(from: leaving, action: .zero)
        #expect(task.isInTarget(early.position(ball: ShotTask.objectBall, frame: 2)))
        #expect(early.targetFrame == nil && !early.hit)
    }

    @Test func episodesAreReproducibleFromTheirSeed() {
        var env = ShotEnvironment()
        let a = env.reset(seed: 7)
        let first = env.step(action: [0.3, 0.6])
        var other = ShotEnvironment()
        let b = other.reset(seed: 7)
        #expect(a == b)
        #expect(other.step(action: [0.3, 0.6]) == first)
        #expect(env.reset(seed: 8).start != a.start)
        #expect(a.observed.count == 4 * 8)
    }

    @Test func movingStartsFollowTheReferenceLaw() {
        let task = ShotTask(start: .moving)
        for seed in UInt64(0)..<500 {
            let start = ShotEpisode(seed: seed, task: task).start
            #expect(start.smallestGap >= 0)
            #expect(start.smallestWallClearance >= 0)
            for i in 0..<2 { #expect(abs(start.velocity(i).x) <= 1.2 && abs(start.velocity(i).y) <= 1.2) }
        }
        // 0.75·N(0, 1) clipped to ±1.2: the spread of the components, and some at the clip.
        let components = (UInt64(0)..<2000).flatMap { seed -> [Double] in
            let start = ShotEpisode(seed: seed, task: task).start
            return [start.velocity(0).x, start.velocity(0).y, start.velocity(1).x, start.velocity(1).y]
        }
        let clipped = components.filter { abs($0) == 1.2 }.count
        let meanSquare = components.map { $0 * $0 }.reduce(0, +) / Double(components.count)
        #expect(clipped > 0)
        #expect(abs(meanSquare - 0.48) < 0.03)   // E[clip(0.75 z, ±1.2)²] ≈ 0.480
    }
}
