import Foundation
import Tensor

/// A model's figures on one dataset split: the row of a comparison table.
public struct Evaluation: Sendable {
    public var kind: ModelKind
    public var cell: CellKind
    public var parameters: Int
    public var stepsTrained: Int
    /// The teacher-forced MSE of the predicted changes (at piece ends for the jumpy model;
    /// without its Δt = 0 regulariser, so kinds compare).
    public var teacherForcedMSE: Double
    /// MSE of the rollout on the frame grid, over the scored columns.
    public var autoregressiveMSE: Double
    /// Ticks each trajectory needs to cover the horizon (the reference's count; T−1 for
    /// models that tick every frame), and those after the burn-in.
    public var ticksPerTrajectory: Double
    public var ticksAfterBurnIn: Double
    /// Mean predicted Δt after the burn-in (1 for the RNN and ODE-RNN).
    public var meanDt: Double
    /// Histogram of predicted Δt: counts in bins [0,1), [1,2), …, the last bin open-ended.
    public var dtHistogram: [Int]
    public var rolloutsPerSecond: Double
}

extension SequenceModel {
    /// Teacher-forced and autoregressive figures on `data` (`[T, B, D]`), rolled out in
    /// batches of `batch`.
    public func evaluate(on data: Tensor, burnIn: Int = 4, batch: Int = 500) -> Evaluation {
        evaluate(on: data, burnIn: burnIn, batch: batch, work: .unwatched)!
    }

    /// Teacher-forced and autoregressive figures on `data` (`[T, B, D]`), in parts of `batch`
    /// trajectories, or nil when `work` is cancelled. `work` is told the trajectories done
    /// before each part (and asked then whether to stop) and once at the end. The figures do
    /// not depend on where it is asked.
    public func evaluate(on data: Tensor, burnIn: Int = 4, batch: Int = 500, work: LongWork) -> Evaluation? {
        precondition(burnIn >= 1 && burnIn < data.shape[0] - 1, "burn-in \(burnIn) must be in 1..<\(data.shape[0] - 1)")
        var teacherForcing = TeacherForcingOptions()
        teacherForcing.burnIn = burnIn
        var change = 0.0, squared = 0.0, ticks = 0, after = 0, dts: [Float] = []
        let count = data.shape[1]
        var nanoseconds: UInt64 = 0
        for offset in stride(from: 0, to: count, by: batch) {
            if work.shouldStop(afterReporting: offset, of: count) { return nil }
            let part = data.batch(offset..<min(offset + batch, count))
            let weight = Double(part.shape[1])
            change += evaluateTeacherForced(part, options: teacherForcing, batch: batch).changeMSE * weight
            let start = DispatchTime.now().uptimeNanoseconds
            let rollout = self.rollout(part, options: RolloutOptions(burnIn: burnIn))
            nanoseconds += DispatchTime.now().uptimeNanoseconds - start
            squared += rollout.autoregressiveMSE(against: part) * weight
            ticks += rollout.ticksToHorizon.reduce(0, +)
            after += rollout.ticksAfterBurnIn.reduce(0, +)
            dts += rollout.predictedDts
        }
        work.report(done: count, total: count)
        let seconds = Double(nanoseconds) / 1e9
        let n = Double(max(count, 1))
        return Evaluation(kind: kind, cell: configuration.cell, parameters: parameterCount, stepsTrained: stepsTrained,
                          teacherForcedMSE: change / Double(count), autoregressiveMSE: squared / n,
                          ticksPerTrajectory: Double(ticks) / n, ticksAfterBurnIn: Double(after) / n,
                          meanDt: kind == .jumpy ? Double(dts.reduce(0, +)) / Double(max(dts.count, 1)) : 1,
                          dtHistogram: dtHistogram(dts), rolloutsPerSecond: Double(count) / max(seconds, 1e-9))
    }
}

/// Counts of Δt in bins of one frame, [0,1), [1,2), …, [9,10), and ≥ 10; non-finite values
/// (an untrained Δt head) are left out.
public func dtHistogram(_ dts: [Float]) -> [Int] {
    var bins = [Int](repeating: 0, count: 11)
    for dt in dts where dt.isFinite { bins[Int(min(10, max(0, dt)))] += 1 }
    return bins
}

/// A comparison of several models on one dataset, as a text table like the paper's.
public struct Comparison: Sendable {
    public var rows: [(name: String, evaluation: Evaluation)]

    /// Evaluates each named model on `data` (an empty `models` makes an empty table to fill).
    public init(models: [(name: String, model: SequenceModel)], data: Tensor, burnIn: Int = 4) {
        rows = models.map { ($0.name, $0.model.evaluate(on: data, burnIn: burnIn)) }
    }

    public static let header = ["model", "kind", "cell", "params", "steps", "tf mse", "auto mse", "ticks", "ticks>burn-in", "mean Δt", "rollouts/s"]

    public var table: [[String]] {
        rows.map { name, e in
            [name, e.kind.rawValue, e.cell.rawValue, String(e.parameters), String(e.stepsTrained),
             String(format: "%.3e", e.teacherForcedMSE), String(format: "%.3e", e.autoregressiveMSE),
             String(format: "%.2f", e.ticksPerTrajectory), String(format: "%.2f", e.ticksAfterBurnIn),
             String(format: "%.2f", e.meanDt), String(format: "%.0f", e.rolloutsPerSecond)]
        }
    }

    /// The table with aligned columns (numbers right-aligned).
    public var text: String { text(includingTimings: true) }

    /// The table, optionally without the rollouts/s column (which differs from run to run).
    public func text(includingTimings: Bool) -> String {
        let columns = includingTimings ? Self.header.count : Self.header.count - 1
        return TextTable.render(([Self.header] + table).map { Array($0.prefix(columns)) }, leftAligned: 3)
    }
}

/// A plain text table: a header row, a rule, then the rows; the first `leftAligned` columns
/// are left-aligned (names), the rest right-aligned (figures).
public enum TextTable {
    public static func render(_ rows: [[String]], leftAligned: Int) -> String {
        guard let columns = rows.first?.count else { return "" }
        let widths = (0..<columns).map { c in rows.map { $0[c].count }.max()! }
        return rows.enumerated().map { r, row in
            let line = row.enumerated().map { c, cell in
                c < leftAligned ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                                : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  ")
            return r == 0 ? line + "\n" + String(repeating: "-", count: line.count) : line
        }.joined(separator: "\n")
    }
}
