import ArgumentParser
import Foundation
import Learning
import Physics
import Tensor

/// `jumpy-bench paper`: the paper's comparison on one dataset — trains an RNN, a Jumpy RNN and
/// an ODE-RNN with the same budget and prints the evaluation table (markdown with
/// `--markdown`). Regenerates `docs/results.md`, one dataset at a time.
struct PaperBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paper", abstract: "Train rnn, jumpy and odernn on one dataset and compare them as the paper does.")

    @Option(help: "Dataset: lines, circles, billiards1d, billiards2d, pixels1d, pixels2d.") var data = "lines"
    @Option(help: "Trajectories generated (90% train, 10% test).") var n = 10_000
    @Option(help: "Training steps per model: one number for every kind, or per kind as rnn=3000,jumpy=2000,odernn=1500.")
    var steps = "1000"
    @Option(name: .customLong("seconds"), help: "Stop a model's training after this many seconds, even before --steps (the table records the steps taken).") var budgetSeconds: Double?
    @Option(help: "Jump threshold ε of jumpy teacher forcing.") var epsilon: Float = 3e-3
    @Option(help: "Adam learning rate.") var lr: Float = 1e-3
    @Option(help: "Batch size.") var batch = 256
    @Option(help: "Encoder/decoder and recurrent width.") var hidden = 128
    @Option(help: "Model kinds, comma separated.") var kinds = "rnn,jumpy,odernn"
    @Option(help: "Seed for data and models.") var seed: UInt64 = 0
    @Option(help: "Test trajectories evaluated.") var evaluate = 1000
    @Flag(help: "Print markdown table rows.") var markdown = false
    @Flag(help: "Also print the error of holding the last burn-in frame forever: what a model that learned nothing scores.")
    var hold = false
    @Option(help: ArgumentHelp("Keep each model as DIR/DATA-KIND.safetensors with its training state, and resume from it.",
                               discussion: "Written every --checkpoint-every steps and at the end, beside DATA-KIND.curve.tsv (the error curve). A rerun with the same options continues each model where its file stops: --steps is the total, not more steps."))
    var saveDirectory: String?
    @Option(help: "Also write each finished model's weights alone (no training state) as DIR/DATA-KIND.safetensors.")
    var weightsDirectory: String?
    @Option(help: "Steps between checkpoints and points of the error curve (test auto MSE); 0: none.") var checkpointEvery = 1000
    @Option(help: ArgumentHelp("Stop a model early once its test auto MSE has improved by less than this fraction over --plateau-steps.",
                               discussion: "0 (the default) never stops early; the reference's budget runs use 0.02 over 5000 steps."))
    var plateau = 0.0
    @Option(help: "The window of --plateau, in steps.") var plateauSteps = 5000
    @Option(help: "Threads that split each batch.") var threads = 1

    /// The step budget of `kind` from `--steps`.
    func stepBudget(_ kind: ModelKind) throws -> Int {
        if let all = Int(steps) { return all }
        for entry in steps.split(separator: ",") {
            let parts = entry.split(separator: "=")
            guard parts.count == 2, let count = Int(parts[1]), ModelKind(rawValue: String(parts[0])) != nil else {
                throw ValidationError("--steps: '\(entry)' is not KIND=N (kinds: rnn, jumpy, odernn)")
            }
            if parts[0] == kind.rawValue { return count }
        }
        throw ValidationError("--steps gives no budget for \(kind.rawValue)")
    }

    func validate() throws {
        if !(1...256).contains(threads) { throw ValidationError("--threads must be in 1...256, got \(threads)") }
        if checkpointEvery < 0 { throw ValidationError("--checkpoint-every must be at least 0") }
        if !(0..<1).contains(plateau) { throw ValidationError("--plateau must be in [0, 1), got \(plateau)") }
        if plateau > 0 && (checkpointEvery == 0 || plateauSteps < checkpointEvery || plateauSteps % checkpointEvery != 0) {
            throw ValidationError("--plateau-steps must be a multiple of --checkpoint-every")
        }
    }

    func run() throws {
        Threads.set(threads)
        for directory in [saveDirectory, weightsDirectory].compactMap({ $0 }) {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        guard let world = DatasetKind(rawValue: data) else { throw ValidationError("unknown world \(data)") }
        let dataset = try Dataset.generate(world, options: DatasetOptions(n: n, seed: seed))
        let test = dataset.test.batch(0..<min(evaluate, dataset.test.shape[1]))
        var rows: [(String, Evaluation, Double, String?)] = []
        for name in kinds.split(separator: ",") {
            guard let kind = ModelKind(rawValue: String(name)) else { throw ValidationError("unknown kind \(name)") }
            let run = try PaperRun(kind: kind, bench: self, dataset: dataset)
            let (model, curve, stopped) = try run.train(test: test)
            if let weightsDirectory { try model.save(to: "\(weightsDirectory)/\(data)-\(kind.rawValue).safetensors", weightsOnly: true) }
            rows.append((kind.rawValue, model.evaluate(on: test), curve.last?.seconds ?? 0, stopped))
            if !curve.isEmpty {
                print("\(data) \(kind.rawValue) curve (step, test auto mse, tf mse, mean Δt, seconds):")
                for point in curve { print("  " + point.line) }
            }
        }
        if hold {
            let mse = holdLastFrameMSE(test, burnIn: TrainingOptions().teacherForcing.burnIn,
                                       scored: dataset.features - dataset.auxiliaryWidth)
            print(markdown ? "| \(data) | hold last frame | – | – | – | \(String(format: "%.3e", mse)) | – | – | – | – |"
                           : "\(data) hold last frame: auto \(String(format: "%.3e", mse))")
        }
        if markdown {
            for (name, e, s, _) in rows {
                print("| \(data) | \(name) | \(e.stepsTrained) | \(String(format: "%.0f", s)) | \(String(format: "%.3e", e.teacherForcedMSE)) | \(String(format: "%.3e", e.autoregressiveMSE)) | \(String(format: "%.2f", e.ticksPerTrajectory)) | \(String(format: "%.2f", e.ticksAfterBurnIn)) | \(String(format: "%.2f", e.meanDt)) | \(String(format: "%.0f", e.rolloutsPerSecond)) |")
            }
        } else {
            for (name, e, s, stopped) in rows {
                if let stopped { print("\(data) \(name): \(stopped)") }
                print("\(data) \(name): steps \(e.stepsTrained) (\(String(format: "%.0f", s)) s)  tf \(String(format: "%.3e", e.teacherForcedMSE))  auto \(String(format: "%.3e", e.autoregressiveMSE))  ticks \(String(format: "%.2f", e.ticksPerTrajectory)) (after burn-in \(String(format: "%.2f", e.ticksAfterBurnIn)))  mean Δt \(String(format: "%.2f", e.meanDt))  rollouts/s \(String(format: "%.0f", e.rolloutsPerSecond))")
            }
        }
    }
}

/// The frame-grid MSE of a forecast that repeats frame `burnIn − 1` after the burn-in: the
/// floor any model must beat before its rollouts mean anything.
func holdLastFrameMSE(_ data: Tensor, burnIn: Int, scored: Int) -> Double {
    let (frames, batch, width) = (data.shape[0], data.shape[1], data.shape[2])
    let x = data.scalars, held = (burnIn - 1) * batch * width
    var total = 0.0
    for t in burnIn..<frames {
        for b in 0..<batch {
            let row = (t * batch + b) * width
            for j in 0..<scored {
                let e = Double(x[row + j]) - Double(x[held + b * width + j])
                total += e * e
            }
        }
    }
    return total / Double(frames * batch * scored)
}
