import ArgumentParser
import Foundation
import Learning
import Physics
import Tensor

/// `jumpy-bench train`: training steps per second on billiards2d (45 frames) at `--threads`,
/// beside PyTorch running the same models (`shared/bench/torch_ref.py`) in the same run, and at
/// several threads each one's scaling over its own one-thread rate.
struct TrainBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Training steps/s for rnn and jumpy beside PyTorch, and peak memory.")

    @OptionGroup var measurement: MeasurementOptions
    @Option(help: "Timed steps per case (after 2 warm-up steps), repeated until a second has passed.") var steps = 8
    @Option(help: "A Python with PyTorch for the reference (skipped when it cannot run).") var python: String?
    @Option(help: "Cases as kind:hidden:batch, comma separated.")
    var cases = "rnn:128:256,jumpy:128:256,rnn:64:64,jumpy:64:64"

    func run() throws {
        let stolen = StolenTime()
        defer { stolen.reportShare(bench: "train", json: measurement.json) }
        Threads.set(measurement.threads)
        let data = try Dataset.generate(.billiards2d, options: DatasetOptions(n: 10_000, seed: 0))
        let peakGemm = sgemmGFLOPs(m: 256, k: 128, n: 384, seconds: 1)
        report(Figure(bench: "train", parameters: [("threads", .int(measurement.threads))], value: peakGemm, unit: "GFLOP/s",
                      label: "sgemm 256×128·128×384 (this run's ceiling)"), json: measurement.json)
        let reference = ReferenceScript.locate("torch_ref.py", python: python)
        for spec in cases.split(separator: ",") {
            let parts = spec.split(separator: ":").map(String.init)
            guard parts.count == 3, let kind = ModelKind(rawValue: parts[0]), let hidden = Int(parts[1]), let batch = Int(parts[2]) else {
                throw ValidationError("case '\(spec)' is not kind:hidden:batch")
            }
            // At several threads, the scaling: this library's and PyTorch's against their own
            // one-thread rate (ours from alternating rounds, one trainer per thread count).
            let sps: Double, scaling: (one: Double, ratio: Double)?
            if measurement.threads > 1 {
                var trainers: [Int: Trainer] = [:]
                let measured = alternatingRates(threads: measurement.threads) { n in
                    if trainers[n] == nil { trainers[n] = warmTrainer(kind: kind, hidden: hidden, batch: batch, data: data.train) }
                    return stepsPerSecond(&trainers[n]!, data: data.train)
                }
                (sps, scaling) = (measured.many, (measured.one, measured.ratio))
            } else {
                var trainer = warmTrainer(kind: kind, hidden: hidden, batch: batch, data: data.train)
                (sps, scaling) = (stepsPerSecond(&trainer, data: data.train), nil)
            }
            let flops = trainingFLOPs(frames: 44, batch: batch, width: 4, hidden: hidden, jumpy: kind == .jumpy)
            let parameters: [(String, Figure.CaseValue)] = [("kind", .string(kind.rawValue)), ("hidden", .int(hidden)),
                                                            ("batch", .int(batch)), ("threads", .int(measurement.threads))]
            report(Figure(bench: "train", parameters: parameters, value: sps, unit: "steps/s",
                          label: "\(kind.rawValue) H=\(hidden) B=\(batch), this library"), json: measurement.json)
            report(Figure(bench: "train", parameters: parameters + [("part", .string("achieved"))], value: flops * sps / 1e9,
                          unit: "GFLOP/s", label: "  achieved (\(String(format: "%.1f", flops / 1e9)) GFLOP a step)"), json: measurement.json)
            report(Figure(bench: "train", parameters: parameters + [("part", .string("of gemm"))], value: flops * sps / 1e9 / peakGemm,
                          unit: "ratio", label: "  fraction of sgemm's GFLOP/s"), json: measurement.json)
            if let scaling {
                report(Figure(bench: "train", parameters: parameters + [("part", .string("scaling"))], value: scaling.ratio,
                              unit: "ratio", label: "  \(measurement.threads) threads / 1 thread (1 thread: \(String(format: "%.2f", scaling.one)) steps/s; median of 5 alternating rounds)"),
                       json: measurement.json)
            }
            func torchStepsPerSecond(threads: Int) -> Double? {
                guard let reference, let output = reference.run(["--data", "billiards2d", "--model", kind.rawValue, "--steps", String(max(steps, Int(sps)) + 5),
                                                                 "--warmup", "5", "--batch", String(batch), "--hidden", String(hidden),
                                                                 "--threads", String(threads), "--samples", "2000"]) else { return nil }
                return number(after: "train steps/s", in: output)
            }
            if let torch = torchStepsPerSecond(threads: measurement.threads) {
                report(Figure(bench: "train", parameters: parameters + [("part", .string("pytorch"))], value: torch,
                              unit: "steps/s", label: "  PyTorch, same run"), json: measurement.json)
                report(Figure(bench: "train", parameters: parameters + [("part", .string("vs pytorch"))], value: sps / torch,
                              unit: "ratio", label: "  this library / PyTorch"), json: measurement.json)
                if measurement.threads > 1, let torchOne = torchStepsPerSecond(threads: 1) {
                    report(Figure(bench: "train", parameters: parameters + [("part", .string("pytorch scaling"))], value: torch / torchOne,
                                  unit: "ratio", label: "  PyTorch \(measurement.threads) threads / 1 thread (1 thread: \(String(format: "%.2f", torchOne)) steps/s)"),
                           json: measurement.json)
                }
            }
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        report(Figure(bench: "train", parameters: [("part", .string("peak memory")), ("trajectories", .int(10_000))],
                      value: Double(usage.ru_maxrss) / 1024, unit: "MiB",
                      label: "peak resident memory, 10 000 billiards2d trajectories"), json: measurement.json)
    }

    /// A trainer of a fresh model, warmed up by 2 steps at the calling thread count.
    func warmTrainer(kind: ModelKind, hidden: Int, batch: Int, data: Tensor) -> Trainer {
        let model = SequenceModel(ModelConfiguration(kind: kind, observationWidth: 4, hidden: hidden, rnn: hidden), seed: 0)
        var options = TrainingOptions()
        options.batch = batch
        options.steps = 2
        var trainer = Trainer(model: model, options: options)
        _ = trainer.run(train: data)
        return trainer
    }

    /// Steps per second of `trainer` over `steps` more steps, repeated until a second has
    /// passed (a small model's 8 steps take a tenth of one: too short to time on this machine).
    func stepsPerSecond(_ trainer: inout Trainer, data: Tensor) -> Double {
        trainer.options.steps = steps
        var (taken, elapsed) = (0, 0.0)
        repeat {
            elapsed += seconds { _ = trainer.run(train: data) }
            taken += steps
        } while elapsed < 1
        return Double(taken) / elapsed
    }
}

/// Dense-layer FLOPs of one training step, counted as the reference harness counts them
/// (2 per multiply-add; backward twice forward except the first encoder layer's input
/// gradient; the jumpy model's gate decodes forward only).
func trainingFLOPs(frames: Int, batch: Int, width: Int, hidden: Int, jumpy: Bool, burnIn: Int = 4) -> Double {
    let (t, b, d, h) = (Double(frames), Double(batch), Double(width), Double(hidden))
    func mlp(_ i: Double, _ o: Double) -> Double { i * h + 2 * h * h + h * o }
    let encoder = mlp(d, h), decoder = mlp(h, d), gru = 3 * h * (h + h)
    var perTick = 3 * (encoder + gru + decoder) - d * h
    var extra = 0.0
    if jumpy {
        perTick += 3 * decoder + 3 * h
        extra = (t - Double(burnIn)) * decoder
    }
    return 2 * b * (t * perTick + extra)
}
