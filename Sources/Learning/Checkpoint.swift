import Foundation
import Tensor

/// A checkpoint that cannot be loaded, with the file and the reason.
public struct CheckpointError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// Checkpoints are safetensors files with the reference's tensor names (so a jumpy GRU model
/// loads into the PyTorch `SequenceModel` with `load_state_dict`) and `__metadata__` that
/// records the architecture and provenance:
///
///     format=jumpy-checkpoint version=1 kind=jumpy cell=gru observation_width=4
///     auxiliary_width=0 hidden=128 rnn=128 time_constant=0.2 steps_trained=3000
///     dataset=billiards2d dataset_seed=0
///
/// The file holds the weights alone, as a `.safetensors` model file does in the PyTorch and
/// Hugging Face world, so `load_state_dict(load_file(path), strict=True)` takes it as it is.
/// A model that has been trained keeps its training state in a second file beside it
/// (`m.safetensors` → `m.optimizer.safetensors`, see `trainingStatePath(for:)`), so that
/// training resumes in another process exactly where it stopped: Adam's moments as
/// `optimizer.exp_avg.NAME` and `optimizer.exp_avg_sq.NAME` (PyTorch's names for them) and
/// `adam_step`, `exploration_seed`, `exploration_state` in its metadata. The weights' file
/// says it has one (`training_state`), and the state file carries a digest of the weights
/// it belongs to, so a state file left beside other weights is refused, never applied.
/// Files written before the split, which hold both, still load.
extension SequenceModel {
    public static let checkpointFormat = "jumpy-checkpoint"

    /// The parameters by name, in state_dict order.
    public func stateDict() -> [(String, Tensor)] {
        parameters.map { ($0.name, $0.value.detached()) }
    }

    public var checkpointMetadata: [String: String] {
        var m: [String: String] = [
            "format": Self.checkpointFormat, "version": "1",
            "kind": kind.rawValue, "cell": configuration.cell.rawValue,
            "observation_width": String(configuration.observationWidth),
            "auxiliary_width": String(configuration.auxiliaryWidth),
            "hidden": String(configuration.hidden), "rnn": String(configuration.rnn),
            "time_constant": String(configuration.timeConstant),
            "steps_trained": String(stepsTrained),
        ]
        if let datasetName { m["dataset"] = datasetName }
        if let datasetSeed { m["dataset_seed"] = String(datasetSeed) }
        if !history.isEmpty { m["history"] = Self.encode(history) }
        return m
    }

    static let optimizerPrefix = "optimizer."

    /// The training state as tensors and metadata (empty when the model has none).
    func trainingStateEntries() -> (tensors: [(String, Tensor)], metadata: [String: String]) {
        var tensors: [(String, Tensor)] = [], metadata: [String: String] = [:]
        if let state = optimizerState {
            for (p, (m, v)) in zip(parameters, zip(state.m, state.v)) {
                tensors.append((Self.optimizerPrefix + "exp_avg." + p.name, Tensor(shape: p.shape, scalars: m)))
                tensors.append((Self.optimizerPrefix + "exp_avg_sq." + p.name, Tensor(shape: p.shape, scalars: v)))
            }
            metadata["adam_step"] = String(state.stepCount)
        }
        if let exploration {
            metadata["exploration_seed"] = String(exploration.seed)
            metadata["exploration_state"] = exploration.generator.stateWords.map { String($0, radix: 16) }.joined(separator: " ")
        }
        return (tensors, metadata)
    }

    /// Reads the training state written by `trainingStateEntries` (nil parts when absent);
    /// all of Adam's tensors or none, each of its parameter's shape.
    static func readTrainingState(_ tensors: [String: Tensor], metadata m: [String: String], parameters: [Parameter],
                                  path: String) throws -> (Adam.State?, ExplorationState?) {
        var adam: Adam.State? = nil
        if let stepText = m["adam_step"] {
            guard let step = Int(stepText), step >= 0 else {
                throw CheckpointError(path: path, reason: "metadata 'adam_step' is not a step count: \(stepText)")
            }
            var (ms, vs): ([[Float]], [[Float]]) = ([], [])
            for p in parameters {
                for (name, into) in [("exp_avg.", 0), ("exp_avg_sq.", 1)] {
                    let key = optimizerPrefix + name + p.name
                    guard let t = tensors[key] else { throw CheckpointError(path: path, reason: "missing tensor '\(key)'") }
                    guard t.shape == p.shape else {
                        throw CheckpointError(path: path, reason: "tensor '\(key)' has shape \(t.shape), the model needs \(p.shape)")
                    }
                    guard t.scalars.allSatisfy(\.isFinite) else {
                        throw CheckpointError(path: path, reason: "tensor '\(key)' holds NaN or infinite values")
                    }
                    if into == 0 { ms.append(t.scalars) } else { vs.append(t.scalars) }
                }
            }
            adam = Adam.State(stepCount: step, m: ms, v: vs)
        } else if let stray = tensors.keys.sorted().first(where: { $0.hasPrefix(optimizerPrefix) }) {
            throw CheckpointError(path: path, reason: "tensor '\(stray)' without metadata 'adam_step'")
        }
        var exploration: ExplorationState? = nil
        if m["exploration_seed"] != nil || m["exploration_state"] != nil {
            let fields = (m["exploration_state"] ?? "").split(separator: " ")
            let words = fields.compactMap { UInt64($0, radix: 16) }
            guard let seed = m["exploration_seed"].flatMap({ UInt64($0) }), words.count == fields.count,
                  let generator = SeededGenerator(stateWords: words) else {
                throw CheckpointError(path: path, reason: "metadata 'exploration_seed' and 'exploration_state' must be a seed and four hexadecimal words")
            }
            exploration = ExplorationState(seed: seed, generator: generator)
        }
        return (adam, exploration)
    }

