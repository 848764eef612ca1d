import Foundation
import Testing
@testable import Learning
import Tensor
import TestSupport

/// Training split across threads computes the whole batch's gradient, with the same bits at
/// every thread count and on every kernel path.
@Suite struct DataParallelTests {
    /// Trains `kind` on lines for `steps` steps at `threads` threads, batches of 96 (three
    /// chunks of 32, so 2 and 5 threads share them unevenly), with coins that fire often.
    func trained(_ kind: ModelKind, threads: Int, steps: Int = 3, objective: TrainingObjective = .teacher) -> SequenceModel {
        Threads.with(threads) {
            let model = SequenceModel(ModelConfiguration(kind: kind, observationWidth: 2, hidden: 8, rnn: 8), seed: 1)
            var options = TrainingOptions()
            options.steps = steps
            options.batch = 96
            options.teacherForcing.jumpProbability = 0.3
            options.objective = objective
            var trainer = Trainer(model: model, options: options)
            _ = trainer.run(train: lineSequences(120, seed: 2))
            return model
        }
    }

    static func bits(_ model: SequenceModel) -> [[UInt32]] { model.parameters.map { $0.value.scalars.map(\.bitPattern) } }

    @Test(arguments: [(ModelKind.rnn, TrainingObjective.teacher), (.jumpy, .teacher), (.odernn, .teacher),
                      (.rnn, .rollout), (.jumpy, .rollout)])
    func everyThreadCountAndPathGivesTheSameBits(kind: ModelKind, objective: TrainingObjective) {
        let one = trained(kind, threads: 1, objective: objective)
        #expect(Threads.chunks(of: 96).count == 3)
        for threads in [2, 3, 5] {
            let many = trained(kind, threads: threads, objective: objective)
            #expect(Self.bits(many) == Self.bits(one), "\(kind) \(objective) at \(threads) threads")
            #expect(many.history.map(\.lossDx) == one.history.map(\.lossDx))
            #expect(many.history.map(\.lossDt) == one.history.map(\.lossDt))
            #expect(many.history.map(\.meanDt) == one.history.map(\.meanDt))
        }
        for path in KernelPath.available {
            let forced = KernelPath.with(path) { trained(kind, threads: 2, objective: objective) }
            #expect(Self.bits(forced) == Self.bits(one), "\(kind) \(objective) on \(path)")
        }
        if objective == .rollout {
            // The objective is not teacher forcing under another name.
            #expect(Self.bits(trained(kind, threads: 1)) != Self.bits(one))
        }
    }

    @Test func shardsAreContiguousAndBalanced() {
        #expect(Threads.shards(of: 10, parts: 3) == [0..<4, 4..<7, 7..<10])
        #expect(Threads.shards(of: 2, parts: 4) == [0..<1, 1..<2])
        #expect(Threads.shards(of: 5, parts: 1) == [0..<5])
        #expect(Threads.map(4) { $0 * $0 } == [0, 1, 4, 9])
        #expect(Threads.map(5, workers: 2) { $0 + 1 } == [1, 2, 3, 4, 5])
    }

    /// Chunks depend on the batch alone: at least 32 trajectories, at most 8 chunks.
    @Test func chunksFollowTheBatchNotTheThreads() {
        #expect(Threads.chunks(of: 20) == [0..<20])
        #expect(Threads.chunks(of: 64) == [0..<32, 32..<64])
        #expect(Threads.chunks(of: 256) == (0..<8).map { $0 * 32..<($0 + 1) * 32 })
        #expect(Threads.chunks(of: 1000).count == 8 && Threads.chunks(of: 1000).allSatisfy { $0.count == 125 })
        #expect(Threads.with(5) { Threads.chunks(of: 256) } == Threads.with(1) { Threads.chunks(of: 256) })
    }

