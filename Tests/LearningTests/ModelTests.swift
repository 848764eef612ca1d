import Foundation
import Testing
import Learning
import Tensor
import TestSupport

/// Straight lines at random heights, as the reference's `lines` world ([21, n, 2]).
func lineSequences(_ n: Int, seed: UInt64) -> Tensor {
    var rng = SeededGenerator(seed: seed)
    let heights = (0..<n).map { _ in Float(rng.uniform()) }
    var scalars: [Float] = []
    for t in 0..<21 {
        for b in 0..<n { scalars += [Float(2.1 * Double(t) / 20), heights[b]] }
    }
    return Tensor(shape: [21, n, 2], scalars: scalars)
}

@Suite struct ModelTests {
    func smallModel(_ kind: ModelKind, _ cell: CellKind, width: Int = 3, auxiliary: Int = 0) -> SequenceModel {
        SequenceModel(ModelConfiguration(kind: kind, cell: cell, observationWidth: width, auxiliaryWidth: auxiliary,
                                         hidden: 6, rnn: 6), seed: 5)
    }

    func sequence(frames: Int = 6, batch: Int = 3, width: Int = 3, seed: UInt64 = 1) -> Tensor {
        var rng = SeededGenerator(seed: seed)
        return Tensor.randomNormal([frames, batch, width], std: 0.5, using: &rng)
    }

    @Test(arguments: [(ModelKind.rnn, CellKind.lstm), (.rnn, .vanilla), (.odernn, .gru), (.odernn, .lstm), (.rnn, .gru)])
    func teacherForcingGradientsMatchFiniteDifferences(kind: ModelKind, cell: CellKind) {
        let model = smallModel(kind, cell)
        let data = sequence()
        let failures = parameterGradientMismatches(model.parameters) {
            var rng = SeededGenerator(seed: 0)
            return model.teacherForcing(data, rng: &rng).total
        }
        #expect(failures == [])
    }

    @Test(arguments: CellKind.allCases)
    func jumpyGradientsMatchFiniteDifferencesWhenTheGateIsFixed(cell: CellKind) {
        // With ε = 0 and no exploration no frame jumps, so the loss is smooth in the weights
        // and the Δt fallback and dt = 0 terms are all exercised.
        let model = smallModel(.jumpy, cell)
        let data = sequence()
        let options = TeacherForcingOptions(burnIn: 2, epsilon: 0, jumpProbability: 0, dtLossCoefficient: 1)
        let failures = parameterGradientMismatches(model.parameters) {
            var rng = SeededGenerator(seed: 0)
            return model.teacherForcing(data, options: options, rng: &rng).total
        }
        #expect(failures == [])
    }

    @Test func jumpyGradientsWhenNoPieceEnds() {
        // With ε huge every frame after the burn-in jumps: no piece ends, and the Δt loss is
        // the reference's fallback (jump straight to the end). Seed 7 keeps the Δt head's
        // leaky ReLU away from its kink, where central differences are not the derivative.
        let model = SequenceModel(ModelConfiguration(kind: .jumpy, observationWidth: 3, hidden: 6, rnn: 6), seed: 7)
        let data = sequence()
        let options = TeacherForcingOptions(burnIn: 2, epsilon: 1e9, jumpProbability: 0, dtLossCoefficient: 0.1)
        var rng = SeededGenerator(seed: 0)
        #expect(model.teacherForcing(data, options: options, rng: &rng).meanDt == 5)   // T frames
        // The loss is ~2 here, so Float rounding puts ~1e-4 of noise into each difference.
        let failures = parameterGradientMismatches(model.parameters, absolute: 5e-4) {
            var rng = SeededGenerator(seed: 0)
            return model.teacherForcing(data, options: options, rng: &rng).total
        }
        #expect(failures == [])
    }

