import Foundation

/// Where a panel's plot area sits in the image and how data maps onto it.
struct PanelFrame {
    /// The plot area in pixels.
    let x: Double, y: Double, width: Double, height: Double
    /// The cell the panel owns (plot area, labels and margins), in pixels.
    let cell: (x: Double, y: Double, width: Double, height: Double)
    let panel: Panel

    init(panel: Panel, x: Double, y: Double, width: Double, height: Double, cell: (x: Double, y: Double, width: Double, height: Double)) {
        self.panel = panel; self.cell = cell
        var (w, h) = (width, height)
        var (left, top) = (x, y)
        if panel.equalAspect {
            // Fit the data box into the area without stretching, centred.
            let (dx, dy) = (panel.x.upperBound - panel.x.lowerBound, panel.y.upperBound - panel.y.lowerBound)
            let scale = min(w / dx, h / dy)
            left += (w - dx * scale) / 2; top += (h - dy * scale) / 2
            (w, h) = (dx * scale, dy * scale)
        }
        self.x = left; self.y = top; self.width = w; self.height = h
    }

    func px(_ p: Point) -> (Double, Double) {
        let fx = (p.x - panel.x.lowerBound) / (panel.x.upperBound - panel.x.lowerBound)
        var fy = (p.y - panel.y.lowerBound) / (panel.y.upperBound - panel.y.lowerBound)
        if !panel.yDown { fy = 1 - fy }
        return (x + fx * width, y + fy * height)
    }

    /// Pixels per x unit.
    var xScale: Double { width / (panel.x.upperBound - panel.x.lowerBound) }

    /// Whether a point lies in the panel's ranges (a dot there is drawn even on the frame).
    func shows(_ p: Point) -> Bool {
        p.isFinite && panel.x.contains(p.x) && panel.y.contains(p.y)
    }
}

/// Text sizes in pixels, one place for every raster back-end.
enum FontSize {
    static let title = 15.0, panelTitle = 12.5, axisLabel = 11.5, tick = 10.5, legend = 11.5, caption = 11.5
    static let dotLabel = 10.0, span = 10.5, note = 11.0
}

/// A figure's pixel layout: its size, each panel's plot area, where the legend's entries and
/// the caption go. Text is measured with Cairo (the font the PNG is drawn in), so margins are
/// as wide as their labels and nothing is clipped. The SVG back-end uses the same layout.
struct FigureLayout {
    let width: Int, height: Int
    let frames: [PanelFrame]
    let titleBaseline: Double
    /// Each legend entry's left end and row top.
    let legend: [(entry: LegendEntry, x: Double, y: Double)]
    let captionBaseline: Double

    static let legendRow = 20.0, legendSample = 24.0, legendGap = 16.0
    static let titleBand = 28.0, panelTitleBand = 20.0, spanBand = 34.0

    init(_ figure: Figure, measure: CairoCanvas = .measuring()) {
        func textWidth(_ s: String, _ size: Double) -> Double { s.isEmpty ? 0 : measure.measure(s, size: size).width }
        // Margins wide enough for every panel's labels; one size for every cell, so the plot
        // areas of a row line up.
        var (left, right, top, bottom) = (8.0, 8.0, 6.0, 6.0)
        for panel in figure.panels {
            var t = 6.0
            if !panel.title.isEmpty { t += Self.panelTitleBand }
            if !panel.spans.isEmpty { t += Self.spanBand }
            top = max(top, t)
            if panel.isImage { continue }
            guard panel.axes else { continue }
            let yTickWidth = panel.yTicks.map { textWidth(panel.yTickLabel($0), FontSize.tick) }.max() ?? 0
            var l = 6 + yTickWidth + 7
            if !panel.yLabel.isEmpty { l += FontSize.axisLabel + 8 }
            if !panel.spans.isEmpty { l = max(l, textWidth(panel.spanLabel + " =", FontSize.span + 2) + 10) }
            left = max(left, l)
            var b = 7 + FontSize.tick + 6
            if !panel.xLabel.isEmpty { b += FontSize.axisLabel + 6 }
            bottom = max(bottom, b)
            let lastTick = panel.xTicks.last.map { textWidth(panel.xTickLabel($0), FontSize.tick) } ?? 0
            right = max(right, lastTick / 2 + 6, 12)
        }
        let (pw, ph) = (Double(figure.panelSize.width), Double(figure.panelSize.height))
        let cellWidth = left + pw + right, cellHeight = top + ph + bottom
        let titleBand = figure.title.isEmpty ? 0 : Self.titleBand
        var width = max(cellWidth * Double(figure.columns), textWidth(figure.title, FontSize.title) + 16)
        // The legend wraps to the panels' width (or grows it for one long entry).
        let items = figure.legend.map { ($0, Self.legendSample + 6 + textWidth($0.label, FontSize.legend)) }
        width = max(width, (items.map(\.1).max() ?? 0) + 16)
        var placed: [(LegendEntry, Double, Double)] = []
        var (x, row) = (10.0, 0)
        let legendTop = titleBand + cellHeight * Double(figure.rows) + 4
        for (entry, itemWidth) in items {
            if x > 10 && x + itemWidth > width - 6 { x = 10; row += 1 }
            placed.append((entry, x, legendTop + Double(row) * Self.legendRow))
            x += itemWidth + Self.legendGap
        }
        let legendHeight = items.isEmpty ? 0 : Double(row + 1) * Self.legendRow
        let captionTop = legendTop + legendHeight
        self.width = Int(width.rounded(.up))
        self.height = Int((captionTop + (figure.caption.isEmpty ? 0 : Self.legendRow) + (items.isEmpty && figure.caption.isEmpty ? 0 : 4)).rounded(.up))
        self.titleBaseline = 19
        self.legend = placed
        self.captionBaseline = captionTop + 14
        self.frames = figure.panels.enumerated().map { i, panel in
            let cell = (x: Double(i % figure.columns) * cellWidth, y: titleBand + Double(i / figure.columns) * cellHeight,
                        width: cellWidth, height: cellHeight)
            return PanelFrame(panel: panel, x: cell.x + left, y: cell.y + top, width: pw, height: ph, cell: cell)
        }
    }
}

extension Figure {
    /// The pixel (column, row) where `point` of panel `index` is drawn: where a test looks
    /// for a ball's colour.
    public func pixel(of point: Point, inPanel index: Int) -> (x: Int, y: Int) {
        let (x, y) = FigureLayout(self).frames[index].px(point)
        return (Int(x.rounded(.down)), Int(y.rounded(.down)))
    }

    /// The pixel size of the PNG (and of each GIF frame).
    public var pixelSize: (width: Int, height: Int) {
        let layout = FigureLayout(self)
        return (layout.width, layout.height)
    }

    /// Pixels per x unit in panel `index` (a disc of radius r is r × this pixels wide).
    public func pixelsPerUnit(inPanel index: Int) -> Double { FigureLayout(self).frames[index].xScale }
}
