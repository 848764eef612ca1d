import Foundation
import Testing
@testable import Learning
import Tensor
import TestSupport

/// `save` writes the weights alone (what PyTorch's `load_state_dict(strict=True)` takes) and
/// the training state in a second file beside them; `load` joins them again.
@Suite struct CheckpointFilesTests {
    func trained(steps: Int = 3) -> SequenceModel {
        let model = SequenceModel(ModelConfiguration(kind: .jumpy, observationWidth: 2, hidden: 8, rnn: 8), seed: 1)
        var options = TrainingOptions()
        options.steps = steps
        options.batch = 16
        options.seed = 9
        options.teacherForcing.jumpProbability = 0.3
        var trainer = Trainer(model: model, options: options)
        _ = trainer.run(train: lineSequences(40, seed: 4))
        return model
    }

    /// The reference's state_dict names for a GRU model, written out here rather than taken
    /// from jumpy: encoder and decoder `ResidualMLP`s, `nn.GRUCell`, the Δt head.
    static let referenceNames: Set<String> = {
        var names: Set<String> = ["rnn.weight_ih", "rnn.weight_hh", "rnn.bias_ih", "rnn.bias_hh",
                                  "dt_predictor.weight", "dt_predictor.bias"]
        for part in ["encoder", "decoder"] {
            for layer in 1...4 { names.formUnion(["\(part).linear\(layer).weight", "\(part).linear\(layer).bias"]) }
        }
        return names
    }()

    @Test func theWeightsFileHoldsTheReferencesNamesAloneAndTheStateSitsBeside() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("m.safetensors")
        try trained().save(to: path)
        #expect(SequenceModel.trainingStatePath(for: path) == directory.path("m.optimizer.safetensors"))
        let weights = try SafeTensors.read(path)
        #expect(Set(weights.names) == Self.referenceNames)
        #expect(weights.metadata["training_state"] == "m.optimizer.safetensors")
        #expect(weights.metadata["adam_step"] == nil)
        let state = try SafeTensors.read(directory.path("m.optimizer.safetensors"))
        #expect(state.names.count == 2 * Self.referenceNames.count)
        #expect(state.names.allSatisfy { $0.hasPrefix("optimizer.exp_avg") })
        #expect(state.metadata["adam_step"] == "3" && state.metadata["exploration_seed"] == "9")

        // Saved again without training state, the file beside goes too.
        try trained().save(to: path, weightsOnly: true)
        #expect(!FileManager.default.fileExists(atPath: directory.path("m.optimizer.safetensors")))
        #expect(try SafeTensors.read(path).metadata["training_state"] == nil)
        // An untrained model has no state to write.
        try SequenceModel(ModelConfiguration(kind: .rnn, observationWidth: 2, hidden: 8, rnn: 8), seed: 1).save(to: directory.path("fresh.safetensors"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("fresh.optimizer.safetensors")))
    }

    @Test func withoutTheFileBesideTheWeightsLoadAlone() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("m.safetensors")
        let model = trained()
        try model.save(to: path)
        let joined = try SequenceModel.load(from: path)
        #expect(joined.optimizerState?.stepCount == 3 && joined.optimizerState?.m == model.optimizerState?.m && joined.optimizerState?.v == model.optimizerState?.v)
        #expect(joined.exploration == model.exploration)
        try FileManager.default.removeItem(atPath: directory.path("m.optimizer.safetensors"))
        let alone = try SequenceModel.load(from: path)
        #expect(alone.optimizerState == nil && alone.exploration == nil)
        #expect(alone.parameters.map(\.value.scalars) == model.parameters.map(\.value.scalars))
        #expect(alone.stepsTrained == 3)

        // A pair renamed together still resumes.
        try model.save(to: path)
        for (from, to) in [("m.safetensors", "n.safetensors"), ("m.optimizer.safetensors", "n.optimizer.safetensors")] {
            try FileManager.default.moveItem(atPath: directory.path(from), toPath: directory.path(to))
        }
        let renamed = try SequenceModel.load(from: directory.path("n.safetensors"))
        #expect(renamed.optimizerState?.m == model.optimizerState?.m && renamed.exploration == model.exploration)
    }

    /// A state file saved with other weights (a newer save of the state, an older one of the
    /// weights) is refused by name instead of being applied to the wrong model.
    @Test func aStateFileOfOtherWeightsIsRefused() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("m.safetensors")
        try trained(steps: 3).save(to: path)
        let newer = trained(steps: 4)
        try newer.save(to: directory.path("other.safetensors"))
        try FileManager.default.removeItem(atPath: directory.path("m.optimizer.safetensors"))
        try FileManager.default.copyItem(atPath: directory.path("other.optimizer.safetensors"),
                                         toPath: directory.path("m.optimizer.safetensors"))
        #expect(throws: CheckpointError.self) { try SequenceModel.load(from: path) }
        do { _ = try SequenceModel.load(from: path) } catch let error as CheckpointError {
            #expect(error.path == directory.path("m.optimizer.safetensors"))
            #expect(error.reason.contains("other weights"))
        }
    }

    /// Ctrl-C once the files are written (save's `beforeRename`) leaves both old files as
    /// they were: the weights are never paired with state they were not saved with.
    @Test func aSaveStoppedBeforeItsRenameChangesNeitherFile() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("m.safetensors")
        try trained(steps: 3).save(to: path)
        let before = [directory.contents("m.safetensors"), directory.contents("m.optimizer.safetensors")]
        struct Stop: Error {}
        #expect(throws: Stop.self) { try trained(steps: 4).save(to: path, beforeRename: { throw Stop() }) }
        #expect([directory.contents("m.safetensors"), directory.contents("m.optimizer.safetensors")] == before)
        #expect(directory.listing() == ["m.optimizer.safetensors", "m.safetensors"])
        #expect(try SequenceModel.load(from: path).stepsTrained == 3)
    }

    /// Files written before the split held weights and state together; they still load and
    /// resume as they did.
    @Test func aFileHoldingBothStillLoads() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("old.safetensors")
        let model = trained()
        let (state, stateMetadata) = model.trainingStateEntries()
        try SafeTensors.write(model.stateDict() + state,
                              metadata: model.checkpointMetadata.merging(stateMetadata) { a, _ in a }, to: path)
        let loaded = try SequenceModel.load(from: path)
        #expect(loaded.optimizerState?.stepCount == 3 && loaded.optimizerState?.m == model.optimizerState?.m)
        #expect(loaded.optimizerState?.v == model.optimizerState?.v && loaded.exploration == model.exploration)
        #expect(loaded.parameters.map(\.value.scalars) == model.parameters.map(\.value.scalars))
    }
}
