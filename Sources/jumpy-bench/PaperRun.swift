import ArgumentParser
import Foundation
import Learning
import Physics
import Tensor

/// One model of `jumpy-bench paper`, trained in stretches of `--checkpoint-every` steps. Each
/// stretch ends with a point of the error curve (test auto MSE) and, with `--save-directory`,
/// a checkpoint that keeps the training state: a run that is stopped resumes from its last
/// checkpoint and continues exactly as if it had not stopped.
struct PaperRun {
    let kind: ModelKind
    let bench: PaperBench
    let dataset: Dataset

    init(kind: ModelKind, bench: PaperBench, dataset: Dataset) throws {
        self.kind = kind
        self.bench = bench
        self.dataset = dataset
    }

    var name: String { "\(bench.data)-\(kind.rawValue)" }
    var checkpointPath: String? { bench.saveDirectory.map { "\($0)/\(name).safetensors" } }
    var curvePath: String? { bench.saveDirectory.map { "\($0)/\(name).curve.tsv" } }

    var configuration: ModelConfiguration {
        ModelConfiguration(kind: kind, observationWidth: dataset.features, auxiliaryWidth: dataset.auxiliaryWidth,
                           hidden: bench.hidden, rnn: bench.hidden)
    }

    var options: TrainingOptions {
        var options = TrainingOptions()
        options.batch = bench.batch
        options.seed = bench.seed
        options.learningRate = bench.lr
        options.teacherForcing.epsilon = bench.epsilon
        return options
    }

    /// The saved model and its curve when a checkpoint exists, else a new model.
    func start() throws -> (SequenceModel, [CurvePoint]) {
        guard let checkpointPath, FileManager.default.fileExists(atPath: checkpointPath) else {
            return (SequenceModel(configuration, seed: bench.seed + 1), [])
        }
        let model = try SequenceModel.load(from: checkpointPath)
        guard model.configuration == configuration, model.datasetName == dataset.name, model.datasetSeed == dataset.seed else {
            throw ValidationError("\(checkpointPath) holds a \(model.describeArchitecture) of \(model.datasetName ?? "unknown data"); these options make a \(SequenceModel(configuration, seed: 0).describeArchitecture) of \(dataset.name): move it away or pick another --save-directory")
        }
        var curve: [CurvePoint] = []
        if let curvePath, let text = try? String(contentsOfFile: curvePath, encoding: .utf8) {
            for line in text.split(separator: "\n").dropFirst() {
                guard let point = CurvePoint(line: String(line)) else { throw ValidationError("\(curvePath): malformed line '\(line)'") }
                curve.append(point)
            }
        }
        log("resuming from \(checkpointPath) at step \(model.stepsTrained)")
        return (model, curve.filter { $0.step <= model.stepsTrained })
    }

    /// Trains to the step budget, the time budget or the plateau; returns the model, its
    /// curve and why it stopped early (nil when it reached its budget of steps).
    func train(test: Tensor) throws -> (SequenceModel, [CurvePoint], String?) {
        var (model, curve) = try start()
        model.datasetName = dataset.name
        model.datasetSeed = dataset.seed
        let total = try bench.stepBudget(kind)
        var elapsed = curve.last?.seconds ?? 0
        let every = bench.checkpointEvery
        // A run resumed after it stopped on a plateau stays stopped.
        var stopped: String? = plateau(curve)
        while model.stepsTrained < total && stopped == nil {
            if let limit = bench.budgetSeconds, elapsed >= limit {
                stopped = "stopped by --seconds \(Int(limit)) at step \(model.stepsTrained)"; break
            }
            var options = self.options
            options.steps = every > 0 ? min(every - model.stepsTrained % every, total - model.stepsTrained) : total - model.stepsTrained
            var trainer = Trainer(model: model, options: options)
            let started = Date(), before = elapsed
            let outcome = trainer.run(train: dataset.train, work: LongWork(isCancelled: {
                bench.budgetSeconds.map { before + Date().timeIntervalSince(started) >= $0 } ?? false
            }), progress: { p in
                if model.stepsTrained % 100 == 0 {
                    log(String(format: "%@ step %d/%d  loss %.3e  mean Δt %.2f  %.2f steps/s", name, model.stepsTrained, total,
                               p.lossDx, p.meanDt, p.stepsPerSecond))
                }
            })
            elapsed += Date().timeIntervalSince(started)
            if case .diverged = outcome { stopped = outcome.message }
            if every > 0 && model.stepsTrained % every == 0 || model.stepsTrained == total {
                let e = model.evaluate(on: test)
                curve.append(CurvePoint(step: model.stepsTrained, autoMSE: e.autoregressiveMSE, teacherForcedMSE: e.teacherForcedMSE,
                                        meanDt: e.meanDt, seconds: elapsed))
                log("\(name) step \(model.stepsTrained): test auto mse \(String(format: "%.3e", e.autoregressiveMSE))")
                if let reason = plateau(curve) { stopped = reason }
            }
            try save(model, curve)
        }
        return (model, curve, stopped)
    }

    /// Why to stop when the last curve point improved on the one `--plateau-steps` earlier by
    /// less than `--plateau`, else nil.
    func plateau(_ curve: [CurvePoint]) -> String? {
        guard bench.plateau > 0, let last = curve.last,
              let earlier = curve.last(where: { $0.step == last.step - bench.plateauSteps }) else { return nil }
        let improvement = 1 - last.autoMSE / earlier.autoMSE
        guard improvement < bench.plateau else { return nil }
        return String(format: "stopped at step %d: test auto MSE improved by %.1f%% over the last %d steps (less than %.0f%%)",
                      last.step, 100 * improvement, bench.plateauSteps, 100 * bench.plateau)
    }

    /// The curve, then the checkpoint (each atomically); a curve point past the checkpoint is
    /// dropped on resume.
    func save(_ model: SequenceModel, _ curve: [CurvePoint]) throws {
        guard let checkpointPath, let curvePath else { return }
        let text = ([CurvePoint.header] + curve.map(\.line)).joined(separator: "\n") + "\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: curvePath), options: .atomic)
        try model.save(to: checkpointPath)
    }

    func log(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

/// A point of a training run's error curve, a line of `DATA-KIND.curve.tsv`.
struct CurvePoint {
    var step: Int
    var autoMSE: Double
    var teacherForcedMSE: Double
    var meanDt: Double
    /// Training seconds so far, across resumes (evaluation excluded).
    var seconds: Double

    static let header = "step\tauto_mse\ttf_mse\tmean_dt\tseconds"

    var line: String {
        "\(step)\t\(String(format: "%.4e", autoMSE))\t\(String(format: "%.4e", teacherForcedMSE))\t\(String(format: "%.3f", meanDt))\t\(String(format: "%.0f", seconds))"
    }

    init(step: Int, autoMSE: Double, teacherForcedMSE: Double, meanDt: Double, seconds: Double) {
        self.step = step; self.autoMSE = autoMSE; self.teacherForcedMSE = teacherForcedMSE
        self.meanDt = meanDt; self.seconds = seconds
    }

    init?(line: String) {
        let f = line.split(separator: "\t")
        guard f.count == 5, let step = Int(f[0]), let auto = Double(f[1]), let tf = Double(f[2]),
              let dt = Double(f[3]), let seconds = Double(f[4]) else { return nil }
        self.init(step: step, autoMSE: auto, teacherForcedMSE: tf, meanDt: dt, seconds: seconds)
    }
}
