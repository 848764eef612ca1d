import Foundation

/// A piece of text as drawn: where a test looks for it, and how it checks that nothing was
/// drawn outside the image.
public struct TextBox: Sendable {
    public var text: String
    public var x0: Double, y0: Double, x1: Double, y1: Double
    func overlaps(_ other: TextBox) -> Bool { x0 < other.x1 && other.x0 < x1 && y0 < other.y1 && other.y0 < y1 }
}

extension Figure {
    /// The figure drawn by Cairo, each panel's plot area `panelSize`.
    public func raster() -> RGBImage { render().image }

    /// The figure as PNG bytes (8-bit RGB).
    public func png() -> [UInt8] {
        let image = raster()
        return PNGImage.encodeRGB(image.bytes, width: image.width, height: image.height)
    }

    /// Every piece of text the Cairo drawing placed (labels dropped for overlap are absent).
    public func textBoxes() -> [TextBox] { render().text }

    func render() -> (image: RGBImage, text: [TextBox]) {
        let layout = FigureLayout(self)
        var painter = CairoPainter(canvas: CairoCanvas(width: layout.width, height: layout.height))
        if !title.isEmpty { painter.text(title, x: 10, y: layout.titleBaseline, size: FontSize.title, Palette.text) }
        for frame in layout.frames { painter.draw(frame) }
        for (entry, x, y) in layout.legend { painter.legendEntry(entry, x: x, y: y) }
        if !caption.isEmpty {
            painter.text(caption, x: 10, y: layout.captionBaseline, size: FontSize.caption, Palette.text, clampTo: Double(layout.width))
        }
        return (painter.canvas.rgb(), painter.placed)
    }
}

/// Draws a laid-out figure onto a Cairo canvas and remembers where its text went.
struct CairoPainter {
    let canvas: CairoCanvas
    var placed: [TextBox] = []

    init(canvas: CairoCanvas) { self.canvas = canvas }

    /// Text at a baseline, kept inside the image (shifted left if it would run off the right
    /// edge, or cut with an ellipsis when it is wider than `clampTo`).
    mutating func text(_ s: String, x: Double, y: Double, size: Double, _ color: RGB,
                       anchor: CairoCanvas.Anchor = .start, clampTo limit: Double? = nil) {
        var s = s
        var m = canvas.measure(s, size: size)
        if let limit {
            while m.width > limit - x - 4 && s.count > 1 { s = String(s.dropLast(2)) + "…"; m = canvas.measure(s, size: size) }
        }
        var left = anchor == .start ? x : anchor == .middle ? x - m.width / 2 : x - m.width
        left = max(1, min(left, Double(canvas.width) - m.width - 1))
        canvas.text(s, x: left, y: y, size: size, color)
        placed.append(TextBox(text: s, x0: left, y0: y - m.ascent, x1: left + m.width, y1: y + m.descent))
    }

    /// Text drawn only if it overlaps no text already placed; whether it was drawn.
    mutating func textIfRoom(_ s: String, x: Double, y: Double, size: Double, _ color: RGB) -> Bool {
        let m = canvas.measure(s, size: size)
        let left = max(1, min(x - m.width / 2, Double(canvas.width) - m.width - 1))
        let box = TextBox(text: s, x0: left - 1.5, y0: y - m.ascent * 0.8, x1: left + m.width + 1.5, y1: y + m.descent * 0.5)
        guard !placed.contains(where: { $0.overlaps(box) }), box.y0 >= 0 else { return false }
        canvas.text(s, x: left, y: y, size: size, color, halo: true)
        placed.append(TextBox(text: s, x0: left, y0: y - m.ascent, x1: left + m.width, y1: y + m.descent))
        return true
    }