    @Test func coinsOfAShardAreThoseOfItsTrajectories() {
        var rng = SeededGenerator(seed: 3)
        let coins = ExplorationCoins(frames: 9, burnIn: 4, batch: 7, probability: 0.5, rng: &rng)
        let shard = coins.shard(2..<5)
        for frame in 0..<5 {
            for b in 0..<3 { #expect(shard[frame, b] == coins[frame, b + 2]) }
        }
        #expect(coins.heads.contains(true) && coins.heads.contains(false))
    }
}

extension ReferenceTests {
    /// The golden gradients hold at every thread count, also where the fixture's batch splits
    /// into shards of one trajectory.
    @Test(arguments: [1, 2, 3])
    func shardedGradientsMatchTheReference(threads: Int) {
        Threads.with(threads) {
            var parallel = DataParallel()
            let jumpy = fixture.model(.jumpy)
            var rng = SeededGenerator(seed: 0)
            let loss = parallel.gradients(of: jumpy, on: fixture["input.seq"], options: jumpyOptions, rng: &rng)
            #expect(matches(loss.dx.reshaped([1]), fixture["jumpy.loss_dx"]))
            #expect(matches(loss.dt.reshaped([1]), fixture["jumpy.loss_dt"]))
            #expect(gradientMismatches(jumpy, prefix: "jumpy.grad") == [])

            var baselineParallel = DataParallel()
            let rnn = fixture.model(.rnn)
            let baseline = baselineParallel.gradients(of: rnn, on: fixture["input.seq"], options: .init(), rng: &rng)
            #expect(matches(baseline.dx.reshaped([1]), fixture["baseline.loss"]))
            #expect(gradientMismatches(rnn, prefix: "baseline.grad") == [])
        }
    }
}

/// A run cut off and resumed from its checkpoint in a fresh model gives the numbers of one
/// uninterrupted run, bit for bit.
@Suite struct ResumeTests {
    func options(steps: Int, objective: TrainingObjective = .teacher) -> TrainingOptions {
        var options = TrainingOptions()
        options.objective = objective
        options.steps = steps
        options.batch = 16
        options.decayEvery = 3
        options.seed = 9
        options.teacherForcing.jumpProbability = 0.3     // the coins' stream must continue too
        return options
    }

    @Test(arguments: [1, 2], [TrainingObjective.teacher, .rollout])
    func resumedFromACheckpointEqualsOneRun(threads: Int, objective: TrainingObjective) throws {
        func options(steps: Int) -> TrainingOptions { self.options(steps: steps, objective: objective) }
        try Threads.with(threads) {
            let data = lineSequences(40, seed: 4)
            let configuration = ModelConfiguration(kind: .jumpy, observationWidth: 2, hidden: 8, rnn: 8)
            let whole = SequenceModel(configuration, seed: 1)
            var trainer = Trainer(model: whole, options: options(steps: 7))
            _ = trainer.run(train: data)

            let directory = TemporaryDirectory()
            let first = SequenceModel(configuration, seed: 1)
            var firstTrainer = Trainer(model: first, options: options(steps: 4))
            _ = firstTrainer.run(train: data)
            try first.save(to: directory.path("cut.safetensors"))

            let resumed = try SequenceModel.load(from: directory.path("cut.safetensors"))
            var secondTrainer = Trainer(model: resumed, options: options(steps: 3))
            _ = secondTrainer.run(train: data)
            #expect(resumed.stepsTrained == 7)
            #expect(resumed.parameters.map(\.value.scalars) == whole.parameters.map(\.value.scalars))
            #expect(resumed.history == whole.history)

            // Without the training state the continuation differs: the test can tell.
            try first.save(to: directory.path("weights.safetensors"), weightsOnly: true)
            let restarted = try SequenceModel.load(from: directory.path("weights.safetensors"))
            #expect(restarted.optimizerState == nil && restarted.exploration == nil)
            var thirdTrainer = Trainer(model: restarted, options: options(steps: 3))
            _ = thirdTrainer.run(train: data)
            #expect(restarted.parameters.map(\.value.scalars) != whole.parameters.map(\.value.scalars))
        }
    }

