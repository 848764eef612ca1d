import Tensor

/// The `lines` world (piecewise_node lines.py): a point moving at constant speed along x at a
/// random constant height.
///
/// x takes the reference's `np.linspace(0, 2.1, 21)` values exactly: 21 points from 0 to 2.1,
/// so consecutive frames are 2.1 / 20 = 0.105 apart (the reference asks for a step of 0.1 but
/// its linspace spreads the 21 points over the whole interval). y is uniform in [0, 1), one
/// draw a trajectory.
public enum LinesWorld {
    public static let frames = 21
    public static let start = 0.0, stop = 2.1

    /// x at frame `k`, computed as NumPy's linspace does (start + k · step, last point exact).
    public static func x(frame k: Int) -> Double {
        k == frames - 1 ? stop : start + Double(k) * ((stop - start) / Double(frames - 1))
    }

    /// Writes one trajectory, `[frames, 2]` doubles (x, y).
    public static func trajectory(using rng: inout SeededGenerator, into out: UnsafeMutablePointer<Double>) {
        let height = rng.uniform()
        for k in 0..<frames {
            out[2 * k] = x(frame: k)
            out[2 * k + 1] = height
        }
    }
}
