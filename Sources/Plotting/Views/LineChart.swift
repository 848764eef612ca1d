import Foundation

/// Named series of (x, y) points on shared axes: training curves, the planning success
/// against budget, ticks against error. Any caller with numbers can draw one.
///
///     var chart = LineChart(title: "success vs budget", xLabel: "budget", yLabel: "success")
///     chart.add("jumpy", points: [Point(50, 0.3), Point(250, 0.6)], color: Palette.ball(0))
///     chart.add("rnn", points: [Point(50, 0.25), Point(250, 0.55)], color: Palette.ball(1))
///     let figure = chart.figure()     // .png(), .svg(), .terminal(width:colors:)
public struct LineChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        public var points: [Point]
        public var color: RGB
        public var dashed: Bool
        /// Draw a marker at each point (labelled with `labels[i]` when given) instead of a line.
        public var markers: Bool
        public var labels: [String]?
    }

    public var title: String
    public var xLabel: String, yLabel: String
    /// Plot log10 of y (losses); non-positive values are dropped.
    public var logY: Bool
    public var series: [Series] = []

    public init(title: String = "", xLabel: String = "x", yLabel: String = "y", logY: Bool = false) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.logY = logY
    }

    public mutating func add(_ name: String, points: [Point], color: RGB, dashed: Bool = false,
                             markers: Bool = false, labels: [String]? = nil) {
        series.append(Series(name: name, points: points, color: color, dashed: dashed, markers: markers, labels: labels))
    }

    private func shown(_ p: Point) -> Point {
        logY ? Point(p.x, p.y > 0 ? log10(p.y) : .nan) : p
    }

    /// One panel holding every series. The axes print only their ends, so the ranges end on
    /// round numbers (0 to 250, not −11.45 to 262.45); with markers they are padded by 5%
    /// first, so that no marker sits on the frame.
    public func panel() -> Panel {
        let points = series.flatMap { $0.points.map(shown) }.filter(\.isFinite)
        let padded = series.contains(where: \.markers)
        func range(_ values: [Double]) -> ClosedRange<Double> {
            guard let low = values.min(), let high = values.max() else { return 0...1 }
            let pad = padded ? (high - low) * 0.05 : 0
            return Self.rounded((low - pad)...(high + pad))
        }
        var panel = Panel(title: yLabel + (logY ? " (log10)" : "") + " vs " + xLabel,
                          x: range(points.map(\.x)), y: range(points.map(\.y)))
        for s in series {
            let shownPoints = s.points.map(shown)
            if s.markers {
                for (i, p) in shownPoints.enumerated() { panel.marks.append(.marker(p, s.color, label: s.labels?[i])) }
            } else {
                panel.marks.append(.line(shownPoints, Stroke(s.color, dashed: s.dashed, width: 2)))
            }
        }
        return panel
    }

    /// `range` widened to whole multiples of a round step of about a tenth of its width (1, 2 or
    /// 5 × 10ᵏ: the ends then print in no more digits than the step has).
    static func rounded(_ range: ClosedRange<Double>) -> ClosedRange<Double> {
        let width = range.upperBound - range.lowerBound
        guard width > 0, width.isFinite else { return range }
        let magnitude = pow(10, (log10(width / 10)).rounded(.down))
        let step = [1, 2, 5, 10].map { $0 * magnitude }.first { $0 >= width / 10 } ?? 10 * magnitude
        return ((range.lowerBound / step).rounded(.down) * step)...((range.upperBound / step).rounded(.up) * step)
    }

    public func figure() -> Figure {
        Figure(title: title, panels: [panel()],
               legend: series.map { LegendEntry($0.name, $0.color, dashed: $0.dashed, symbol: $0.markers ? "▲" : nil) })
    }
}

/// Counts in bins drawn as bars: the Δt histogram of a rollout.
public struct BarChart: Sendable {
    public var title: String
    /// One label per bin (shown under the bars in the caption).
    public var labels: [String]
    public var counts: [Int]
    public var color: RGB

    public init(title: String, labels: [String], counts: [Int], color: RGB = Palette.model) {
        precondition(labels.count == counts.count, "one label a bin")
        self.title = title; self.labels = labels; self.counts = counts; self.color = color
    }

    public func figure() -> Figure {
        let high = Double(max(counts.max() ?? 1, 1))
        var panel = Panel(title: "count by bin", x: 0...Double(max(counts.count, 1)), y: 0...high)
        for (i, count) in counts.enumerated() where count > 0 {
            panel.marks.append(.rect(Rect(x: (Double(i) + 0.1)...(Double(i) + 0.9), y: 0...Double(count)), color, filled: true))
        }
        let caption = zip(labels, counts).filter { $0.1 > 0 }.map { "\($0.0): \($0.1)" }.joined(separator: "  ")
        return Figure(title: title, panels: [panel], caption: caption)
    }
}