    @Test func aDifferentSeedStartsANewStreamOfCoins() {
        let model = SequenceModel(ModelConfiguration(kind: .jumpy, observationWidth: 2, hidden: 8, rnn: 8), seed: 1)
        var trainer = Trainer(model: model, options: options(steps: 2))
        _ = trainer.run(train: lineSequences(40, seed: 4))
        let saved = model.exploration
        #expect(saved?.seed == 9 && saved?.generator != SeededGenerator(seed: 9))
        var other = options(steps: 1)
        other.seed = 10
        var next = Trainer(model: model, options: other)
        _ = next.run(train: lineSequences(40, seed: 4))
        // The third batch is the last 8 of the 40 trajectories: 16 frames of 8 coins.
        var expected = SeededGenerator(seed: 10)
        _ = ExplorationCoins(frames: 20, burnIn: 4, batch: 8, probability: 0.3, rng: &expected)
        #expect(model.exploration == ExplorationState(seed: 10, generator: expected))
    }

    @Test func damagedTrainingStateIsRefusedByName() throws {
        let model = SequenceModel(ModelConfiguration(kind: .rnn, observationWidth: 2, hidden: 8, rnn: 8), seed: 1)
        var trainer = Trainer(model: model, options: options(steps: 1))
        _ = trainer.run(train: lineSequences(40, seed: 4))
        let directory = TemporaryDirectory()
        let path = directory.path("m.safetensors")
        let (state, stateMetadata) = model.trainingStateEntries()
        let metadata = model.checkpointMetadata.merging(stateMetadata) { a, _ in a }
        func refused(_ tensors: [(String, Tensor)], _ metadata: [String: String]) throws -> String? {
            try SafeTensors.write(tensors, metadata: metadata, to: path)
            do { _ = try SequenceModel.load(from: path); return nil } catch let error as CheckpointError { return error.reason }
        }
        #expect(try refused(model.stateDict() + state, metadata) == nil)
        #expect(try refused(model.stateDict() + state.dropLast(), metadata)
                == "missing tensor 'optimizer.exp_avg_sq.dt_predictor.bias'")
        #expect(try refused(model.stateDict() + state, metadata.merging(["adam_step": "-1"]) { $1 })
                == "metadata 'adam_step' is not a step count: -1")
        #expect(try refused(model.stateDict() + state, metadata.merging(["exploration_state": "1 2 3"]) { $1 })?
                .hasPrefix("metadata 'exploration_seed' and 'exploration_state'") == true)
        #expect(try refused(model.stateDict() + state, metadata.merging(["exploration_state": "0 0 0 0"]) { $1 }) != nil)
        #expect(try refused(model.stateDict() + state, metadata.filter { $0.key != "adam_step" })?
                .hasSuffix("without metadata 'adam_step'") == true)
    }
}

extension DataParallelTests {
    /// A batch rolled out in shards gives each trajectory the rollout it has alone.
    @Test(arguments: [ModelKind.rnn, .jumpy])
    func rolloutsSplitAcrossThreadsAgree(kind: ModelKind) {
        let model = trained(kind, threads: 1, steps: 30)
        let data = lineSequences(7, seed: 5)
        let one = model.rollout(data)
        for threads in [2, 3] {
            let many = Threads.with(threads) { model.rollout(data) }
            #expect(many.tickCounts == one.tickCounts && many.tickDts.count == one.tickDts.count)
            #expect(zip(many.times.scalars, one.times.scalars).allSatisfy { a, b in a == b || Swift.abs(a - b) <= 1e-5 * Swift.abs(b) + 1e-6 })
            #expect(isClose(many.frameGrid().scalars, one.frameGrid().scalars, relative: 1e-5, absolute: 1e-6))
            #expect(Threads.with(threads) { model.rollout(data) }.frameGrid().scalars == many.frameGrid().scalars)
        }
        // Each trajectory alone, too (a shard of one).
        for b in 0..<7 {
            #expect(isClose(model.rollout(data.batch(b..<(b + 1))).frameGrid().scalars,
                            Tensor(shape: [21, 1, 2], scalars: (0..<21).flatMap { t in one.frameGrid().scalars[((t * 7 + b) * 2)..<((t * 7 + b + 1) * 2)] }).scalars,
                            relative: 1e-5, absolute: 1e-6))
        }
    }
}
