import Learning
import Tensor

/// An autoregressive rollout and the trajectories it was run on. `export r "r.npy"` writes
/// the frame grid `[T, B, D]`; `show r` lists each trajectory's ticks.
///
///     r.grid, r.truth, r.ticks, r.mse, r.mean_dt, r.count
public struct RolloutValue: TensorBacked {
    public static let typeName = "rollout"
    public let rollout: Rollout
    /// The trajectories the rollout started from (and is scored against), `[T, B, D]`.
    public let truth: Tensor
    /// The world the trajectories came from, for pictures.
    public let scene: Scene?

    public init(_ rollout: Rollout, truth: Tensor, scene: Scene? = nil) {
        self.rollout = rollout
        self.truth = truth
        self.scene = scene
    }

    public var tensor: Tensor { rollout.frameGrid() }

    var meanTicks: Double { Double(rollout.ticksToHorizon.reduce(0, +)) / Double(max(rollout.batch, 1)) }
    var meanTicksAfterBurnIn: Double { Double(rollout.ticksAfterBurnIn.reduce(0, +)) / Double(max(rollout.batch, 1)) }
    var meanDt: Double {
        let dts = rollout.predictedDts
        return dts.isEmpty ? 1 : Double(dts.reduce(0, +)) / Double(dts.count)
    }
    var mse: Double { rollout.autoregressiveMSE(against: truth) }

    public var summary: String {
        let b = rollout.batch
        return "rollout of \(b) trajector\(b == 1 ? "y" : "ies"): \(NumberFormat.significant(meanTicks, digits: 4)) ticks"
            + " (\(NumberFormat.significant(meanTicksAfterBurnIn, digits: 4)) after burn-in), mean Δt \(NumberFormat.significant(meanDt, digits: 4)),"
            + " auto mse \(NumberFormat.significant(mse))"
    }

    public var details: String {
        var lines = [summary]
        for b in 0..<min(rollout.batch, 8) {
            let ticks = rollout.ticks(of: b)
            lines.append("  trajectory \(b): \(ticks.count) ticks")
            lines.append("    t  " + ticks.map { NumberFormat.significant(Double($0.time), digits: 4) }.joined(separator: " "))
            lines.append("    Δt " + ticks.map { NumberFormat.significant(Double($0.dt), digits: 3) }.joined(separator: " "))
        }
        if rollout.batch > 8 { lines.append("  … \(rollout.batch - 8) more") }
        let bins = dtHistogram(rollout.predictedDts)
        if let widest = bins.max(), widest > 0 {
            lines.append("  Δt histogram (ticks after the burn-in):")
            for (i, count) in bins.enumerated() where count > 0 {
                let label = i == 10 ? "≥10   " : "[\(i),\(i + 1))".padding(toLength: 6, withPad: " ", startingAt: 0)
                lines.append("    \(label) " + String(repeating: "█", count: max(1, count * 30 / widest)) + " \(count)")
            }
        }
        return lines.joined(separator: "\n")
    }

    public var fieldNames: [String] { ["grid", "truth", "times", "dts", "states", "ticks", "mse", "mean_dt", "count"] }

    public func field(_ name: String) -> Value? {
        switch name {
        case "grid": return .object(Trajectories(tensor, origin: "grid", scene: scene))
        case "truth": return .object(Trajectories(truth, origin: "truth", scene: scene))
        // Per tick k and trajectory b (padded past a trajectory's last tick: time +∞, Δt 0).
        case "times": return .tensor(rollout.times)
        case "dts": return .tensor(Tensor(shape: [rollout.times.shape[0], rollout.batch], scalars: rollout.tickDts))
        case "states": return .tensor(rollout.states)
        case "ticks": return .number(meanTicks)
        case "mse": return .number(mse)
        case "mean_dt": return .number(meanDt)
        case "count": return .number(Double(rollout.batch))
        default: return nil
        }
    }
}
