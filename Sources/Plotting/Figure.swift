/// A point in a panel's data coordinates.
public struct Point: Equatable, Sendable {
    public var x: Double, y: Double
    public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
    public var isFinite: Bool { x.isFinite && y.isFinite }
}

/// An axis-aligned rectangle in data coordinates.
public struct Rect: Equatable, Sendable {
    public var x: ClosedRange<Double>, y: ClosedRange<Double>
    public init(x: ClosedRange<Double>, y: ClosedRange<Double>) { self.x = x; self.y = y }
    public func contains(_ p: Point) -> Bool { x.contains(p.x) && y.contains(p.y) }
}

/// How a line is drawn.
public struct Stroke: Equatable, Sendable {
    public var color: RGB
    public var dashed: Bool
    /// In pixels (Cairo and SVG; the terminal draws every line one dot wide).
    public var width: Double
    public init(_ color: RGB, dashed: Bool = false, width: Double = 1.5) {
        self.color = color; self.dashed = dashed; self.width = width
    }
}

/// One thing drawn in a panel. Everything is in the panel's data coordinates except stroke
/// widths, dot sizes and text, which are in pixels.
public enum Mark: Sendable {
    /// A polyline; non-finite points break it.
    case line([Point], Stroke)
    /// A small dot `size` pixels in radius (a tick, a burn-in frame), ringed in `ring` when
    /// given, with an optional label above it. Labels that would overlap one already drawn
    /// are dropped, never merged.
    case dot(Point, RGB, size: Double = 3, ring: RGB? = nil, label: String? = nil)
    /// A filled disc; `radius` in x units (panels that hold discs keep an equal aspect).
    case disc(Point, radius: Double, RGB)
    /// A circle's outline `radius` x units round a point (the ring round a ticking ball).
    case ring(Point, radius: Double, RGB)
    /// A rectangle, filled or outlined.
    case rect(Rect, RGB, filled: Bool)
    /// An x span shaded the panel's full height, behind everything (the burn-in).
    case band(ClosedRange<Double>, RGB)
    /// An arrow from one point to another, its head at the second.
    case arrow(Point, Point, RGB)
    /// Text whose left end sits at a point.
    case text(String, Point, RGB)
    /// A grayscale image (`height × width`, row-major, values in [0, 1]) filling the panel.
    case image([Float], width: Int, height: Int)
}

/// A bracket above a panel spanning an x interval, with its label over it: the Δt of each
/// piece of a jumpy rollout, as the blog's hero figure writes it.
public struct Span: Equatable, Sendable {
    public var x: ClosedRange<Double>
    public var label: String
    public init(_ x: ClosedRange<Double>, _ label: String) { self.x = x; self.label = label }
}

/// A set of axes and what is drawn on them.
public struct Panel: Sendable {
    public var title: String
    public var x: ClosedRange<Double>, y: ClosedRange<Double>
    /// What each axis measures, with its unit: "time (frames)", "x (table widths)".
    public var xLabel: String, yLabel: String
    /// y holds log10 of the values: tick labels print the values (1e-3), not the logs.
    public var yLog: Bool
    /// y grows downwards (the table seen from above: row 0 of a pixel frame is y = 0).
    public var yDown: Bool
    /// One unit of x is as long as one unit of y (tables, so discs stay round).
    public var equalAspect: Bool
    /// Ticks on round numbers, their labels, light grid lines and the axis labels. A panel
    /// without axes that keeps its aspect is a table: its frame is drawn as the table's edge.
    public var axes: Bool
    /// A coloured border instead of the gray one (a tick frame in an animation).
    public var highlight: RGB?
    /// Brackets above the plot area (Δt of each piece), and what they measure ("Δt").
    public var spans: [Span]
    public var spanLabel: String
    public var marks: [Mark]

