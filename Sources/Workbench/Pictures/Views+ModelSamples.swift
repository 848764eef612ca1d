import Learning
import Tensor

/// The model's side of every trajectory view: its interpolation sampled between frames, and
/// its ticks.
extension Views {
    /// Times `0, 1/slow, …, T − 1` in frames.
    static func sampleTimes(_ frames: Int, slow: Int) -> [Double] {
        (0...((frames - 1) * slow)).map { Double($0) / Double(slow) }
    }

    /// The model's observations of trajectory `b` at `times`, `[time][feature]`.
    static func modelSamples(_ rollout: Rollout, _ b: Int, at times: [Double]) -> [[Double]] {
        let values = rollout.interpolate(at: times.map(Float.init))
        let (batch, width) = (values.shape[1], values.shape[2])
        return times.indices.map { q in (0..<width).map { Double(values.scalars[(q * batch + b) * width + $0]) } }
    }

    static func ticks(_ rollout: Rollout?, _ b: Int) -> [(time: Double, dt: Double)] {
        rollout.map { r in r.ticks(of: b).map { (Double($0.time), Double($0.dt)) }.filter { $0.time.isFinite && $0.time <= Double(r.frames - 1) } } ?? []
    }
}
