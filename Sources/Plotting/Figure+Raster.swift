import Foundation

/// Where a panel's plot area sits in a raster and how data maps onto it.
struct PanelFrame {
    /// The plot area in pixels.
    let x: Double, y: Double, width: Double, height: Double
    let panel: Panel

    init(panel: Panel, x: Double, y: Double, width: Double, height: Double) {
        self.panel = panel
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
}

extension Figure {
    /// Margins around each panel's plot area, in pixels.
    static let titleBand = 18, legendBand = 18
    func margins(_ panel: Panel) -> (left: Int, top: Int, right: Int, bottom: Int) {
        panel.axes ? (44, 16, 10, 18) : (6, panel.title.isEmpty ? 6 : 16, 6, 6)
    }

    /// The raster's size and each panel's plot area.
    func layout() -> (width: Int, height: Int, frames: [PanelFrame], legendTop: Int) {
        let cellWidth = panels.map { margins($0).left + panelSize.width + margins($0).right }.max() ?? panelSize.width
        let cellHeight = panels.map { margins($0).top + panelSize.height + margins($0).bottom }.max() ?? panelSize.height
        let top = title.isEmpty ? 0 : Self.titleBand
        let bottom = legend.isEmpty && caption.isEmpty ? 0 : Self.legendBand * (legend.isEmpty || caption.isEmpty ? 1 : 2)
        let frames = panels.enumerated().map { i, panel in
            PanelFrame(panel: panel, x: Double((i % columns) * cellWidth + margins(panel).left),
                       y: Double(top + (i / columns) * cellHeight + margins(panel).top),
                       width: Double(panelSize.width), height: Double(panelSize.height))
        }
        // Wide enough for the legend and the title as well as the panels. Not the caption:
        // it changes from frame to frame of an animation (the counter), whose frames must
        // keep one size; a long caption is cut at the edge.
        let legendWidth = 16 + legend.reduce(0) { $0 + 28 + RGBImage.textWidth($1.label) }
        let width = max(cellWidth * columns, legendWidth, RGBImage.textWidth(title) + 12)
        return (max(1, width), max(1, top + cellHeight * rows + bottom), frames, top + cellHeight * rows + 4)
    }

    /// The raster pixel (column, row) where `point` of panel `index` is drawn: where a test
    /// looks for a ball's colour.
    public func pixel(of point: Point, inPanel index: Int) -> (x: Int, y: Int) {
        let (x, y) = layout().frames[index].px(point)
        return (Int(x.rounded(.down)), Int(y.rounded(.down)))
    }

    /// The figure drawn as an RGB raster, each panel's plot area `panelSize`.
    public func raster() -> RGBImage {
        let (width, height, frames, legendTop) = layout()
        var image = RGBImage(width: width, height: height)
        if !title.isEmpty { image.text(title, x: 6, y: 4, Palette.text) }
        for frame in frames { draw(frame.panel, into: &image, frame: frame) }
        var y = legendTop
        if !legend.isEmpty {
            var x = 8
            for entry in legend {
                switch entry.symbol {
                case "●"?, "•"?: image.disc(cx: Double(x) + 8, cy: Double(y) + 5, radius: entry.symbol == "●" ? 5 : 3, entry.color)
                case "■"?: image.fill(x0: Double(x) + 3, y0: Double(y), x1: Double(x) + 13, y1: Double(y) + 10, entry.color)
                case "▲"?: image.triangle([(Double(x) + 3, Double(y) + 9), (Double(x) + 13, Double(y) + 9), (Double(x) + 8, Double(y))], entry.color)
                case ""?: break
                default:
                    var dash: Double? = entry.dashed ? 0 : nil
                    image.line(Double(x), Double(y) + 5, Double(x + 16), Double(y) + 5, width: 3, entry.color, dash: &dash)
                }
                image.text(entry.label, x: x + 20, y: y, Palette.text)
                x += 28 + RGBImage.textWidth(entry.label)
            }
            y += Self.legendBand
        }
        if !caption.isEmpty { image.text(caption, x: 8, y: y, Palette.text) }
        return image
    }

