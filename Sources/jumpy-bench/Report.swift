import ArgumentParser
import Foundation
import Tensor

/// One measured figure. People read the text line; scripts read `--json`, one object a line:
/// `{"bench": "gemm", "case": {"m": 256, "threads": 1}, "value": 30.1, "unit": "GFLOP/s"}`.
struct Figure {
    var bench: String
    var parameters: [(String, CaseValue)]
    var value: Double
    var unit: String
    /// A short human label, e.g. "sgemm 256×128·128×384".
    var label: String

    enum CaseValue {
        case int(Int), double(Double), string(String)

        var json: String {
            switch self {
            case .int(let v): return String(v)
            case .double(let v): return String(v)
            case .string(let v): return "\"" + v.replacingOccurrences(of: "\"", with: "\\\"") + "\""
            }
        }
        var text: String {
            switch self {
            case .int(let v): return String(v)
            case .double(let v): return String(format: "%g", v)
            case .string(let v): return v
            }
        }
    }

    func render(json: Bool) -> String {
        if json {
            let fields = parameters.map { "\"\($0.0)\": \($0.1.json)" }.joined(separator: ", ")
            let number = value.isFinite ? String(format: "%.6g", value) : "null"
            return "{\"bench\": \"\(bench)\", \"case\": {\(fields)}, \"value\": \(number), \"unit\": \"\(unit)\"}"
        }
        let padded = label.padding(toLength: max(label.count, 44), withPad: " ", startingAt: 0)
        return "\(padded) \(String(format: "%10.3f", value)) \(unit)"
    }
}

/// Prints each figure as it is measured, so a long benchmark shows progress.
func report(_ figure: Figure, json: Bool) {
    print(figure.render(json: json))
    fflush(nil)  // all C streams; Swift 6 forbids naming the `stdout` global
}

/// Seconds of wall time for `body`, using the monotonic clock.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Runs `body` repeatedly for at least `minimum` seconds (after one warm-up call) and returns
/// the median seconds per call over rounds, which resists a noisy neighbour better than a mean.
func medianSeconds(minimum: Double = 1.0, rounds: Int = 5, _ body: () -> Void) -> Double {
    body()
    var perCall: [Double] = []
    for _ in 0..<rounds {
        var calls = 0
        let elapsed = seconds {
            let start = DispatchTime.now().uptimeNanoseconds
            repeat {
                body()
                calls += 1
            } while Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < minimum / Double(rounds)
        }
        perCall.append(elapsed / Double(calls))
    }
    return median(perCall)
}

/// The middle value (the upper one of an even count).
func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

/// Rates at `threads` and at one thread measured in alternating rounds (`rate(n)` measures
/// one round at n threads): the medians of each, and the median of the rounds' ratios. This
/// machine's speed drifts by ±15% from one second to the next (a shared host), so a ratio of
/// two measurements taken one after the other is mostly noise; alternating rounds moves both
/// sides of each ratio alike.
func alternatingRates(threads: Int, rounds: Int = 5, _ rate: (Int) -> Double) -> (many: Double, one: Double, ratio: Double) {
    var many: [Double] = [], one: [Double] = [], ratios: [Double] = []
    for _ in 0..<rounds {
        let (a, b) = (Threads.with(threads) { rate(threads) }, Threads.with(1) { rate(1) })
        many.append(a); one.append(b); ratios.append(a / b)
    }
    return (median(many), median(one), median(ratios))
}

/// The options every measuring benchmark takes.
struct MeasurementOptions: ParsableArguments {
    @Flag(help: "One JSON object a line.") var json = false
    @Option(help: "Threads: workers that split each batch (gemm and mlp: OpenBLAS threads).") var threads = 1
}

/// The share of the machine's CPU time its hypervisor gave to other guests ("steal" in
/// `/proc/stat`) since this was made. On a shared host a bench's wall times are only as good
/// as this is small, so the timing benches print it last; where `/proc/stat` has no steal
/// column (not Linux) they print nothing.
struct StolenTime {
    private let start = Self.read()

    /// Steal and total jiffies over all CPUs (the `cpu` line: user nice system idle iowait
    /// irq softirq steal; guest time is already inside user).
    private static func read() -> (steal: Double, total: Double)? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = text.split(separator: "\n").first, line.hasPrefix("cpu ") else { return nil }
        let fields = line.split(separator: " ").dropFirst().prefix(8).compactMap { Double($0) }
        guard fields.count == 8 else { return nil }
        return (fields[7], fields.reduce(0, +))
    }

    /// Prints the share as a figure of `bench`.
    func reportShare(bench: String, json: Bool) {
        guard let start, let end = Self.read(), end.total > start.total else { return }
        let share = (end.steal - start.steal) / (end.total - start.total)
        report(Figure(bench: bench, parameters: [("part", .string("stolen"))], value: 100 * share, unit: "%",
                      label: "CPU time taken by the host (steal) meanwhile"), json: json)
    }
}
