import Physics
import Plotting

/// The table from above (billiards2d, shots; any two coordinates in a box fitted to them).
extension Views {
    /// The table view of trajectory `b`, the model sampled at `slow` points a frame.
    static func table(_ s: Subject, _ b: Int, slow: Int = 4, name: String? = nil) -> TableView {
        let columns = s.ballColumns
        let truth = Track(frames: columns.map { c in (0..<s.frames).map { Point(s.value($0, b, c.0), s.value($0, b, c.1)) } })
        var view = TableView(truth: truth, radius: s.scene?.radius ?? 0.1)
        if s.scene.map({ !["billiards1d", "billiards2d", "shots"].contains($0.world) }) ?? (s.features != 4) {
            // Not a billiards table: fit the box to the data, small dots for points.
            let xs = truth.balls.flatMap { $0.map(\.x) }.filter(\.isFinite), ys = truth.balls.flatMap { $0.map(\.y) }.filter(\.isFinite)
            let pad = 0.05 * max((xs.max() ?? 1) - (xs.min() ?? 0), (ys.max() ?? 1) - (ys.min() ?? 0), 1e-6)
            view.box = Rect(x: ((xs.min() ?? 0) - pad)...((xs.max() ?? 1) + pad), y: ((ys.min() ?? 0) - pad)...((ys.max() ?? 1) + pad))
            view.radius = pad / 2
        }
        if let rollout = s.rollout {
            let times = sampleTimes(s.frames, slow: slow)
            let samples = modelSamples(rollout, b, at: times)
            view.model = Track(times: times, balls: columns.map { c in samples.map { Point($0[c.0], $0[c.1]) } })
            let ticks = ticks(rollout, b)
            view.ticks = ticks.map(\.time)
            // Ticks read from the data have Δt 1: only the model's own are labelled.
            view.tickDts = ticks.enumerated().map { $0.offset >= rollout.options.burnIn - 1 ? $0.element.dt : .nan }
            view.modelTitle = "\(rollout.model.kind.rawValue) model" + (name.map { " (\($0))" } ?? "")
        }
        if s.isShots {
            // The task the shots dataset was generated with (its target is the only one there is).
            view.target = targetRegion(ShotTask().target, in: view.box)
            view.ballNames = shotBallNames
            let frame = min(ShotRows.actionFrame, s.frames - 1)
            view.action = ActionArrow(ball: ShotTask.cueBall, frame: frame, impulse: Point(s.value(frame, b, 4), s.value(frame, b, 5)))
        }
        return view
    }

    /// A task's target as the table draws it: the corner of `box` beyond `minX` and above
    /// `maxY` (y grows downwards).
    static func targetRegion(_ target: ShotTarget, in box: Rect) -> Rect {
        Rect(x: target.minX...box.x.upperBound, y: box.y.lowerBound...target.maxY)
    }

    /// The shot task's balls by their roles, in their indices' order.
    static var shotBallNames: [String] {
        var names = ["", ""]
        names[ShotTask.objectBall] = "object ball"
        names[ShotTask.cueBall] = "cue ball"
        return names
    }
}
