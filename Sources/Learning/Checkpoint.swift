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

    /// Writes the checkpoint atomically (a failed write leaves any old file intact).
    public func save(to path: String) throws {
        try SafeTensors.write(stateDict(), metadata: checkpointMetadata, to: path)
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
        try model.loadStateDict(file.tensors, source: path)
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
        optimizerState = nil
    }

    /// "jumpy gru model (D=4, H=128, R=128)".
    public var describeArchitecture: String {
        let c = configuration
        return "\(c.kind.rawValue) \(c.cell.rawValue) model (D=\(c.observationWidth)\(c.auxiliaryWidth > 0 ? ", A=\(c.auxiliaryWidth)" : ""), H=\(c.hidden), R=\(c.rnn))"
    }
}