    private func draw(_ panel: Panel, into image: inout RGBImage, frame: PanelFrame) {
        let (x0, y0, x1, y1) = (frame.x, frame.y, frame.x + frame.width, frame.y + frame.height)
        if !panel.title.isEmpty { image.text(panel.title, x: Int(x0), y: Int(y0) - 13, Palette.text) }
        image.clip = (Int(x0.rounded(.down)), Int(y0.rounded(.down)), Int(x1.rounded(.up)), Int(y1.rounded(.up)))
        // Bands first: they shade what is drawn over them.
        for mark in panel.marks { if case .band = mark { draw(mark, into: &image, frame: frame) } }
        for mark in panel.marks { if case .band = mark {} else { draw(mark, into: &image, frame: frame) } }
        image.clip = nil
        // The border last, so it stays visible over images and shading.
        let border = panel.highlight ?? Palette.axes, thickness = panel.highlight == nil ? 1.0 : 3.0
        var solid: Double? = nil
        for (a, b) in [((x0, y0), (x1, y0)), ((x1, y0), (x1, y1)), ((x1, y1), (x0, y1)), ((x0, y1), (x0, y0))] {
            image.line(a.0, a.1, b.0, b.1, width: thickness, border, dash: &solid)
        }
        guard panel.axes else { return }
        let labels = (Self.number(panel.x.lowerBound), Self.number(panel.x.upperBound))
        image.text(labels.0, x: Int(x0), y: Int(y1) + 5, Palette.text)
        image.text(labels.1, x: Int(x1) - RGBImage.textWidth(labels.1), y: Int(y1) + 5, Palette.text)
        let (low, high) = (Self.number(panel.y.lowerBound), Self.number(panel.y.upperBound))
        let (lowY, highY) = panel.yDown ? (y0, y1 - 10) : (y1 - 10, y0)
        image.text(low, x: max(0, Int(x0) - 4 - RGBImage.textWidth(low)), y: Int(lowY), Palette.text)
        image.text(high, x: max(0, Int(x0) - 4 - RGBImage.textWidth(high)), y: Int(highY), Palette.text)
    }

    private func draw(_ mark: Mark, into image: inout RGBImage, frame: PanelFrame) {
        switch mark {
        case .line(let points, let stroke):
            var dash: Double? = stroke.dashed ? 0 : nil
            for (a, b) in zip(points, points.dropFirst()) where a.isFinite && b.isFinite {
                let (p, q) = (frame.px(a), frame.px(b))
                image.line(p.0, p.1, q.0, q.1, width: stroke.width, stroke.color, dash: &dash)
            }
        case .marker(let p, let color, let label):
            guard p.isFinite else { return }
            let (x, y) = frame.px(p)
            image.triangle([(x - 4, y + 3), (x + 4, y + 3), (x, y - 4)], color)
            if let label { image.text(label, x: Int(x) - RGBImage.textWidth(label) / 2, y: Int(y) - 15, color) }
        case .disc(let p, let radius, let color):
            let (x, y) = frame.px(p)
            image.disc(cx: x, cy: y, radius: radius * frame.xScale, color)
        case .rect(let r, let color, let filled):
            let (a, b) = (frame.px(Point(r.x.lowerBound, r.y.lowerBound)), frame.px(Point(r.x.upperBound, r.y.upperBound)))
            let (left, right, top, bottom) = (min(a.0, b.0), max(a.0, b.0), min(a.1, b.1), max(a.1, b.1))
            if filled {
                image.fill(x0: left, y0: top, x1: right, y1: bottom, color)
            } else {
                var solid: Double? = nil
                for (p, q) in [((left, top), (right, top)), ((right, top), (right, bottom)),
                               ((right, bottom), (left, bottom)), ((left, bottom), (left, top))] {
                    image.line(p.0, p.1, q.0, q.1, width: 2, color, dash: &solid)
                }
            }
        case .band(let span, let color):
            let (a, b) = (frame.px(Point(span.lowerBound, frame.panel.y.lowerBound)), frame.px(Point(span.upperBound, frame.panel.y.upperBound)))
            image.fill(x0: min(a.0, b.0), y0: min(a.1, b.1), x1: max(a.0, b.0), y1: max(a.1, b.1), color)
        case .arrow(let a, let b, let color):
            let (p, q) = (frame.px(a), frame.px(b))
            var solid: Double? = nil
            image.line(p.0, p.1, q.0, q.1, width: 2.5, color, dash: &solid)
            let angle = atan2(q.1 - p.1, q.0 - p.0)
            for turn in [2.6, -2.6] {
                image.line(q.0, q.1, q.0 + 9 * cos(angle + turn), q.1 + 9 * sin(angle + turn), width: 2.5, color, dash: &solid)
            }
        case .text(let string, let p, let color):
            let (x, y) = frame.px(p)
            image.text(string, x: Int(x), y: Int(y) - 5, color)
        case .image(let pixels, let w, let h):
            image.image(pixels, width: w, height: h, x: Int(frame.x.rounded()), y: Int(frame.y.rounded()),
                        toWidth: Int(frame.width.rounded()), toHeight: Int(frame.height.rounded()))
        }
    }

    /// Short numbers for axis ends: 0.25, 44, 1.2e-3.
    static func number(_ v: Double) -> String {
        if v == 0 { return "0" }
        if Swift.abs(v) >= 1e5 || Swift.abs(v) < 1e-2 { return String(format: "%.1e", v) }
        let rounded = (v * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%g", rounded)
    }

    /// The figure as PNG bytes (8-bit RGB).
    public func png() -> [UInt8] {
        let image = raster()
        return PNGImage.encodeRGB(image.bytes, width: image.width, height: image.height)
    }
}