    /// The training history as text, one record a line:
    /// `step split loss_dx loss_dt change_mse mean_dt lr`.
    static func encode(_ history: [TrainingRecord]) -> String {
        history.map { r in
            [String(r.step), r.split.rawValue, String(r.lossDx), String(r.lossDt), String(r.changeMSE),
             String(r.meanDt), String(r.learningRate)].joined(separator: " ")
        }.joined(separator: "\n")
    }

    static func decode(history text: String, path: String) throws -> [TrainingRecord] {
        try text.split(separator: "\n").enumerated().map { index, line in
            let f = line.split(separator: " ")
            guard f.count == 7, let step = Int(f[0]), let split = TrainingRecord.Split(rawValue: String(f[1])),
                  let dx = Double(f[2]), let dt = Double(f[3]), let change = Double(f[4]), let meanDt = Double(f[5]),
                  let lr = Double(f[6]) else {
                throw CheckpointError(path: path, reason: "metadata 'history' line \(index + 1) is malformed: \(line)")
            }
            return TrainingRecord(step: step, split: split, lossDx: dx, lossDt: dt, changeMSE: change, meanDt: meanDt, learningRate: lr)
        }
    }

    /// Where the training state of the checkpoint at `path` goes: `m.safetensors` →
    /// `m.optimizer.safetensors` (the name Hugging Face's trainer gives it, `optimizer`, as a
    /// suffix, so the two files sort together); a path without the extension gets it added.
    public static func trainingStatePath(for path: String) -> String {
        let stem = path.hasSuffix(".safetensors") ? String(path.dropLast(".safetensors".count)) : path
        return stem + ".optimizer.safetensors"
    }

    static let trainingStateFormat = "jumpy-training-state"

