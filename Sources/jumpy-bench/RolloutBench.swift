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
    @Option(help: "Rounds, each this library's measurement then PyTorch's; figures are the rounds' medians (the host's speed drifts).")
    var rounds = 1

    func validate() throws {
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1") }
    }

    func run() throws {
        let stolen = StolenTime()
        defer { stolen.reportShare(bench: "rollout", json: measurement.json) }
        Threads.set(measurement.threads)
        let data = try Dataset.generate(.billiards2d, options: DatasetOptions(n: 10_000, seed: 1)).test   // [45, 1000, 4]
        var sizes: [Int] = []                                  // as given, each once, at most the test trajectories
        for size in batches.split(separator: ",").compactMap({ Int($0) }).map({ min($0, data.shape[1]) }) where !sizes.contains(size) {
            sizes.append(size)
        }
        var rates: [String: [Int: Double]] = [:]
        for (kind, path) in [(ModelKind.rnn, rnn), (.jumpy, jumpy)] {
            let model = try path.map { try SequenceModel.load(from: $0) }
                ?? SequenceModel(ModelConfiguration(kind: kind, observationWidth: 4, hidden: 128, rnn: 128), seed: 0)
            let trained = path != nil ? "trained \(model.stepsTrained) steps" : "untrained"
            // Each round measures this library at every batch size, then PyTorch at all of
            // them; the figures are the rounds' medians, the ratio the median of theirs.
            var ours: [Int: [Double]] = [:], ones: [Int: [Double]] = [:], scalings: [Int: [Double]] = [:]
            var theirs: [Int: [Double]] = [:], ratios: [Int: [Double]] = [:]
            for _ in 0..<rounds {
                for batch in sizes {
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
                    if measurement.threads > 1 && batch > 1 {
                        let measured = alternatingRates(threads: measurement.threads) { _ in measuredRate(seconds: seconds / 5, rounds: 1) }
                        ours[batch, default: []].append(measured.many)
                        ones[batch, default: []].append(measured.one)
                        scalings[batch, default: []].append(measured.ratio)
                    } else {
                        ours[batch, default: []].append(measuredRate(seconds: seconds))
                    }
                }
                for (batch, torch) in torchRates(kind: kind) where ours[batch] != nil {
                    theirs[batch, default: []].append(torch)
                    ratios[batch, default: []].append(ours[batch]!.last! / torch)
                }
            }
            let of = rounds > 1 ? "; median of \(rounds) rounds" : ""
            for batch in sizes {
                guard let rate = ours[batch].map(median) else { continue }
                rates[kind.rawValue, default: [:]][batch] = rate
                let ticks = model.rollout(data.batch(0..<batch)).tickCounts
                let meanTicks = Double(ticks.reduce(0, +)) / Double(ticks.count)
                let parameters: [(String, Figure.CaseValue)] = [("kind", .string(kind.rawValue)), ("batch", .int(batch)),
                                                                ("hidden", .int(128)), ("threads", .int(measurement.threads))]
                report(Figure(bench: "rollout", parameters: parameters, value: rate, unit: "rollouts/s",
                              label: "\(kind.rawValue) B=\(batch) (\(trained), \(String(format: "%.1f", meanTicks)) ticks), this library"), json: measurement.json)
                if let scaling = scalings[batch].map(median), let one = ones[batch].map(median) {
                    report(Figure(bench: "rollout", parameters: parameters + [("part", .string("scaling"))], value: scaling,
                                  unit: "ratio", label: "  \(measurement.threads) threads / 1 thread (1 thread: \(String(format: "%.0f", one))/s; median of 5 alternating rounds\(of))"),
                           json: measurement.json)
                }
                if let torch = theirs[batch].map(median), let ratio = ratios[batch].map(median) {
                    report(Figure(bench: "rollout", parameters: parameters + [("part", .string("pytorch"))], value: torch,
                                  unit: "rollouts/s", label: "  PyTorch, same run\(of)"), json: measurement.json)
                    let spread = ratios[batch]!.count > 1 ? " (rounds \(ratios[batch]!.sorted().map { String(format: "%.2f", $0) }.joined(separator: ", ")))" : ""
                    report(Figure(bench: "rollout", parameters: parameters + [("part", .string("vs pytorch"))], value: ratio,
                                  unit: "ratio", label: "  this library / PyTorch\(spread)"), json: measurement.json)
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
