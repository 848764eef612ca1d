import Foundation

/// Named series of (x, y) points on shared axes: training curves, the planning success
/// against budget. Any caller with numbers can draw one.
///
///     var chart = LineChart(title: "Tasks solved against planning budget",
///                           xLabel: "candidate shots (budget)", yLabel: "tasks solved (%)")
///     chart.add("jumpy (ej)", points: [Point(1, 6), Point(250, 60)], color: Palette.kind("jumpy"))
///     let figure = chart.figure()     // .png(), .svg(), .terminal(width:colors:)
public struct LineChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        public var points: [Point]
        public var color: RGB
        public var dashed: Bool
        /// Draw a dot at each point (labelled with `labels[i]` when given) instead of a line.
        public var markers: Bool
        public var labels: [String]?
    }

    public var title: String
    public var xLabel: String, yLabel: String
    /// Plot log10 of y (losses); non-positive values are dropped.
    public var logY: Bool
    /// A fixed y range (0…100 for percentages); nil: the data's.
    public var yRange: ClosedRange<Double>?
    public var series: [Series] = []

    public init(title: String = "", xLabel: String = "x", yLabel: String = "y", logY: Bool = false, yRange: ClosedRange<Double>? = nil) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.logY = logY; self.yRange = yRange
    }

    public mutating func add(_ name: String, points: [Point], color: RGB, dashed: Bool = false,
                             markers: Bool = false, labels: [String]? = nil) {
        series.append(Series(name: name, points: points, color: color, dashed: dashed, markers: markers, labels: labels))
    }

    private func shown(_ p: Point) -> Point {
        logY ? Point(p.x, p.y > 0 ? log10(p.y) : .nan) : p
    }

    /// One panel holding every series. The x axis ends at the data's range; y gets 4% more on
    /// each side so no line runs along the frame (dots get 8% on both axes).
    public func panel(title panelTitle: String = "") -> Panel {
        let points = series.flatMap { $0.points.map(shown) }.filter(\.isFinite)
        let dotted = series.contains(where: \.markers)
        func range(_ values: [Double], pad: Double) -> ClosedRange<Double> {
            guard let low = values.min(), let high = values.max() else { return 0...1 }
            let margin = Swift.max(high - low, Swift.abs(high) * 0.1, 1e-9) * pad
            return (low - margin)...(high + margin)
        }
        let x = range(points.map(\.x), pad: dotted ? 0.08 : 0)
        let y = yRange ?? range(points.map(\.y), pad: dotted ? 0.08 : 0.04)
        var panel = Panel(title: panelTitle, x: x, y: y, xLabel: xLabel, yLabel: yLabel, yLog: logY)
        for s in series {
            let shownPoints = s.points.map(shown)
            if s.markers {
                for (i, p) in shownPoints.enumerated() {
                    panel.marks.append(.dot(p, s.color, size: 4.5, ring: Palette.text, label: s.labels.flatMap { i < $0.count ? $0[i] : nil }))
                }
            } else {
                panel.marks.append(.line(shownPoints, Stroke(s.color, dashed: s.dashed, width: 2)))
            }
        }
        return panel
    }

    public var legend: [LegendEntry] {
        series.map { LegendEntry($0.name, $0.color, dashed: $0.dashed, symbol: $0.markers ? "•" : nil) }
    }

    public func figure() -> Figure {
        Figure(title: title, panels: [panel()], legend: legend, panelSize: (400, 240))
    }
}

/// Counts in bins drawn as bars: the Δt histogram of a rollout.
public struct BarChart: Sendable {
    public var title: String
    /// Each bin's x range (the last may be open: drawn one unit wide).
    public var bins: [ClosedRange<Double>]
    public var counts: [Int]
    public var color: RGB
    public var xLabel: String, yLabel: String
    public var caption: String

    public init(title: String, bins: [ClosedRange<Double>], counts: [Int], color: RGB = Palette.model,
                xLabel: String, yLabel: String, caption: String = "") {
        precondition(bins.count == counts.count, "one count a bin")
        self.title = title; self.bins = bins; self.counts = counts; self.color = color
        self.xLabel = xLabel; self.yLabel = yLabel; self.caption = caption
    }

    public func figure() -> Figure {
        // At least 0…4, so a count axis has whole-number ticks.
        let high = Double(max(counts.max() ?? 1, 4))
        let x = (bins.first?.lowerBound ?? 0)...(bins.last?.upperBound ?? 1)
        var panel = Panel(x: x, y: 0...(high * 1.05), xLabel: xLabel, yLabel: yLabel)
        for (bin, count) in zip(bins, counts) where count > 0 {
            let inset = (bin.upperBound - bin.lowerBound) * 0.08
            panel.marks.append(.rect(Rect(x: (bin.lowerBound + inset)...(bin.upperBound - inset), y: 0...Double(count)), color, filled: true))
        }
        return Figure(title: title, panels: [panel], caption: caption, panelSize: (400, 220))
    }
}