    @Test(arguments: [(ModelKind.rnn, CellKind.gru), (.rnn, .lstm), (.odernn, .gru)])
    func rolloutObjectiveGradientsMatchFiniteDifferences(kind: ModelKind, cell: CellKind) {
        // Two columns scored, one auxiliary: predictions feed back, the auxiliary column never does.
        let model = smallModel(kind, cell, auxiliary: 1)
        let data = sequence()
        // The rolled-out loss is ~1 here (errors compound), so Float rounding puts ~1e-4 of
        // noise into each central difference, as in the jumpy test below.
        let failures = parameterGradientMismatches(model.parameters, absolute: 5e-4) {
            model.rolloutObjective(data, burnIn: 2).total
        }
        #expect(failures == [])
    }

    /// The jumpy rollout objective's gradients (the rolled-out frames' error and the Δt loss
    /// at the rolled-out states) against central differences. With ε = 0 the pieces come from
    /// the coins alone (half the frames after the burn-in jump), with ε huge no piece ends
    /// (the Δt loss's fallback): either way the pieces do not move with the weights, so the
    /// loss is smooth in them.
    @Test(arguments: [(CellKind.gru, Float(0)), (.lstm, 0), (.gru, 1e9)])
    func jumpyRolloutObjectiveGradientsMatchFiniteDifferences(cell: CellKind, epsilon: Float) {
        // Seed 7 keeps the Δt head's leaky ReLU away from its kink (as in the test below).
        let model = SequenceModel(ModelConfiguration(kind: .jumpy, cell: cell, observationWidth: 3, auxiliaryWidth: 1,
                                                     hidden: 6, rnn: 6), seed: 7)
        let data = sequence(frames: 9, batch: 3)
        // The fallback's squared errors are ~(T − 1)² each: a smaller weight keeps the loss ~1,
        // where Float rounding stays below the tolerance of the central differences.
        let options = TeacherForcingOptions(burnIn: 2, epsilon: epsilon, jumpProbability: epsilon == 0 ? 0.5 : 0,
                                            dtLossCoefficient: epsilon == 0 ? 0.1 : 0.01)
        var rng = SeededGenerator(seed: 3)
        let loss = model.rolloutObjective(data, options: options, rng: &rng)
        let later = (loss.ticks ?? []).dropFirst(2).flatMap { $0 }
        #expect(later.contains(false) && later.contains(true) == (epsilon == 0), "the pieces this test means")
        #expect(loss.dt.item > 0)
        let failures = parameterGradientMismatches(model.parameters, absolute: 5e-4) {
            var rng = SeededGenerator(seed: 3)
            return model.rolloutObjective(data, options: options, rng: &rng).total
        }
        #expect(failures == [])
    }

    /// The rollout objective's loss is the error of the model's own rollout: with a burn-in
    /// of one frame every later frame is predicted, and the mean over frames 1…T equals the
    /// rollout's MSE over frames 0…T (frame 0 is the data) scaled by (T+1)/T. Teacher forcing
    /// on the same data gives another number. (The RNN only: like teacher forcing, the
    /// objective starts the ODE-RNN from the zero state unflowed, where `rollout` flows it.)
    @Test func rolloutObjectiveIsTheRolloutsError() {
        let model = smallModel(.rnn, .gru, auxiliary: 1)
        let data = sequence(frames: 8, batch: 4)
        let loss = model.rolloutObjective(data, burnIn: 1)
        let rollout = model.rollout(data, options: RolloutOptions(burnIn: 1))
        let expected = rollout.autoregressiveMSE(against: data) * 8 / 7
        #expect(abs(Double(loss.dx.item) - expected) < 1e-5 * expected, "\(loss.dx.item) against \(expected)")
        #expect(loss.changeMSE == Double(loss.dx.item) && loss.dt.item == 0 && loss.meanDt == 1)
        var rng = SeededGenerator(seed: 0)
        let teacher = model.teacherForcing(data, rng: &rng)
        #expect(abs(Double(teacher.dx.item) - expected) > 1e-3 * expected)
    }

