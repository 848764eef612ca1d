import Testing
import Tensor
@testable import Physics

/// How shot-task episodes start (`ShotStart`): at rest, moving, or b829b2b's mix, each drawn
/// at a fixed place in the seed's stream.
@Suite struct ShotStartTests {
    @Test func atRestTheBallsKeepStillUntilTheShot() {
        let task = ShotTask(start: .rest)
        for seed in UInt64(0)..<50 {
            let episode = ShotEpisode(seed: seed, task: task)
            #expect(episode.start.velocity(0) == .zero && episode.start.velocity(1) == .zero)
            // Frames 0–3 are the start, over and over; the shot moves the cue ball at frame 4.
            for frame in 1..<task.observedFrames {
                #expect(Array(episode.observed[(8 * frame)..<(8 * frame + 8)]) == Array(episode.observed.prefix(8)))
            }
            let shot = episode.play([0.6, 0.3])
            #expect(shot.position(ball: ShotTask.cueBall, frame: 4) != episode.start.position(ShotTask.cueBall))
        }
    }

    /// Rest and moving draw the same numbers: the same places, and the same candidate shots.
    @Test func restAndMovingShareTheirPlacesAndTheStreamAfter() {
        for seed in UInt64(0)..<50 {
            let moving = ShotEpisode(seed: seed, task: ShotTask(start: .moving))
            let rest = ShotEpisode(seed: seed, task: ShotTask(start: .rest))
            #expect(rest.start == moving.start.atRest)
            #expect(rest.generator == moving.generator)
            #expect(moving.start.velocity(0) != .zero)
        }
    }

    /// Mixed draws one uniform after the moving start: below 0.2 the balls stop.
    @Test func mixedDrawsItsCoinRightAfterTheStart() {
        var atRest = 0
        for seed in UInt64(0)..<2000 {
            let moving = ShotEpisode(seed: seed, task: ShotTask(start: .moving))
            let mixed = ShotEpisode(seed: seed, task: ShotTask(start: .mixed))
            var rng = moving.generator
            let coin = rng.uniform()
            #expect(mixed.generator == rng)
            #expect(mixed.start == (coin < 0.2 ? moving.start.atRest : moving.start))
            if coin < 0.2 { atRest += 1 }
        }
        #expect(abs(Double(atRest) / 2000 - ShotStart.mixedRestShare) < 0.03, "\(atRest) of 2000 at rest")
    }

    @Test func theShotsDatasetTakesItsStartAndPhysics() throws {
        let standard = try Dataset.generate(.shots, options: DatasetOptions(n: 400, seed: 1))
        #expect(standard.options.description == "n=400 seed=1 split=0.9 start=mixed physics=reference")
        let rest = try Dataset.generate(.shots, options: DatasetOptions(n: 400, seed: 1, start: .rest))
        let moving = try Dataset.generate(.shots, options: DatasetOptions(n: 400, seed: 1, start: .moving, physics: .exact))
        #expect(moving.options.description == "n=400 seed=1 split=0.9 start=moving physics=exact")
        // [45, B, 6]: a trajectory is still before the shot when frames 0 and 3 agree.
        func still(_ data: Dataset) -> Int {
            let s = data.train.scalars, batch = data.train.shape[1]
            return (0..<batch).filter { b in (0..<4).allSatisfy { s[b * 6 + $0] == s[(3 * batch + b) * 6 + $0] } }.count
        }
        #expect(still(rest) == rest.train.shape[1])
        #expect(still(moving) == 0)
        let share = Double(still(standard)) / Double(standard.train.shape[1])
        #expect(share > 0.14 && share < 0.26, "\(share) of the mixed starts at rest")
    }
}
