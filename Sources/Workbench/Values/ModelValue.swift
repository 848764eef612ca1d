import Foundation
import Learning
import Plotting
import Tensor

/// A sequence model bound in the workbench. The value is immutable: `train` trains a copy
/// and rebinds the name, so a statement that fails leaves the bound model as it was.
///
///     net.kind, net.cell, net.hidden, net.rnn, net.steps, net.parameters, net.loss
public struct ModelValue: WorkbenchObject, SavableObject {
    public static let typeName = "model"
    public let model: SequenceModel

    public init(_ model: SequenceModel) { self.model = model }

    var configuration: ModelConfiguration { model.configuration }

    public var summary: String {
        let c = configuration
        var text = "\(c.kind.rawValue) \(c.cell.rawValue) model: D=\(c.observationWidth)"
        if c.auxiliaryWidth > 0 { text += " (\(c.auxiliaryWidth) auxiliary)" }
        text += ", H=\(c.hidden), R=\(c.rnn), \(model.parameterCount) parameters, \(model.stepsTrained) steps"
        if let recent = model.recentTraining() {
            text += ", loss \(NumberFormat.significant(recent.loss))"
        }
        return text
    }

    public var details: String {
        let c = configuration
        var lines = [summary,
                     "  encoder  ResidualMLP \(c.observationWidth) → \(c.hidden) (width \(c.hidden))",
                     "  cell     \(c.cell.rawValue.uppercased()) \(c.hidden) → \(c.rnn)\(c.cell == .lstm ? " (state [h | c], \(2 * c.rnn))" : "")",
                     "  decoder  ResidualMLP \(c.rnn) → \(c.observationWidth) (width \(c.hidden)), reads h·τ, τ = \(NumberFormat.significant(Double(c.timeConstant)))",
                     "  Δt head  Linear \(c.rnn) → 1, leaky_relu + 1"]
        if c.kind == .odernn { lines.append("  ODE      f: Linear \(c.rnn / 2) → tanh → Linear \(c.rnn / 2), RK4") }
        if let name = model.datasetName {
            lines.append("  trained on \(name)\(model.datasetSeed.map { " (seed \($0))" } ?? "")")
        }
        let train = model.history.filter { $0.split == .train }
        if train.count >= 2 {
            lines.append("  training loss (log scale) over \(train.count) steps:")
            lines.append(lossCurve(train.map(\.lossDx)))
        }
        let tests = model.history.filter { $0.split == .test }
        for record in tests.suffix(5) {
            lines.append("  test at step \(record.step): loss \(NumberFormat.significant(record.lossDx)), mean Δt \(NumberFormat.significant(record.meanDt, digits: 3))")
        }
        return lines.joined(separator: "\n")
    }

    private func lossCurve(_ losses: [Double]) -> String {
        let logs = losses.map { $0 > 0 ? PortableMath.log($0) / PortableMath.log(10) : -12 }
        let (low, high) = (logs.min()!, logs.max()!)
        var canvas = BrailleCanvas(columns: 50, rows: 6, x: 0...Double(logs.count - 1), y: low...high)
        canvas.polyline(logs.enumerated().map { (Double($0.offset), $0.element) })
        return canvas.render().split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
            + "\n    1e\(Int(low.rounded(.down)))…1e\(Int(high.rounded(.up)))"
    }

    public var fieldNames: [String] { ["kind", "cell", "hidden", "rnn", "steps", "parameters", "loss"] }

    public func field(_ name: String) -> Value? {
        switch name {
        case "kind": return .string(configuration.kind.rawValue)
        case "cell": return .string(configuration.cell.rawValue)
        case "hidden": return .number(Double(configuration.hidden))
        case "rnn": return .number(Double(configuration.rnn))
        case "steps": return .number(Double(model.stepsTrained))
        case "parameters": return .number(Double(model.parameterCount))
        case "loss": return model.history.last(where: { $0.split == .train }).map { .number($0.lossDx) }
        default: return nil
        }
    }

    public func save(to path: String) throws { try model.save(to: path) }
    public func save(to path: String, beforeRename: () throws -> Void) throws { try model.save(to: path, beforeRename: beforeRename) }

    /// Reads checkpoints written by `save` (metadata `format = jumpy-checkpoint`).
    public static let loader = FileLoader(typeName: typeName) { file in
        file.metadata["format"] == SequenceModel.checkpointFormat
    } load: { _, path in
        do {
            return .object(ModelValue(try SequenceModel.load(from: path)))
        } catch let error as CheckpointError {
            throw CommandError(error.description)
        }
    }
}