    @Test func lstmMovesOnlyTheHiddenVectorBetweenTicks() {
        let model = smallModel(.jumpy, .lstm)
        var rng = SeededGenerator(seed: 2)
        let state = Tensor.randomNormal([2, 12], using: &rng)       // [h (6) | c (6)]
        let moved = model.linearDynamics(state, dt: Tensor(3))
        #expect(moved.slice(lastAxis: 6..<12).scalars == state.slice(lastAxis: 6..<12).scalars)
        let z = state.slice(lastAxis: 0..<3), v = state.slice(lastAxis: 3..<6)
        #expect(isClose(moved.slice(lastAxis: 0..<3).scalars, (z + v * 0.2 * 3).scalars))
        #expect(isClose(moved.slice(lastAxis: 3..<6).scalars, (v * 0.2).scalars))
    }

    @Test func odeFlowIntegratesTheFieldAccurately() {
        // RK4 with one step a frame against the same field integrated with 200 tiny Euler steps.
        let model = smallModel(.odernn, .gru)
        var rng = SeededGenerator(seed: 3)
        let z = Tensor.randomNormal([2, 3], using: &rng)
        let ode = model.odeFunction!
        let rk4 = ode.integrate(z, dt: Tensor(2))
        var euler = z
        for _ in 0..<2000 { euler = euler + ode(euler) * 0.001 }
        #expect(maxDifference(rk4.scalars, euler.scalars) < 5e-3)
        #expect(ode.integrate(z, dt: Tensor(0)).scalars == z.scalars)
    }

    @Test func auxiliaryColumnsAreNotScored() {
        // Changing only the auxiliary column of the targets leaves the loss unchanged.
        let model = smallModel(.rnn, .gru, width: 3, auxiliary: 1)
        let data = sequence()
        var changed = data.scalars
        for k in stride(from: 2, to: changed.count, by: 3) { changed[k] += 1 }
        var rng = SeededGenerator(seed: 0)
        let a = withoutTape { model.teacherForcing(data, rng: &rng).dx.item }
        // The model reads the auxiliary column, so feed the original inputs with changed targets
        // by changing only the last frame (inputs are frames 0 … T−1).
        var lastOnly = data.scalars
        let frameSize = 3 * 3
        for k in stride(from: data.count - frameSize + 2, to: data.count, by: 3) { lastOnly[k] += 1 }
        let b = withoutTape { model.teacherForcing(Tensor(shape: data.shape, scalars: lastOnly), rng: &rng).dx.item }
        #expect(a == b)
        let c = withoutTape { model.teacherForcing(Tensor(shape: data.shape, scalars: changed), rng: &rng).dx.item }
        #expect(a != c)   // as inputs, auxiliary columns do matter
    }
}

@Suite struct CheckpointTests {
    func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "jumpy-checkpoint-\(UUID().uuidString)-\(name)"
    }

    @Test(arguments: [(ModelKind.jumpy, CellKind.gru), (.rnn, .lstm), (.odernn, .vanilla)])
    func roundTripKeepsEveryWeightAndTheMetadata(kind: ModelKind, cell: CellKind) throws {
        let model = SequenceModel(ModelConfiguration(kind: kind, cell: cell, observationWidth: 4, auxiliaryWidth: 1,
                                                     hidden: 8, rnn: 6), seed: 3)
        model.stepsTrained = 42
        model.datasetName = "billiards2d"
        model.datasetSeed = 7
        let path = temporaryPath("model.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let loaded = try SequenceModel.load(from: path)
        #expect(loaded.configuration == model.configuration)
        #expect(loaded.stepsTrained == 42 && loaded.datasetName == "billiards2d" && loaded.datasetSeed == 7)
        for (a, b) in zip(model.parameters, loaded.parameters) {
            #expect(a.name == b.name && a.value.scalars == b.value.scalars)
        }
        if kind == .jumpy && cell == .gru {
            #expect(loaded.parameters.map(\.name).contains("rnn.weight_hh"))
        }
    }

    @Test func refusesMissingTensorWrongShapeAndOtherKind() throws {
        let model = SequenceModel(ModelConfiguration(kind: .jumpy, observationWidth: 4, hidden: 8, rnn: 6), seed: 1)
        let path = temporaryPath("m.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }

        var tensors = model.stateDict().filter { $0.0 != "rnn.bias_hh" }
        try SafeTensors.write(tensors, metadata: model.checkpointMetadata, to: path)
        #expect(throws: CheckpointError(path: path, reason: "missing tensor 'rnn.bias_hh'")) {
            try SequenceModel.load(from: path)
        }

        tensors = model.stateDict().map { $0.0 == "dt_predictor.weight" ? ($0.0, Tensor.zeros([1, 5])) : $0 }
        try SafeTensors.write(tensors, metadata: model.checkpointMetadata, to: path)
        #expect(throws: CheckpointError(path: path, reason: "tensor 'dt_predictor.weight' has shape [1, 5], the model needs [1, 6]")) {
            try SequenceModel.load(from: path)
        }

        let other = SequenceModel(ModelConfiguration(kind: .rnn, observationWidth: 4, hidden: 8, rnn: 6), seed: 1)
        try other.save(to: path)
        let before = model.parameters.map(\.value.scalars)
        #expect(throws: CheckpointError(path: path, reason: "checkpoint is a rnn gru model (D=4, H=8, R=6), this model is a jumpy gru model (D=4, H=8, R=6)")) {
            try model.load(from: path)
        }
        #expect(model.parameters.map(\.value.scalars) == before)

        try SafeTensors.write(model.stateDict(), metadata: ["format": "something-else"], to: path)
        #expect(throws: CheckpointError.self) { try SequenceModel.load(from: path) }
    }
}

