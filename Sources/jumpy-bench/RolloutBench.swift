import ArgumentParser
import Foundation
import Learning
import Physics
import Tensor

/// `jumpy-bench rollout`: autoregressive rollouts per second on billiards2d, hidden 128, one
/// thread, at batch 1 and 200, beside PyTorch sampling the same models in the same run. A
/// trained jumpy model ticks less, so pass checkpoints to see what the method buys.
struct RolloutBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollout", abstract: "Rollouts/s for rnn and jumpy at batch 1 and 200, beside PyTorch.")

    @OptionGroup var measurement: MeasurementOptions
    @Option(help: "Batch sizes, comma separated (at most the 1000 test trajectories).") var batches = "1,200"
    @Option(help: "A trained rnn checkpoint (hidden 128, billiards2d); untrained when absent.") var rnn: String?
    @Option(help: "A trained jumpy checkpoint (hidden 128, billiards2d); untrained when absent.") var jumpy: String?
    @Option(help: "A Python with PyTorch for the reference (skipped when it cannot run).") var python: String?
    @Option(help: "Seconds per measurement.") var seconds = 2.0

    func run() throws {
        let stolen = StolenTime()
        defer { stolen.reportShare(bench: "rollout", json: measurement.json) }
        Threads.set(measurement.threads)
        let data = try Dataset.generate(.billiards2d, options: DatasetOptions(n: 10_000, seed: 1)).test   // [45, 1000, 4]
        let sizes = batches.split(separator: ",").compactMap { Int($0) }
        var rates: [String: [Int: Double]] = [:]
        for (kind, path) in [(ModelKind.rnn, rnn), (.jumpy, jumpy)] {
            let model = try path.map { try SequenceModel.load(from: $0) }
                ?? SequenceModel(ModelConfiguration(kind: kind, observationWidth: 4, hidden: 128, rnn: 128), seed: 0)
            let trained = path != nil ? "trained \(model.stepsTrained) steps" : "untrained"
            for requested in sizes {
                let batch = min(requested, data.shape[1])      // at most the test trajectories there are
                var next = 0
                func measuredRate(seconds: Double, rounds: Int = 5) -> Double {
                    let perCall = medianSeconds(minimum: seconds, rounds: rounds) {
                        let start = next % max(1, data.shape[1] - batch + 1)
                        next += batch
                        _ = model.rollout(data.batch(start..<(start + batch)))
                    }
                    return Double(batch) / perCall
                }
                // At several threads, the rate and its scaling come from alternating rounds.
                let rate: Double, scaling: (one: Double, ratio: Double)?
                if measurement.threads > 1 && batch > 1 {
                    let measured = alternatingRates(threads: measurement.threads) { _ in measuredRate(seconds: seconds / 5, rounds: 1) }
                    (rate, scaling) = (measured.many, (measured.one, measured.ratio))
                } else {
                    (rate, scaling) = (measuredRate(seconds: seconds), nil)
                }
                rates[kind.rawValue, default: [:]][batch] = rate
                let ticks = model.rollout(data.batch(0..<min(batch, data.shape[1]))).tickCounts
                let meanTicks = Double(ticks.reduce(0, +)) / Double(ticks.count)
                let parameters: [(String, Figure.CaseValue)] = [("kind", .string(kind.rawValue)), ("batch", .int(batch)),
                                                                ("hidden", .int(128)), ("threads", .int(measurement.threads))]
                report(Figure(bench: "rollout", parameters: parameters, value: rate, unit: "rollouts/s",
                              label: "\(kind.rawValue) B=\(batch) (\(trained), \(String(format: "%.1f", meanTicks)) ticks), this library"), json: measurement.json)
                if let scaling {
                    report(Figure(bench: "rollout", parameters: parameters + [("part", .string("scaling"))], value: scaling.ratio,
                                  unit: "ratio", label: "  \(measurement.threads) threads / 1 thread (1 thread: \(String(format: "%.0f", scaling.one))/s; median of 5 alternating rounds)"),
                           json: measurement.json)
                }
                if let torch = torchRates(kind: kind)[batch] {
                    report(Figure(bench: "rollout", parameters: parameters + [("part", .string("pytorch"))], value: torch,
                                  unit: "rollouts/s", label: "  PyTorch, same run"), json: measurement.json)
                    report(Figure(bench: "rollout", parameters: parameters + [("part", .string("vs pytorch"))], value: rate / torch,
                                  unit: "ratio", label: "  this library / PyTorch"), json: measurement.json)
                }
            }
        }
        for batch in sizes {
            if let a = rates["jumpy"]?[batch], let b = rates["rnn"]?[batch] {
                report(Figure(bench: "rollout", parameters: [("batch", .int(batch)), ("part", .string("jumpy vs rnn"))],
                              value: a / b, unit: "ratio", label: "jumpy model / rnn model, B=\(batch)"), json: measurement.json)
            }
        }
    }

    /// PyTorch's sampling rates per batch size, from `torch_ref.py --sample_bench`.
    func torchRates(kind: ModelKind) -> [Int: Double] {
        guard let script = ReferenceScript.locate("torch_ref.py", python: python),
              let output = script.run(["--data", "billiards2d", "--model", kind.rawValue, "--steps", "1", "--warmup", "0",
                                       "--hidden", "128", "--samples", "2000", "--threads", String(measurement.threads),
                                       "--sample_bench", batches]),
              let line = output.split(separator: "\n").first(where: { $0.contains("sampling traj/s") })
        else { return [:] }
        // "  sampling traj/s      : B=1: 43.7, B=200: 1260.3"
        var result: [Int: Double] = [:]
        for part in line.split(separator: "B=").dropFirst() {
            let fields = part.split(separator: ":")
            if fields.count >= 2, let b = Int(fields[0]),
               let rate = Double(fields[1].trimmingCharacters(in: CharacterSet(charactersIn: " ,"))) {
                result[b] = rate
            }
        }
        return result
    }
}
