/// The billiards table seen from above (billiards2d, billiards1d, shots, and plans): the unit
/// box, each ball's path (truth dashed, model solid), a disc at each tick position, the
/// target corner, the action arrow. y grows downwards, as in the pixel worlds' frames, so the
/// shot task's target (x > 0.8, y < 0.2) is the top-right corner.
///
/// Everything is plain arrays, so a planner can draw a plan: the simulator's outcome of the
/// chosen shot as `truth`, the model's prediction as `model`:
///
///     var table = TableView(truth: Track(frames: simulated), model: Track(frames: predicted))
///     table.target = TableView.shotTarget
///     table.action = ActionArrow(ball: 1, frame: 3, impulse: Point(0.5, -0.2))
///     try write(table.figure(title: "plan").png())
///     try write(table.animation(fps: 4).gif())          // simulator | model, side by side
public struct TableView: Sendable {
    public var truth: Track?
    public var model: Track?
    /// Times (frames) at which the model ticked: discs in the static picture, flags in animations.
    public var ticks: [Double]
    public var radius: Double
    public var target: Rect?
    public var action: ActionArrow?
    /// The table's extent.
    public var box: Rect
    /// Panel titles for the two sides.
    public var truthTitle = "truth", modelTitle = "model"

    /// The shot task's target region (x > 0.8, y < 0.2).
    public static let shotTarget = Rect(x: 0.8...1, y: 0...0.2)

    public init(truth: Track?, model: Track? = nil, ticks: [Double] = [], radius: Double = 0.1,
                target: Rect? = nil, action: ActionArrow? = nil, box: Rect = Rect(x: 0...1, y: 0...1)) {
        self.truth = truth; self.model = model; self.ticks = ticks; self.radius = radius
        self.target = target; self.action = action; self.box = box
    }

    private var ballCount: Int { max(truth?.balls.count ?? 0, model?.balls.count ?? 0) }

    private func emptyPanel(_ title: String) -> Panel {
        var panel = Panel(title: title, x: box.x, y: box.y, yDown: true, equalAspect: true, axes: false)
        if let target { panel.marks.append(.rect(target, Palette.target, filled: true)) }
        return panel
    }

    private func arrowMarks(_ track: Track) -> [Mark] {
        guard let action, action.ball < track.balls.count else { return [] }
        let from = track.position(action.ball, at: Double(action.frame))
        let to = Point(from.x + action.impulse.x * action.scale, from.y + action.impulse.y * action.scale)
        return [.arrow(from, to, Palette.action)]
    }

    /// One table with every path: truth dashed, model solid, a light disc where the model
    /// ticked, and each ball where it starts.
    public func figure(title: String = "", size: Int = 320) -> Figure {
        var panel = emptyPanel("table from above")
        for b in 0..<ballCount {
            let color = Palette.ball(b)
            if let model, b < model.balls.count {
                for t in ticks where t.isFinite && t <= model.end {
                    panel.marks.append(.disc(model.position(b, at: t), radius: radius * 0.4, color.mixed(with: .white, 0.45)))
                }
            }
        }
        for b in 0..<ballCount {
            let color = Palette.ball(b)
            if let truth, b < truth.balls.count {
                panel.marks.append(.line(truth.balls[b], Stroke(color, dashed: true, width: 1.5)))
            }
            if let model, b < model.balls.count {
                panel.marks.append(.line(model.balls[b], Stroke(color, width: 2)))
            }
            if let start = (truth ?? model)?.balls[b].first {
                panel.marks.append(.disc(start, radius: radius * 0.6, color))
            }
        }
        if let track = truth ?? model { panel.marks += arrowMarks(track) }
        var legend = (0..<ballCount).map { LegendEntry("ball \($0 + 1) (start)", Palette.ball($0), symbol: "●") }
        if truth != nil { legend.append(LegendEntry(truthTitle, Palette.truth, dashed: true)) }
        if model != nil { legend.append(LegendEntry(modelTitle, Palette.truth)) }
        if !ticks.isEmpty && model != nil { legend.append(LegendEntry("ticks", Palette.ball(0).mixed(with: .white, 0.45), symbol: "•")) }
        if target != nil { legend.append(LegendEntry("target", Palette.target, symbol: "■")) }
        return Figure(title: title, panels: [panel], legend: legend, panelSize: (size, size))
    }

    /// Frame `k` of an animation at `fps` frames a data frame: truth and model side by side
    /// (whichever exist), the balls as discs, the model's side outlined in the ticks colour
    /// when a tick falls in this frame, a counter underneath.
    public func frame(_ k: Int, fps: Int, size: Int = 256) -> Figure {
        let t = Double(k) / Double(fps)
        let half = 0.5 / Double(fps)
        let ticking = ticks.contains { $0 >= t - half && $0 < t + half }
        var panels: [Panel] = []
        for (track, title) in [(truth, truthTitle), (model, modelTitle)] {
            guard let track else { continue }
            let isModel = title == modelTitle && model != nil
            var panel = emptyPanel(isModel && ticking ? title + " (tick)" : title)
            if isModel && ticking { panel.highlight = Palette.ticks }
            if let action, t >= Double(action.frame), t < Double(action.frame) + 2 { panel.marks += arrowMarks(track) }
            for b in 0..<track.balls.count {
                panel.marks.append(.disc(track.position(b, at: t), radius: radius, Palette.ball(b)))
            }
            panels.append(panel)
        }
        let end = max(truth?.end ?? 0, model?.end ?? 0)
        let counter = "frame " + Self.frameNumber(t) + " / " + Self.frameNumber(end)
        return Figure(panels: panels, caption: counter + (ticking ? "  tick" : ""), panelSize: (size, size))
    }

    /// Every frame from 0 to the last data frame, `fps` frames a data frame.
    public func animation(fps: Int = 4, size: Int = 256, delay: Int? = nil) -> Animation {
        let end = max(truth?.end ?? 0, model?.end ?? 0)
        let count = Int((end * Double(fps)).rounded(.down)) + 1
        // Data frames play at 10 a second whatever fps is: more frames, not slower motion.
        // (Viewers treat delays under 2/100 s as 10/100 s, so 2 is the floor.)
        return Animation(frames: (0..<count).map { frame($0, fps: fps, size: size) }, delay: delay ?? max(2, 10 / fps))
    }

    static func frameNumber(_ t: Double) -> String {
        let hundredths = (t * 100).rounded() / 100
        return hundredths == hundredths.rounded() ? String(Int(hundredths)) : String(hundredths)
    }
}