@Suite struct TrainingTests {
    @Test func shortRunOnLinesCutsTheLossTenfoldAndTheJumpyModelJumps() {
        let data = lineSequences(512, seed: 0)
        for kind in [ModelKind.rnn, .jumpy] {
            let model = SequenceModel(ModelConfiguration(kind: kind, observationWidth: 2, hidden: 32, rnn: 32), seed: 1)
            var options = TrainingOptions()
            options.steps = 150
            options.batch = 64
            options.learningRate = 3e-3
            var trainer = Trainer(model: model, options: options)
            let outcome = trainer.run(train: data)
            #expect(outcome == .finished)
            let first = model.history.prefix(5).map(\.lossDx).reduce(0, +) / 5
            let last = model.history.suffix(5).map(\.lossDx).reduce(0, +) / 5
            #expect(last < first / 10, "\(kind): loss \(first) → \(last)")
            #expect(model.stepsTrained == 150)
            if kind == .jumpy {
                #expect(model.history.suffix(10).map(\.meanDt).reduce(0, +) / 10 > 1)
            }
        }
    }

    @Test func stopRequestKeepsTheStepsDone() {
        let data = lineSequences(64, seed: 0)
        let model = SequenceModel(ModelConfiguration(kind: .jumpy, observationWidth: 2, hidden: 8, rnn: 8), seed: 1)
        var options = TrainingOptions()
        options.steps = 50
        options.batch = 16
        var trainer = Trainer(model: model, options: options)
        var calls = 0
        var reported: [Int] = []
        let outcome = trainer.run(train: data, work: LongWork(report: { done, _ in reported.append(done) },
                                                               isCancelled: { calls += 1; return calls > 7 }))
        #expect(reported == Array(1...7))
        #expect(outcome == .interrupted(steps: 7))
        #expect(model.stepsTrained == 7 && model.history.count == 7)
    }

    @Test func divergenceStopsAndKeepsTheLastFiniteWeights() {
        var data = lineSequences(32, seed: 0).scalars
        data[40] = .nan
        let model = SequenceModel(ModelConfiguration(kind: .rnn, observationWidth: 2, hidden: 8, rnn: 8), seed: 1)
        let before = model.parameters.map(\.value.scalars)
        var options = TrainingOptions()
        options.steps = 5
        var trainer = Trainer(model: model, options: options)
        let outcome = trainer.run(train: Tensor(shape: [21, 32, 2], scalars: data))
        #expect(outcome == .diverged(step: 1, what: "the loss"))
        #expect(outcome.message!.contains("step 1"))
        #expect(model.parameters.map(\.value.scalars) == before)
        #expect(model.stepsTrained == 0)
    }