    mutating func draw(_ frame: PanelFrame) {
        let panel = frame.panel
        let (x0, y0, x1, y1) = (frame.x, frame.y, frame.x + frame.width, frame.y + frame.height)
        if !panel.title.isEmpty {
            let top = frame.cell.y + 6 + FontSize.panelTitle
            text(panel.title, x: panel.axes && !panel.isImage ? x0 : frame.cell.x + 6, y: top, size: FontSize.panelTitle, Palette.text,
                 clampTo: frame.cell.x + frame.cell.width)
        }
        if panel.axes && !panel.isImage { grid(frame) }
        canvas.save()
        canvas.clip(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
        // Bands first: they shade what is drawn over them.
        for mark in panel.marks { if case .band = mark { draw(mark, frame) } }
        for mark in panel.marks {
            switch mark {
            case .band, .dot: continue
            default: draw(mark, frame)
            }
        }
        canvas.restore()
        // The frame before the dots: a dot on the axis is drawn whole, over it (the first
        // tick at time 0), never clipped.
        if panel.axes || panel.highlight != nil || panel.isImage {
            canvas.rectangle(x0, y0, x1 - x0, y1 - y0, panel.highlight ?? Palette.axes, filled: false, width: panel.highlight == nil ? 1 : 3)
        } else if panel.equalAspect {
            canvas.rectangle(x0 - 1.5, y0 - 1.5, x1 - x0 + 3, y1 - y0 + 3, Palette.edge, filled: false, width: 3)
        }
        if panel.axes && !panel.isImage { axes(frame) }
        // Dots are not clipped: one on the axis is drawn whole (the first tick at time 0).
        for mark in panel.marks { if case .dot = mark { draw(mark, frame) } }
        for mark in panel.marks { if case .dot(let p, let color, let size, _, let label?) = mark, frame.shows(p) {
            let (x, y) = frame.px(p)
            _ = textIfRoom(label, x: x, y: y - size - 4, size: FontSize.dotLabel, color.mixed(with: .black, 0.25))
        } }
        if !panel.spans.isEmpty { spans(frame) }
    }

    private func grid(_ frame: PanelFrame) {
        let panel = frame.panel
        for t in panel.xTicks {
            let (x, _) = frame.px(Point(t, panel.y.lowerBound))
            canvas.polyline([(x, frame.y), (x, frame.y + frame.height)], Palette.grid, width: 1)
        }
        for t in panel.yTicks {
            let (_, y) = frame.px(Point(panel.x.lowerBound, t))
            canvas.polyline([(frame.x, y), (frame.x + frame.width, y)], Palette.grid, width: 1)
        }
    }

    private mutating func axes(_ frame: PanelFrame) {
        let panel = frame.panel
        let bottom = frame.y + frame.height
        for t in panel.xTicks {
            let (x, _) = frame.px(Point(t, panel.y.lowerBound))
            canvas.polyline([(x, bottom), (x, bottom + 4)], Palette.axes, width: 1)
            text(panel.xTickLabel(t), x: x, y: bottom + 7 + FontSize.tick, size: FontSize.tick, Palette.text, anchor: .middle)
        }
        for t in panel.yTicks {
            let (_, y) = frame.px(Point(panel.x.lowerBound, t))
            canvas.polyline([(frame.x - 4, y), (frame.x, y)], Palette.axes, width: 1)
            text(panel.yTickLabel(t), x: frame.x - 6, y: y + FontSize.tick * 0.36, size: FontSize.tick, Palette.text, anchor: .end)
        }
        if !panel.xLabel.isEmpty {
            text(panel.xLabel, x: frame.x + frame.width / 2, y: bottom + 7 + FontSize.tick + 6 + FontSize.axisLabel,
                 size: FontSize.axisLabel, Palette.text, anchor: .middle)
        }
        if !panel.yLabel.isEmpty {
            // Turned a quarter to read bottom to top, at the cell's left edge.
            let m = canvas.measure(panel.yLabel, size: FontSize.axisLabel)
            let x = frame.cell.x + 6 + m.ascent
            let y = frame.y + frame.height / 2 + m.width / 2
            canvas.text(panel.yLabel, x: x, y: y, size: FontSize.axisLabel, Palette.text, angle: -Double.pi / 2)
            placed.append(TextBox(text: panel.yLabel, x0: x - m.ascent, y0: y - m.width, x1: x + m.descent, y1: y))
        }
    }

    /// Brackets over the plot area, one per span, each labelled where its label fits.
    private mutating func spans(_ frame: PanelFrame) {
        let panel = frame.panel
        let bracket = frame.y - 8, label = frame.y - 14
        text(panel.spanLabel + " =", x: frame.x - 8, y: label, size: FontSize.span + 2, Palette.text, anchor: .end)
        for span in panel.spans {
            let lo = max(span.x.lowerBound, panel.x.lowerBound), hi = min(span.x.upperBound, panel.x.upperBound)
            guard lo < hi else { continue }
            let (a, _) = frame.px(Point(lo, 0)), (b, _) = frame.px(Point(hi, 0))
            let (l, r) = (a + 0.75, max(a + 1.5, b - 0.75))
            canvas.polyline([(l, bracket + 5), (l, bracket), (r, bracket), (r, bracket + 5)], Palette.text, width: 1.2)
            _ = textIfRoom(span.label, x: (l + r) / 2, y: label, size: FontSize.span, Palette.text)
        }
    }

    private func draw(_ mark: Mark, _ frame: PanelFrame) {
        switch mark {
        case .line(let points, let stroke):
            canvas.polyline(points.map { $0.isFinite ? frame.px($0) : (.nan, .nan) }, stroke.color, width: stroke.width, dashed: stroke.dashed)
        case .dot(let p, let color, let size, let ring, _):
            guard frame.shows(p) else { return }
            let (x, y) = frame.px(p)
            canvas.disc(x, y, radius: size, color, ring: ring, ringWidth: 1.2)
        case .disc(let p, let radius, let color):
            let (x, y) = frame.px(p)
            canvas.disc(x, y, radius: radius * frame.xScale, color)
        case .ring(let p, let radius, let color):
            let (x, y) = frame.px(p)
            canvas.circle(x, y, radius: radius * frame.xScale, color, width: 3)
        case .rect(let r, let color, let filled):
            let (a, b) = (frame.px(Point(r.x.lowerBound, r.y.lowerBound)), frame.px(Point(r.x.upperBound, r.y.upperBound)))
            canvas.rectangle(min(a.0, b.0), min(a.1, b.1), Swift.abs(b.0 - a.0), Swift.abs(b.1 - a.1), color, filled: filled, width: 2.5)
        case .band(let span, let color):
            let (a, b) = (frame.px(Point(span.lowerBound, frame.panel.y.lowerBound)), frame.px(Point(span.upperBound, frame.panel.y.upperBound)))
            canvas.rectangle(min(a.0, b.0), min(a.1, b.1), Swift.abs(b.0 - a.0), Swift.abs(b.1 - a.1), color, filled: true)
        case .arrow(let a, let b, let color):
            canvas.arrow(from: frame.px(a), to: frame.px(b), color)
        case .text(let string, let p, let color):
            let (x, y) = frame.px(p)
            canvas.text(string, x: x, y: y + 4, size: FontSize.note, color)
        case .image(let pixels, let w, let h):
            canvas.image(pixels, width: w, height: h, x: frame.x, y: frame.y, toWidth: frame.width, toHeight: frame.height)
        }
    }

    mutating func legendEntry(_ entry: LegendEntry, x: Double, y: Double) {
        let mid = y + FigureLayout.legendRow / 2, sample = FigureLayout.legendSample
        switch entry.symbol {
        case "●"?: canvas.disc(x + sample / 2, mid, radius: 6, entry.color)
        case "•"?: canvas.disc(x + sample / 2, mid, radius: 3, entry.color, ring: entry.color == Palette.burnInDots ? nil : Palette.text, ringWidth: 1)
        case "■"?: canvas.rectangle(x + sample / 2 - 6, mid - 6, 12, 12, entry.color, filled: true)
        case "○"?: canvas.disc(x + sample / 2, mid, radius: 6, .white, ring: entry.color, ringWidth: 2.5)
        case "→"?: canvas.arrow(from: (x + 1, mid), to: (x + sample - 1, mid), entry.color, width: 2, head: 8)
        case ""?: break
        default: canvas.polyline([(x + 1, mid), (x + sample - 1, mid)], entry.color, width: 2.5, dashed: entry.dashed)
        }
        text(entry.label, x: x + sample + 6, y: mid + FontSize.legend * 0.36, size: FontSize.legend, Palette.text)
    }
}
