import Foundation

extension Figure {
    /// The figure as an SVG document, laid out like the PNG (same sizes, margins and ticks).
    public func svg() -> String {
        let layout = FigureLayout(self)
        var out = ["<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(layout.width)\" height=\"\(layout.height)\" font-family=\"DejaVu Sans, sans-serif\">",
                   "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>"]
        if !title.isEmpty { out.append(Self.svgText(title, 10, layout.titleBaseline, Palette.text, size: FontSize.title)) }
        for frame in layout.frames { out += svg(frame) }
        for (entry, x, y) in layout.legend {
            let mid = y + FigureLayout.legendRow / 2, sample = FigureLayout.legendSample
            switch entry.symbol {
            case "●"?, "•"?, "○"?:
                out.append("<circle cx=\"\(Self.n(x + sample / 2))\" cy=\"\(Self.n(mid))\" r=\"\(entry.symbol == "•" ? 3 : 6)\" fill=\"\(entry.symbol == "○" ? "white" : entry.color.hex)\" stroke=\"\(entry.color.hex)\"/>")
            case "■"?:
                out.append("<rect x=\"\(Self.n(x + sample / 2 - 6))\" y=\"\(Self.n(mid - 6))\" width=\"12\" height=\"12\" fill=\"\(entry.color.hex)\"/>")
            case ""?: break
            default:
                out.append(Self.svgLine([(x + 1, mid), (x + sample - 1, mid)], entry.color, width: 2.5, dashed: entry.dashed))
            }
            out.append(Self.svgText(entry.label, x + sample + 6, mid + FontSize.legend * 0.36, Palette.text, size: FontSize.legend))
        }
        if !caption.isEmpty { out.append(Self.svgText(caption, 10, layout.captionBaseline, Palette.text, size: FontSize.caption)) }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    private func svg(_ frame: PanelFrame) -> [String] {
        let panel = frame.panel
        let (x0, y0, x1, y1) = (frame.x, frame.y, frame.x + frame.width, frame.y + frame.height)
        var out: [String] = []
        if !panel.title.isEmpty {
            out.append(Self.svgText(panel.title, panel.axes && !panel.isImage ? x0 : frame.cell.x + 6, frame.cell.y + 6 + FontSize.panelTitle,
                                    Palette.text, size: FontSize.panelTitle))
        }
        if panel.axes && !panel.isImage {
            for t in panel.xTicks { let x = frame.px(Point(t, panel.y.lowerBound)).0; out.append(Self.svgLine([(x, y0), (x, y1)], Palette.grid, width: 1)) }
            for t in panel.yTicks { let y = frame.px(Point(panel.x.lowerBound, t)).1; out.append(Self.svgLine([(x0, y), (x1, y)], Palette.grid, width: 1)) }
        }
        for mark in panel.marks {
            switch mark {
            case .line(let points, let stroke):
                // Non-finite points break the line into separate polylines.
                var runs: [[Point]] = [[]]
                for p in points { if p.isFinite { runs[runs.count - 1].append(p) } else if !runs[runs.count - 1].isEmpty { runs.append([]) } }
                for run in runs where run.count > 1 { out.append(Self.svgLine(run.map(frame.px), stroke.color, width: stroke.width, dashed: stroke.dashed)) }
            case .dot(let p, let color, let size, let ring, let label):
                guard frame.shows(p) else { continue }
                let (x, y) = frame.px(p)
                out.append("<circle cx=\"\(Self.n(x))\" cy=\"\(Self.n(y))\" r=\"\(Self.n(size))\" fill=\"\(color.hex)\"\(ring.map { " stroke=\"\($0.hex)\"" } ?? "")/>")
                if let label { out.append(Self.svgText(label, x, y - size - 4, color, size: FontSize.dotLabel, anchor: "middle")) }
            case .disc(let p, let radius, let color):
                guard p.isFinite else { continue }
                let (x, y) = frame.px(p)
                out.append("<circle cx=\"\(Self.n(x))\" cy=\"\(Self.n(y))\" r=\"\(Self.n(radius * frame.xScale))\" fill=\"\(color.hex)\"/>")
            case .ring(let p, let radius, let color):
                guard p.isFinite else { continue }
                let (x, y) = frame.px(p)
                out.append("<circle cx=\"\(Self.n(x))\" cy=\"\(Self.n(y))\" r=\"\(Self.n(radius * frame.xScale))\" fill=\"none\" stroke=\"\(color.hex)\" stroke-width=\"3\"/>")
            case .rect(let r, let color, let filled):
                let (a, b) = (frame.px(Point(r.x.lowerBound, r.y.lowerBound)), frame.px(Point(r.x.upperBound, r.y.upperBound)))
                let paint = filled ? "fill=\"\(color.hex)\"" : "fill=\"none\" stroke=\"\(color.hex)\" stroke-width=\"2.5\""
                out.append("<rect x=\"\(Self.n(min(a.0, b.0)))\" y=\"\(Self.n(min(a.1, b.1)))\" width=\"\(Self.n(Swift.abs(b.0 - a.0)))\" height=\"\(Self.n(Swift.abs(b.1 - a.1)))\" \(paint)/>")
            case .band(let span, let color):
                let (a, b) = (frame.px(Point(span.lowerBound, panel.y.lowerBound)), frame.px(Point(span.upperBound, panel.y.upperBound)))
                out.insert("<rect x=\"\(Self.n(min(a.0, b.0)))\" y=\"\(Self.n(min(a.1, b.1)))\" width=\"\(Self.n(Swift.abs(b.0 - a.0)))\" height=\"\(Self.n(Swift.abs(b.1 - a.1)))\" fill=\"\(color.hex)\"/>", at: 0)
            case .arrow(let a, let b, let color):
                let (p, q) = (frame.px(a), frame.px(b))
                let angle = atan2(q.1 - p.1, q.0 - p.0)
                let head = [2.7, -2.7].map { "\(Self.n(q.0 + 11 * cos(angle + $0))),\(Self.n(q.1 + 11 * sin(angle + $0)))" }
                out.append(Self.svgLine([p, q], color, width: 2.5))
                out.append("<polygon fill=\"\(color.hex)\" points=\"\(head[0]) \(Self.n(q.0)),\(Self.n(q.1)) \(head[1])\"/>")
            case .text(let string, let p, let color):
                let (x, y) = frame.px(p)
                out.append(Self.svgText(string, x, y + 4, color, size: FontSize.note))
            case .image(let pixels, let w, let h):
                // Gray rectangles, one per pixel: exact and viewer-independent.
                let (cw, ch) = (frame.width / Double(w), frame.height / Double(h))
                for r in 0..<h {
                    for c in 0..<w {
                        let v = pixels[r * w + c]
                        let g = UInt8((min(max(v.isFinite ? v : 0, 0), 1) * 255).rounded())
                        out.append("<rect x=\"\(Self.n(x0 + Double(c) * cw))\" y=\"\(Self.n(y0 + Double(r) * ch))\" width=\"\(Self.n(cw + 0.05))\" height=\"\(Self.n(ch + 0.05))\" fill=\"\(RGB(g, g, g).hex)\"/>")
                    }
                }
            }
        }
        if !(panel.axes || panel.highlight != nil || panel.isImage) && panel.equalAspect {
            out.append("<rect x=\"\(Self.n(x0 - 1.5))\" y=\"\(Self.n(y0 - 1.5))\" width=\"\(Self.n(x1 - x0 + 3))\" height=\"\(Self.n(y1 - y0 + 3))\" fill=\"none\" stroke=\"\(Palette.edge.hex)\" stroke-width=\"3\"/>")
        }
        if panel.axes || panel.highlight != nil || panel.isImage {
            out.append("<rect x=\"\(Self.n(x0))\" y=\"\(Self.n(y0))\" width=\"\(Self.n(x1 - x0))\" height=\"\(Self.n(y1 - y0))\" fill=\"none\" stroke=\"\((panel.highlight ?? Palette.axes).hex)\" stroke-width=\"\(panel.highlight == nil ? 1 : 3)\"/>")
        }
        if panel.axes && !panel.isImage {
            for t in panel.xTicks {
                out.append(Self.svgText(panel.xTickLabel(t), frame.px(Point(t, panel.y.lowerBound)).0, y1 + 7 + FontSize.tick, Palette.text, size: FontSize.tick, anchor: "middle"))
            }
            for t in panel.yTicks {
                out.append(Self.svgText(panel.yTickLabel(t), x0 - 6, frame.px(Point(panel.x.lowerBound, t)).1 + FontSize.tick * 0.36, Palette.text, size: FontSize.tick, anchor: "end"))
            }
            if !panel.xLabel.isEmpty {
                out.append(Self.svgText(panel.xLabel, (x0 + x1) / 2, y1 + 13 + FontSize.tick + FontSize.axisLabel, Palette.text, size: FontSize.axisLabel, anchor: "middle"))
            }
            if !panel.yLabel.isEmpty {
                let (x, y) = (frame.cell.x + 6 + FontSize.axisLabel, (y0 + y1) / 2)
                out.append(Self.svgText(panel.yLabel, x, y, Palette.text, size: FontSize.axisLabel, anchor: "middle")
                    .replacingOccurrences(of: "<text ", with: "<text transform=\"rotate(-90 \(Self.n(x)) \(Self.n(y)))\" "))
            }
        }
        for span in panel.spans {
            let lo = max(span.x.lowerBound, panel.x.lowerBound), hi = min(span.x.upperBound, panel.x.upperBound)
            guard lo < hi else { continue }
            let (a, b) = (frame.px(Point(lo, 0)).0, frame.px(Point(hi, 0)).0)
            out.append(Self.svgLine([(a, y0 - 3), (a, y0 - 8), (b, y0 - 8), (b, y0 - 3)], Palette.text, width: 1.2))
            out.append(Self.svgText(span.label, (a + b) / 2, y0 - 14, Palette.text, size: FontSize.span, anchor: "middle"))
        }
        return out
    }

    static func svgLine(_ points: [(Double, Double)], _ color: RGB, width: Double, dashed: Bool = false) -> String {
        let path = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
        return "<polyline fill=\"none\" stroke=\"\(color.hex)\" stroke-width=\"\(n(width))\"\(dashed ? " stroke-dasharray=\"\(n(3.5 * width)) \(n(2.5 * width))\"" : "") points=\"\(path)\"/>"
    }

    static func n(_ v: Double) -> String {
        let rounded = (v * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func svgText(_ text: String, _ x: Double, _ y: Double, _ color: RGB, size: Double, anchor: String = "start") -> String {
        var escaped = ""
        for c in text {
            switch c {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(c)
            }
        }
        return "<text x=\"\(n(x))\" y=\"\(n(y))\" fill=\"\(color.hex)\" font-size=\"\(n(size))\"\(anchor == "start" ? "" : " text-anchor=\"\(anchor)\"")>\(escaped)</text>"
    }
}
