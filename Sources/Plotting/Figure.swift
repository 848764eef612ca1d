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
}

/// How a line is drawn.
public struct Stroke: Equatable, Sendable {
    public var color: RGB
    public var dashed: Bool
    /// In pixels (raster and SVG; the terminal draws every line one dot wide).
    public var width: Double
    public init(_ color: RGB, dashed: Bool = false, width: Double = 1.5) {
        self.color = color; self.dashed = dashed; self.width = width
    }
}

/// One thing drawn in a panel. Everything is in the panel's data coordinates except stroke
/// widths and text sizes, which are in pixels.
public enum Mark: Sendable {
    /// A polyline; non-finite points break it.
    case line([Point], Stroke)
    /// A small triangle at a point, with an optional label (a tick and its Δt).
    case marker(Point, RGB, label: String?)
    /// A filled disc; `radius` in x units (panels that hold discs keep an equal aspect).
    case disc(Point, radius: Double, RGB)
    /// A rectangle, filled or outlined.
    case rect(Rect, RGB, filled: Bool)
    /// An x span shaded the panel's full height, behind everything (the burn-in).
    case band(ClosedRange<Double>, RGB)
    /// An arrow from one point to another.
    case arrow(Point, Point, RGB)
    /// Text whose left end sits at a point.
    case text(String, Point, RGB)
    /// A grayscale image (`height × width`, row-major, values in [0, 1]) filling the panel.
    case image([Float], width: Int, height: Int)
}

/// A set of axes and what is drawn on them.
public struct Panel: Sendable {
    public var title: String
    public var x: ClosedRange<Double>, y: ClosedRange<Double>
    /// y grows downwards (the table seen from above: row 0 of a pixel frame is y = 0).
    public var yDown: Bool
    /// One unit of x is as long as one unit of y (tables, so discs stay round).
    public var equalAspect: Bool
    /// Print the ranges' ends beside the axes.
    public var axes: Bool
    /// A coloured border instead of the gray one (a tick frame in an animation).
    public var highlight: RGB?
    public var marks: [Mark]

    public init(title: String = "", x: ClosedRange<Double>, y: ClosedRange<Double>, yDown: Bool = false,
                equalAspect: Bool = false, axes: Bool = true, highlight: RGB? = nil, marks: [Mark] = []) {
        // A degenerate range (a constant series) gets a unit width, centred on the value.
        self.x = x.lowerBound < x.upperBound ? x : (x.lowerBound - 0.5)...(x.lowerBound + 0.5)
        self.y = y.lowerBound < y.upperBound ? y : (y.lowerBound - 0.5)...(y.lowerBound + 0.5)
        self.title = title; self.yDown = yDown; self.equalAspect = equalAspect
        self.axes = axes; self.highlight = highlight; self.marks = marks
    }

    /// Whether the panel is a picture (an image mark) rather than axes.
    public var isImage: Bool { marks.contains { if case .image = $0 { return true } else { return false } } }
}

/// What a colour means, for the legend.
public struct LegendEntry: Equatable, Sendable {
    public var label: String
    public var color: RGB
    public var dashed: Bool
    /// Drawn instead of a line sample (▲ for ticks, ■ for a region).
    public var symbol: String?
    public init(_ label: String, _ color: RGB, dashed: Bool = false, symbol: String? = nil) {
        self.label = label; self.color = color; self.dashed = dashed; self.symbol = symbol
    }
}

/// A picture: panels laid out in rows of `columns`, a legend and a caption line. Tensor-free,
/// so anything that has numbers (rollouts, plans, training histories) can make one, and every
/// back-end (terminal, SVG, PNG, GIF) draws the same figure.
///
///     var panel = Panel(title: "loss", x: 0...100, y: 0...1)
///     panel.marks.append(.line([Point(0, 1), Point(100, 0.1)], Stroke(Palette.model)))
///     let figure = Figure(panels: [panel], legend: [LegendEntry("train", Palette.model)])
///     let png = figure.png()                              // bytes
///     print(figure.terminal(width: 80, colors: false))
public struct Figure: Sendable {
    public var title: String
    public var panels: [Panel]
    /// Panels per row.
    public var columns: Int
    public var legend: [LegendEntry]
    /// A line under the panels (ranges, a frame counter).
    public var caption: String
    /// Pixel size of one panel in raster back-ends.
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
        self.frames = frames; self.delay = max(1, delay); self.loops = loops
    }
}