    /// A fingerprint of the weights (FNV-1a over names and float bits) that ties a training
    /// state file to the weights it was saved with.
    func weightsDigest() -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        for p in parameters {
            for byte in p.name.utf8 { mix(byte) }
            for x in p.value.scalars {
                let bits = x.bitPattern
                for shift in stride(from: 0, to: 32, by: 8) { mix(UInt8(truncatingIfNeeded: bits >> shift)) }
            }
        }
        return String(hash, radix: 16)
    }

    /// Writes the weights to `path` and, unless `weightsOnly` or the model has none, the
    /// training state beside it (`trainingStatePath(for:)`), each atomically: a failed write
    /// leaves the old file intact. The state goes first; `beforeRename` may still abandon
    /// the save once it is complete (Ctrl-C; see `AtomicFile`), and then neither file
    /// changes. Saving without state removes a state file left beside `path` by an earlier
    /// save, so a later `load` cannot take it for this model's.
    public func save(to path: String, weightsOnly: Bool = false, beforeRename: () throws -> Void = {}) throws {
        var metadata = checkpointMetadata
        let state = trainingStateEntries()
        let statePath = Self.trainingStatePath(for: path)
        guard !weightsOnly, !(state.tensors.isEmpty && state.metadata.isEmpty) else {
            try SafeTensors.write(stateDict(), metadata: metadata, to: path, beforeRename: beforeRename)
            try? FileManager.default.removeItem(atPath: statePath)
            return
        }
        var stateMetadata = state.metadata
        stateMetadata["format"] = Self.trainingStateFormat
        stateMetadata["weights_digest"] = weightsDigest()
        stateMetadata["steps_trained"] = String(stepsTrained)
        try SafeTensors.write(state.tensors, metadata: stateMetadata, to: statePath, beforeRename: beforeRename)
        metadata["training_state"] = (statePath as NSString).lastPathComponent
        try SafeTensors.write(stateDict(), metadata: metadata, to: path)
    }

    /// Replaces every parameter with the tensor of the same name. All names must be present,
    /// with the same shapes, and no others; otherwise nothing changes and the error says which.
    public func loadStateDict(_ tensors: [String: Tensor], source: String) throws {
        let expected = Set(parameters.map(\.name))
        if let missing = parameters.first(where: { tensors[$0.name] == nil }) {
            throw CheckpointError(path: source, reason: "missing tensor '\(missing.name)'")
        }
        if let extra = tensors.keys.sorted().first(where: { !expected.contains($0) }) {
            throw CheckpointError(path: source, reason: "unexpected tensor '\(extra)' for a \(kind.rawValue) \(configuration.cell.rawValue) model")
        }
        for p in parameters where tensors[p.name]!.shape != p.shape {
            throw CheckpointError(path: source, reason: "tensor '\(p.name)' has shape \(tensors[p.name]!.shape), the model needs \(p.shape)")
        }
        if let bad = parameters.first(where: { tensors[$0.name]!.scalars.contains { !$0.isFinite } }) {
            throw CheckpointError(path: source, reason: "tensor '\(bad.name)' holds NaN or infinite values")
        }
        for p in parameters { p.update(tensors[p.name]!.scalars) }
    }

    /// Loads a checkpoint written by `save`, checking its metadata, every name and shape.
    public static func load(from path: String) throws -> SequenceModel {
        let file = try SafeTensors.read(path)
        let m = file.metadata
        func field(_ key: String) throws -> String {
            guard let v = m[key] else { throw CheckpointError(path: path, reason: "metadata has no '\(key)'; not a jumpy checkpoint") }
            return v
        }
        func integer(_ key: String) throws -> Int {
            guard let v = Int(try field(key)) else { throw CheckpointError(path: path, reason: "metadata '\(key)' is not an integer: \(m[key]!)") }
            return v
        }
        guard try field("format") == checkpointFormat else {
            throw CheckpointError(path: path, reason: "metadata format is '\(m["format"]!)', expected '\(checkpointFormat)'")
        }
        guard let kind = ModelKind(rawValue: try field("kind")) else {
            throw CheckpointError(path: path, reason: "unknown model kind '\(m["kind"]!)' (expected rnn, jumpy or odernn)")
        }
        guard let cell = CellKind(rawValue: try field("cell")) else {
            throw CheckpointError(path: path, reason: "unknown cell '\(m["cell"]!)' (expected gru, lstm or vanilla)")
        }
        guard let tau = Float(try field("time_constant")) else {
            throw CheckpointError(path: path, reason: "metadata 'time_constant' is not a number")
        }
        let configuration = ModelConfiguration(
            kind: kind, cell: cell, observationWidth: try integer("observation_width"),
            auxiliaryWidth: try integer("auxiliary_width"), hidden: try integer("hidden"), rnn: try integer("rnn"),
            timeConstant: tau)
        if let problem = configuration.problem { throw CheckpointError(path: path, reason: problem) }
        let model = SequenceModel(configuration, seed: 0)
        // A file from before the split holds the training state among the weights.
        let weights = file.tensors.filter { !$0.key.hasPrefix(optimizerPrefix) }
        try model.loadStateDict(weights, source: path)
        var (stateTensors, stateMetadata, statePath) = (file.tensors, m, path)
        if m["training_state"] != nil {
            // Looked for by this file's own name, never where metadata points: a pair renamed
            // together still loads, and a file cannot make load read another path.
            let beside = trainingStatePath(for: path)
            if FileManager.default.fileExists(atPath: beside) {
                let state = try SafeTensors.read(beside)
                guard state.metadata["format"] == trainingStateFormat else {
                    throw CheckpointError(path: beside, reason: "not a jumpy training state (metadata format is '\(state.metadata["format"] ?? "")')")
                }
                guard state.metadata["weights_digest"] == model.weightsDigest() else {
                    throw CheckpointError(path: beside, reason: "holds the training state of other weights than \((path as NSString).lastPathComponent)'s; remove it to load the weights alone")
                }
                (stateTensors, stateMetadata, statePath) = (state.tensors, state.metadata, beside)
            }
        }
        (model.optimizerState, model.exploration) = try readTrainingState(stateTensors, metadata: stateMetadata,
                                                                           parameters: model.parameters, path: statePath)
        model.stepsTrained = try integer("steps_trained")
        model.datasetName = m["dataset"]
        model.datasetSeed = m["dataset_seed"].flatMap { UInt64($0) }
        if let history = m["history"] { model.history = try decode(history: history, path: path) }
        return model
    }

    /// Loads a checkpoint into this model, refusing one of another kind, cell or size.
    public func load(from path: String) throws {
        let other = try SequenceModel.load(from: path)
        guard other.configuration == configuration else {
            throw CheckpointError(path: path, reason: "checkpoint is a \(other.describeArchitecture), this model is a \(describeArchitecture)")
        }
        try loadStateDict(Dictionary(uniqueKeysWithValues: other.stateDict()), source: path)
        stepsTrained = other.stepsTrained
        history = other.history
        optimizerState = other.optimizerState
        exploration = other.exploration
    }

    /// "jumpy gru model (D=4, H=128, R=128)".
    public var describeArchitecture: String {
        let c = configuration
        return "\(c.kind.rawValue) \(c.cell.rawValue) model (D=\(c.observationWidth)\(c.auxiliaryWidth > 0 ? ", A=\(c.auxiliaryWidth)" : ""), H=\(c.hidden), R=\(c.rnn))"
    }
}
