/// Pixel worlds: rows of frames, truth above model, tick frames outlined in the ticks colour.
public struct FrameRowsView: Sendable {
    public var side: Int
    /// Frames `side × side`, values in [0, 1], at frames 0, 1, 2, …
    public var truth: [[Float]]?
    /// The model's frames on the same grid.
    public var model: [[Float]]?
    /// Frames at which the model ticked (rounded down from the tick times).
    public var tickFrames: Set<Int>

    public init(side: Int, truth: [[Float]]?, model: [[Float]]? = nil, tickFrames: Set<Int> = []) {
        self.side = side; self.truth = truth; self.model = model; self.tickFrames = tickFrames
    }

    private func panel(_ pixels: [Float], title: String, highlight: RGB? = nil) -> Panel {
        Panel(title: title, x: 0...1, y: 0...1, yDown: true, equalAspect: true, axes: false, highlight: highlight,
              marks: [.image(pixels, width: side, height: side)])
    }

    /// The frames `shown` (indices), truth in the first row and model in the second.
    public func figure(frames shown: [Int], title: String = "", scale: Int = 3) -> Figure {
        var panels: [Panel] = []
        for (rows, name) in [(truth, "truth"), (model, "model")] {
            guard let rows else { continue }
            for f in shown where f < rows.count {
                let tick = name == "model" && tickFrames.contains(f)
                panels.append(panel(rows[f], title: "\(name == "model" ? "m" : "t")\(f)\(tick ? "•" : "")", highlight: tick ? Palette.ticks : nil))
            }
        }
        var legend = [LegendEntry(model == nil ? "tN: the data at frame N" : "tN: the truth (data) at frame N, mN: the model's", Palette.text, symbol: "")]
        if model != nil && !tickFrames.isEmpty { legend.append(LegendEntry("the model ticked in this frame (•)", Palette.ticks, symbol: "■")) }
        return Figure(title: title, panels: panels, columns: shown.count, legend: legend,
                      panelSize: (side * scale, side * scale))
    }

    /// The animation frame at time `t` (data frames): `truth` shows data frame ⌊t⌋, `model`
    /// the model's interpolation at t, outlined while a tick's data frame runs.
    public static func animationFrame(truth: [Float]?, model: [Float]?, side: Int, t: Double, end: Double,
                                      ticking: Bool, scale: Int) -> Figure {
        let view = FrameRowsView(side: side, truth: nil)
        var panels: [Panel] = []
        if let truth { panels.append(view.panel(truth, title: "truth")) }
        if let model { panels.append(view.panel(model, title: ticking ? "model, ticking" : "model", highlight: ticking ? Palette.ticks : nil)) }
        return Figure(panels: panels, caption: "data frame \(TableView.frameNumber(t)) of \(TableView.frameNumber(end))",
                      panelSize: (side * scale, side * scale))
    }
}
