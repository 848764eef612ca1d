/// One frame of the shot task as its models see it, the reference's observation: both balls'
/// positions, then the action as two auxiliary columns (non-zero at the action frame only).
/// Velocities stay out, as in the reference; the dataset, the `shot` command and the planners
/// all build their rows here.
///
///     object.x  object.y  cue.x  cue.y  action.x  action.y
public enum ShotRows {
    public static let names = ["object.x", "object.y", "cue.x", "cue.y", "action.x", "action.y"]
    public static let width = 6
    /// The trailing columns models read but never predict: the action.
    public static let auxiliaryWidth = 2
    /// The frame whose row carries the action (the last frame before the shot).
    public static let actionFrame = ShotTask().actionFrame

    /// Writes `frames` rows from states `[frames, 2, 4]` into `out` (`[frames, 6]`), the action
    /// in the action frame's row.
    public static func write(states: UnsafePointer<Double>, frames: Int, action: SIMD2<Double>,
                             into out: UnsafeMutablePointer<Double>) {
        for t in 0..<frames {
            let state = states + 8 * t, row = out + width * t
            row[0] = state[0]; row[1] = state[1]    // object ball x, y
            row[2] = state[4]; row[3] = state[5]    // cue ball x, y
            row[4] = t == actionFrame ? action.x : 0
            row[5] = t == actionFrame ? action.y : 0
        }
    }

    /// The rows of `frames` frames of `states` (`[frames, 2, 4]`), `[frames · 6]`.
    public static func rows(states: [Double], frames: Int, action: SIMD2<Double>) -> [Double] {
        precondition(states.count >= 8 * frames, "need \(frames) frames of two balls' states")
        var out = [Double](repeating: 0, count: width * frames)
        states.withUnsafeBufferPointer { s in
            out.withUnsafeMutableBufferPointer { write(states: s.baseAddress!, frames: frames, action: action, into: $0.baseAddress!) }
        }
        return out
    }
}
