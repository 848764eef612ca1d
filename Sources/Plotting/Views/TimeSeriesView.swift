/// Coordinates against time for the 1-D worlds (lines, circles, billiards1d): truth dashed,
/// model solid in the same colour per coordinate, the burn-in shaded, a mark at each tick
/// labelled with its Δt, and the model's curve sampled between ticks (its interpolation).
public struct TimeSeriesView: Sendable {
    /// Names of the coordinates (`x1`, `y1`, …), one per series.
    public var names: [String]
    /// `[coordinate][frame]`, at frames 0, 1, 2, …
    public var truth: [[Double]]
    /// `[coordinate][sample]` at `modelTimes` (fractional frames), or nil for data alone.
    public var model: [[Double]]?
    public var modelTimes: [Double]
    /// The model's ticks: start time and predicted Δt.
    public var ticks: [(time: Double, dt: Double)]
    /// Frames read from the data (shaded).
    public var burnIn: Int

    public init(names: [String], truth: [[Double]], model: [[Double]]? = nil, modelTimes: [Double] = [],
                ticks: [(time: Double, dt: Double)] = [], burnIn: Int = 0) {
        self.names = names; self.truth = truth; self.model = model; self.modelTimes = modelTimes
        self.ticks = ticks; self.burnIn = burnIn
    }

    public func figure(title: String = "") -> Figure {
        let frames = truth.first?.count ?? 1
        let values = (truth + (model ?? [])).flatMap { $0 }.filter(\.isFinite)
        let low = values.min() ?? 0, high = values.max() ?? 1
        let pad = (high - low) * 0.08
        var panel = Panel(title: "coordinates vs time (frames)", x: 0...Double(max(frames - 1, 1)),
                          y: (low - 2 * pad)...(high + pad))
        if burnIn > 0 {
            panel.marks.append(.band(0...min(Double(burnIn) - 0.5, Double(frames - 1)), Palette.burnIn))
        }
        for (j, series) in truth.enumerated() {
            let color = Palette.ball(j)
            panel.marks.append(.line(series.enumerated().map { Point(Double($0.offset), $0.element) },
                                     Stroke(color, dashed: true, width: 1.5)))
            if let model, j < model.count {
                panel.marks.append(.line(zip(modelTimes, model[j]).map { Point($0.0, $0.1) }, Stroke(color, width: 2)))
            }
        }
        for tick in ticks where tick.time.isFinite && tick.time <= Double(frames - 1) {
            panel.marks.append(.marker(Point(tick.time, low - pad), Palette.ticks, label: Self.dt(tick.dt)))
        }
        var legend = names.prefix(truth.count).enumerated().map { LegendEntry($0.element, Palette.ball($0.offset)) }
        legend.append(LegendEntry("truth", Palette.truth, dashed: true))
        if model != nil { legend.append(LegendEntry("model", Palette.truth)) }
        if !ticks.isEmpty { legend.append(LegendEntry("ticks (Δt)", Palette.ticks, symbol: "▲")) }
        if burnIn > 0 { legend.append(LegendEntry("burn-in", Palette.burnIn, symbol: "■")) }
        return Figure(title: title, panels: [panel], legend: legend, panelSize: (480, 220))
    }

    /// Δt to one decimal (ticks during the burn-in are 1).
    static func dt(_ v: Double) -> String {
        guard v.isFinite else { return "?" }
        let tenths = (v * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}
