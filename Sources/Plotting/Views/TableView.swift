/// The billiards table seen from above (billiards2d, shots, and plans), drawn as the blog
/// draws billiards: the table's edge; each ball at its true radius where it starts (and
/// faintly where it ends); the truth dashed and the model solid in the ball's colour; each
/// tick a small dot on the model's path, labelled with its Δt where there is room; the shot
/// task's target black; the cue ball's impulse an arrow. y grows downwards, as in the pixel
/// worlds' frames, so the shot task's target (x > 0.8, y < 0.2) is the top-right corner.
///
///     var table = TableView(truth: Track(frames: simulated), model: Track(frames: predicted))
///     table.target = Rect(x: 0.8...1, y: 0...0.2)      // the caller's task says where
///     table.action = ActionArrow(ball: 1, frame: 3, impulse: Point(0.5, -0.2))
///     try write(table.figure(title: "Plan").png())
///     try write(table.animation(slow: 4, fps: 20).gif())     // simulator | model, side by side
public struct TableView: Sendable {
    public var truth: Track?
    public var model: Track?
    /// When the model ticked (frames), and the Δt each tick predicted (for the labels).
    public var ticks: [Double]
    public var tickDts: [Double]?
    public var radius: Double
    /// The region to reach, drawn black: the caller reads it from its task (Plotting knows no
    /// task).
    public var target: Rect?
    public var action: ActionArrow?
    /// The table's extent.
    public var box: Rect
    /// What each ball is ("object ball", "cue ball"); "ball 1", "ball 2", … by default.
    public var ballNames: [String]?
    /// What the two sides are, for panel titles and the legend ("simulator", "jumpy (net)").
    public var truthTitle = "truth (data)", modelTitle = "model"

    public init(truth: Track?, model: Track? = nil, ticks: [Double] = [], radius: Double = 0.1,
                target: Rect? = nil, action: ActionArrow? = nil, box: Rect = Rect(x: 0...1, y: 0...1)) {
        self.truth = truth; self.model = model; self.ticks = ticks; self.radius = radius
        self.target = target; self.action = action; self.box = box
    }

    var ballCount: Int { max(truth?.balls.count ?? 0, model?.balls.count ?? 0) }

    func name(_ b: Int) -> String { ballNames.flatMap { b < $0.count ? $0[b] : nil } ?? "ball \(b + 1)" }

    func emptyPanel(_ title: String) -> Panel {
        var panel = Panel(title: title, x: box.x, y: box.y, yDown: true, equalAspect: true, axes: false)
        if let target { panel.marks.append(.rect(target, Palette.target, filled: true)) }
        return panel
    }

    /// The action as an arrow from the ball, cut where it would leave the table.
    func arrowMarks(_ track: Track) -> [Mark] {
        guard let action, action.ball < track.balls.count else { return [] }
        let from = track.position(action.ball, at: Double(action.frame))
        var d = Point(action.impulse.x * action.scale, action.impulse.y * action.scale)
        // The largest fraction of the arrow that stays inside the box.
        var keep = 1.0
        for (p, v, range) in [(from.x, d.x, box.x), (from.y, d.y, box.y)] where v != 0 {
            let limit = v > 0 ? range.upperBound : range.lowerBound
            keep = min(keep, max(0, (limit - p) / v))
        }
        d = Point(d.x * keep, d.y * keep)
        guard from.isFinite, d.x != 0 || d.y != 0 else { return [] }
        return [.arrow(from, Point(from.x + d.x, from.y + d.y), Palette.action)]
    }

    /// Tick dots on ball `b`'s model path: the first ball's labelled with their Δt.
    func tickMarks(_ model: Track, ball b: Int, until end: Double = .infinity) -> [Mark] {
        let color = Palette.ball(b)
        return ticks.enumerated().compactMap { i, t in
            guard t.isFinite, t <= min(model.end, end) else { return nil }
            let label = b == 0 ? tickDts.flatMap { i < $0.count && !$0[i].isNaN ? TimeSeriesView.dt($0[i]) : nil } : nil
            return .dot(model.position(b, at: t), color, size: 3, ring: Palette.text, label: label)
        }
    }

    /// One table with every path.
    public func figure(title: String = "", size: Int = 360) -> Figure {
        var panel = emptyPanel("")
        let end = truth ?? model
        for b in 0..<ballCount {
            if let end, b < end.balls.count, let last = end.balls[b].last(where: \.isFinite) {
                panel.marks.append(.disc(last, radius: radius, Palette.ball(b).faint))
            }
        }
        for b in 0..<ballCount {
            if let start = (truth ?? model)?.balls[b].first { panel.marks.append(.disc(start, radius: radius, Palette.ball(b))) }
        }
        for b in 0..<ballCount {
            let color = Palette.ball(b)
            if let truth, b < truth.balls.count { panel.marks.append(.line(truth.balls[b], Stroke(color, dashed: true, width: 1.6))) }
            if let model, b < model.balls.count { panel.marks.append(.line(model.balls[b], Stroke(color, width: 1.8))) }
        }
        if let model {
            for b in 0..<min(ballCount, model.balls.count) { panel.marks += tickMarks(model, ball: b) }
        }
        if let track = truth ?? model { panel.marks += arrowMarks(track) }
        return Figure(title: title, panels: [panel], legend: legend(ends: true), panelSize: (size, size))
    }

    /// What each colour and mark means: the balls by name, the two sides, ticks, target, action.
    func legend(ends: Bool) -> [LegendEntry] {
        var legend = (0..<ballCount).map { LegendEntry(name($0), Palette.ball($0), symbol: "●") }
        if ends { legend.append(LegendEntry("where it ends", Palette.truth.faint, symbol: "●")) }
        if truth != nil { legend.append(LegendEntry(truthTitle, Palette.truth, dashed: true)) }
        if model != nil { legend.append(LegendEntry(modelTitle, Palette.truth)) }
        if !ticks.isEmpty && model != nil { legend.append(LegendEntry(tickDts == nil ? "tick" : "tick (its Δt)", Palette.truth, symbol: "•")) }
        if target != nil { legend.append(LegendEntry("target", Palette.target, symbol: "■")) }
        if action != nil { legend.append(LegendEntry(action!.label, Palette.action, symbol: "→")) }
        return legend
    }
}

/// An arrow for the shot task's action: the impulse added to a ball at a frame.
public struct ActionArrow: Sendable {
    public var ball: Int
    public var frame: Int
    /// The impulse (velocity units); drawn `scale` table units per velocity unit.
    public var impulse: Point
    public var scale: Double
    /// What the arrow is, in the legend.
    public var label: String
    public init(ball: Int, frame: Int, impulse: Point, scale: Double = 0.3, label: String = "shot (the cue ball's impulse)") {
        self.ball = ball; self.frame = frame; self.impulse = impulse; self.scale = scale; self.label = label
    }
}