    @Test func evaluationIsRecordedInTheHistory() {
        let data = lineSequences(40, seed: 0)
        let model = SequenceModel(ModelConfiguration(kind: .jumpy, observationWidth: 2, hidden: 8, rnn: 8), seed: 1)
        var options = TrainingOptions()
        options.steps = 4
        options.batch = 8
        options.evaluateEvery = 2
        var trainer = Trainer(model: model, options: options)
        var evaluations = 0
        _ = trainer.run(train: data.batch(0..<32), test: data.batch(32..<40),
                        progress: { if $0.evaluation != nil { evaluations += 1 } })
        #expect(evaluations == 2)
        #expect(model.history.filter { $0.split == .test }.map(\.step) == [2, 4])
    }
}

extension ModelTests {
    @Test func copiesAreIndependent() {
        let original = smallModel(.jumpy, .gru)
        original.stepsTrained = 3
        let twin = original.copy()
        #expect(twin.parameters.map(\.value.scalars) == original.parameters.map(\.value.scalars))
        #expect(twin.stepsTrained == 3 && twin.configuration == original.configuration)
        twin.parameters[0].update([Float](repeating: 0, count: twin.parameters[0].value.count))
        #expect(original.parameters[0].value.scalars != twin.parameters[0].value.scalars)
    }
}

extension TrainingTests {
    @Test func twoRunsContinueAsOne() {
        let data = lineSequences(64, seed: 0)
        func trained(_ chunks: [Int]) -> SequenceModel {
            let model = SequenceModel(ModelConfiguration(kind: .rnn, observationWidth: 2, hidden: 8, rnn: 8), seed: 1)
            for steps in chunks {
                var options = TrainingOptions()
                options.steps = steps
                options.batch = 16
                options.decayEvery = 3          // the schedule must count across runs too
                var trainer = Trainer(model: model, options: options)
                _ = trainer.run(train: data)
            }
            return model
        }
        let once = trained([8]), twice = trained([5, 3])
        #expect(twice.stepsTrained == 8)
        #expect(once.parameters.map(\.value.scalars) == twice.parameters.map(\.value.scalars))
        #expect(once.history.map(\.learningRate) == twice.history.map(\.learningRate))
    }

    @Test func divergenceKeepsTheStepsBeforeIt() {
        // Trajectories 16…31 hold a NaN: batches of 16 reach them at the second step.
        var scalars = lineSequences(32, seed: 0).scalars
        scalars[(3 * 32 + 20) * 2] = .nan
        let model = SequenceModel(ModelConfiguration(kind: .rnn, observationWidth: 2, hidden: 8, rnn: 8), seed: 1)
        var options = TrainingOptions()
        options.steps = 5
        options.batch = 16
        var trainer = Trainer(model: model, options: options)
        let outcome = trainer.run(train: Tensor(shape: [21, 32, 2], scalars: scalars))
        #expect(outcome == .diverged(step: 2, what: "the loss"))
        #expect(model.stepsTrained == 1)
        #expect(model.parameters.allSatisfy { $0.value.scalars.allSatisfy(\.isFinite) })
    }
}

extension CheckpointTests {
    @Test func historyTravelsWithTheCheckpointAndNonFiniteWeightsAreRefused() throws {
        let model = SequenceModel(ModelConfiguration(kind: .jumpy, observationWidth: 2, hidden: 8, rnn: 8), seed: 1)
        var options = TrainingOptions()
        options.steps = 3
        options.batch = 8
        var trainer = Trainer(model: model, options: options)
        _ = trainer.run(train: lineSequences(16, seed: 0))
        let path = temporaryPath("h.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let loaded = try SequenceModel.load(from: path)
        #expect(loaded.history == model.history && loaded.history.count == 3)

        var tensors = model.stateDict()
        tensors[0].1 = Tensor(shape: tensors[0].1.shape, scalars: [.nan] + tensors[0].1.scalars.dropFirst())
        try SafeTensors.write(tensors, metadata: model.checkpointMetadata, to: path)
        #expect(throws: CheckpointError(path: path, reason: "tensor 'encoder.linear1.weight' holds NaN or infinite values")) {
            try SequenceModel.load(from: path)
        }
    }
}