    public init(title: String = "", x: ClosedRange<Double>, y: ClosedRange<Double>, xLabel: String = "", yLabel: String = "",
                yLog: Bool = false, yDown: Bool = false, equalAspect: Bool = false, axes: Bool = true,
                highlight: RGB? = nil, marks: [Mark] = []) {
        // A degenerate range (a constant series) gets a unit width, centred on the value.
        self.x = x.lowerBound < x.upperBound ? x : (x.lowerBound - 0.5)...(x.lowerBound + 0.5)
        self.y = y.lowerBound < y.upperBound ? y : (y.lowerBound - 0.5)...(y.lowerBound + 0.5)
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.yLog = yLog
        self.yDown = yDown; self.equalAspect = equalAspect
        self.axes = axes; self.highlight = highlight; self.spans = []; self.spanLabel = "Δt"; self.marks = marks
    }

    /// Whether the panel is a picture (an image mark) rather than axes.
    public var isImage: Bool { marks.contains { if case .image = $0 { return true } else { return false } } }

    /// The round numbers where the axes put their ticks.
    public var xTicks: [Double] { NiceTicks.ticks(x) }
    public var yTicks: [Double] { yLog ? NiceTicks.logTicks(y) : NiceTicks.ticks(y) }

    /// A tick's label: a round number, or for a log axis the value the log stands for.
    public func yTickLabel(_ v: Double) -> String { yLog ? NiceTicks.power(v) : NiceTicks.label(v, among: yTicks) }
    public func xTickLabel(_ v: Double) -> String { NiceTicks.label(v, among: xTicks) }
}

/// What a colour means, for the legend.
public struct LegendEntry: Equatable, Sendable {
    public var label: String
    public var color: RGB
    public var dashed: Bool
    /// Drawn instead of a line sample: ● a ball, • a tick or a data point, ■ a region, → an
    /// arrow, "" nothing (a note).
    public var symbol: String?
    public init(_ label: String, _ color: RGB, dashed: Bool = false, symbol: String? = nil) {
        self.label = label; self.color = color; self.dashed = dashed; self.symbol = symbol
    }
}

/// A picture: panels laid out in rows of `columns`, a legend and a caption line. Tensor-free,
/// so anything that has numbers (rollouts, plans, training histories) can make one, and every
/// back-end (terminal, SVG, Cairo for PNG and GIF) draws the same figure.
///
///     var panel = Panel(title: "Loss", x: 0...100, y: 0...1, xLabel: "step", yLabel: "loss")
///     panel.marks.append(.line([Point(0, 1), Point(100, 0.1)], Stroke(Palette.model)))
///     let figure = Figure(panels: [panel], legend: [LegendEntry("training loss", Palette.model)])
///     let png = figure.png()                              // bytes
///     print(figure.terminal(width: 80, colors: false))
public struct Figure: Sendable {
    public var title: String
    public var panels: [Panel]
    /// Panels per row.
    public var columns: Int
    public var legend: [LegendEntry]
    /// A line under the panels (a note, a frame counter).
    public var caption: String
    /// Pixel size of one panel's plot area in raster back-ends.
    public var panelSize: (width: Int, height: Int)

    public init(title: String = "", panels: [Panel], columns: Int? = nil, legend: [LegendEntry] = [],
                caption: String = "", panelSize: (width: Int, height: Int) = (320, 240)) {
        self.title = title; self.panels = panels
        self.columns = max(1, min(columns ?? panels.count, max(panels.count, 1)))
        self.legend = legend; self.caption = caption; self.panelSize = panelSize
    }

    public var rows: Int { (panels.count + columns - 1) / columns }
}

/// Frames shown one after another, looping.
public struct Animation: Sendable {
    public var frames: [Figure]
    /// Time each frame is shown, in hundredths of a second (GIF's unit).
    public var delay: Int
    /// 0: loop forever.
    public var loops: Int
    public init(frames: [Figure], delay: Int = 4, loops: Int = 0) {
        self.frames = frames; self.delay = max(2, delay); self.loops = loops
    }
}
