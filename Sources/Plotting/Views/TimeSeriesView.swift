/// Coordinates against time for the 1-D worlds (lines, circles, billiards1d), as the bottom
/// row of the blog's hero figure draws them: each coordinate x(t) in the model's colour (a
/// second ball lighter), the frames read from the data (the burn-in) as black dots, each tick
/// a dot, the model's interpolation between ticks a thin line, the truth dashed, and the Δt of
/// each piece written above the axis over a bracket that spans it.
public struct TimeSeriesView: Sendable {
    /// Names of the coordinates (`x1`, `y1`, …), one per series, and what each is ("ball 1").
    public var names: [String]
    public var descriptions: [String]?
    /// `[coordinate][frame]`, at frames 0, 1, 2, …
    public var truth: [[Double]]
    /// `[coordinate][sample]` at `modelTimes` (fractional frames), or nil for data alone.
    public var model: [[Double]]?
    public var modelTimes: [Double]
    /// The model's ticks: start time and predicted Δt.
    public var ticks: [(time: Double, dt: Double)]
    /// Frames read from the data.
    public var burnIn: Int
    /// The model's colour (the hero's: rnn red, odernn green, jumpy blue); nil: a colour per
    /// coordinate.
    public var color: RGB?
    /// What the model is, in the legend ("jumpy (net)"), and what y measures.
    public var modelName = "model"
    public var yLabel = "position"

    public init(names: [String], truth: [[Double]], model: [[Double]]? = nil, modelTimes: [Double] = [],
                ticks: [(time: Double, dt: Double)] = [], burnIn: Int = 0) {
        self.names = names; self.truth = truth; self.model = model; self.modelTimes = modelTimes
        self.ticks = ticks; self.burnIn = burnIn
    }

    /// Series `j`'s colour: shades of the model's colour, or the balls' colours.
    func seriesColor(_ j: Int) -> RGB {
        guard let color else { return Palette.ball(j) }
        return color.mixed(with: .white, [0, 0.5, 0.3, 0.65, 0.15, 0.75][j % 6])
    }

    var frames: Int { truth.first?.count ?? 1 }

    /// The panel alone (the hero's three panels share one legend).
    public func panel(title: String = "") -> Panel {
        let end = Double(max(frames - 1, 1))
        let values = (truth + (model ?? [])).flatMap { $0 }.filter(\.isFinite)
        let low = values.min() ?? 0, high = values.max() ?? 1
        let pad = max(high - low, 1e-9) * 0.05
        var panel = Panel(title: title, x: 0...end, y: (low - pad)...(high + pad), xLabel: "time (frames)", yLabel: yLabel)
        for (j, series) in truth.enumerated() {
            // Data alone is solid; beside a model the truth is dashed and lighter.
            panel.marks.append(.line(series.enumerated().map { Point(Double($0.offset), $0.element) },
                                     model == nil ? Stroke(seriesColor(j), width: 2) : Stroke(seriesColor(j).mixed(with: .white, 0.35), dashed: true, width: 1.6)))
        }
        guard let model else { return panel }
        for (j, series) in model.enumerated() where j < truth.count {
            panel.marks.append(.line(zip(modelTimes, series).map { Point($0.0, $0.1) }, Stroke(seriesColor(j), width: 1.2)))
        }
        for (j, series) in truth.enumerated() {
            for f in 0..<min(burnIn, series.count) { panel.marks.append(.dot(Point(Double(f), series[f]), Palette.burnInDots, size: 3)) }
        }
        for tick in ticks where tick.time.isFinite && tick.time >= Double(burnIn) - 1e-9 && tick.time <= end {
            for j in model.indices where j < truth.count {
                panel.marks.append(.dot(Point(tick.time, value(j, at: tick.time)), seriesColor(j), size: 3.5))
            }
        }
        panel.spans = ticks.filter { $0.time.isFinite && $0.time < end }.map { Span($0.time...min($0.time + $0.dt, end), Self.dt($0.dt)) }
        return panel
    }

    /// The model's series `j` at time `t`, linearly between its samples.
    func value(_ j: Int, at t: Double) -> Double {
        guard let model, let hi = modelTimes.firstIndex(where: { $0 >= t }) else { return .nan }
        if hi == 0 || modelTimes[hi] == t { return model[j][hi] }
        let f = (t - modelTimes[hi - 1]) / (modelTimes[hi] - modelTimes[hi - 1])
        return model[j][hi - 1] + (model[j][hi] - model[j][hi - 1]) * f
    }

    public func legend() -> [LegendEntry] {
        var legend = names.prefix(truth.count).enumerated().map { j, name in
            LegendEntry(descriptions.flatMap { j < $0.count ? "\($0[j]) (\(name))" : nil } ?? name, seriesColor(j))
        }
        guard model != nil else { return legend }
        legend.append(LegendEntry("truth (data)", Palette.truth, dashed: true))
        legend.append(LegendEntry("interpolation (\(modelName))", Palette.truth))
        if !ticks.isEmpty { legend.append(LegendEntry("tick", color ?? Palette.truth, symbol: "•")) }
        if burnIn > 0 { legend.append(LegendEntry("burn-in frame", Palette.burnInDots, symbol: "•")) }
        return legend
    }

    public func figure(title: String = "") -> Figure {
        Figure(title: title, panels: [panel()], legend: legend(), panelSize: (520, 220))
    }

    /// Δt to one decimal (ticks during the burn-in are 1).
    public static func dt(_ v: Double) -> String {
        guard v.isFinite else { return "?" }
        let tenths = (v * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}
