import Foundation

extension Figure {
    /// The figure as an SVG document, laid out like `raster()` (same sizes and margins).
    public func svg() -> String {
        let (width, height, frames, legendTop) = layout()
        var out = ["<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" font-family=\"sans-serif\" font-size=\"11\">",
                   "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>"]
        if !title.isEmpty { out.append(Self.svgText(title, 6, 13, Palette.text, size: 13)) }
        for frame in frames { out += svg(frame.panel, frame) }
        var y = Double(legendTop)
        if !legend.isEmpty {
            var x = 8.0
            for entry in legend {
                out.append("<line x1=\"\(Self.n(x))\" y1=\"\(Self.n(y + 5))\" x2=\"\(Self.n(x + 16))\" y2=\"\(Self.n(y + 5))\" stroke=\"\(entry.color.hex)\" stroke-width=\"3\"\(entry.dashed ? " stroke-dasharray=\"5 4\"" : "")/>")
                out.append(Self.svgText(entry.label, x + 20, y + 9, Palette.text))
                x += 28 + Double(RGBImage.textWidth(entry.label))
            }
            y += Double(Self.legendBand)
        }
        if !caption.isEmpty { out.append(Self.svgText(caption, 8, y + 9, Palette.text)) }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    private func svg(_ panel: Panel, _ frame: PanelFrame) -> [String] {
        let (x0, y0, x1, y1) = (frame.x, frame.y, frame.x + frame.width, frame.y + frame.height)
        var out: [String] = []
        if !panel.title.isEmpty { out.append(Self.svgText(panel.title, x0, y0 - 4, Palette.text)) }
        for mark in panel.marks {
            switch mark {
            case .line(let points, let stroke):
                // Non-finite points break the line into separate polylines.
                var runs: [[Point]] = [[]]
                for p in points { if p.isFinite { runs[runs.count - 1].append(p) } else if !runs[runs.count - 1].isEmpty { runs.append([]) } }
                for run in runs where run.count > 1 {
                    let path = run.map { let (x, y) = frame.px($0); return "\(Self.n(x)),\(Self.n(y))" }.joined(separator: " ")
                    out.append("<polyline fill=\"none\" stroke=\"\(stroke.color.hex)\" stroke-width=\"\(Self.n(stroke.width))\"\(stroke.dashed ? " stroke-dasharray=\"5 4\"" : "") points=\"\(path)\"/>")
                }
            case .marker(let p, let color, let label):
                guard p.isFinite else { continue }
                let (x, y) = frame.px(p)
                out.append("<polygon points=\"\(Self.n(x - 4)),\(Self.n(y + 3)) \(Self.n(x + 4)),\(Self.n(y + 3)) \(Self.n(x)),\(Self.n(y - 4))\" fill=\"\(color.hex)\"/>")
                if let label { out.append(Self.svgText(label, x, y - 7, color, anchor: "middle")) }
            case .disc(let p, let radius, let color):
                guard p.isFinite else { continue }
                let (x, y) = frame.px(p)
                out.append("<circle cx=\"\(Self.n(x))\" cy=\"\(Self.n(y))\" r=\"\(Self.n(radius * frame.xScale))\" fill=\"\(color.hex)\"/>")
            case .rect(let r, let color, let filled):
                let (a, b) = (frame.px(Point(r.x.lowerBound, r.y.lowerBound)), frame.px(Point(r.x.upperBound, r.y.upperBound)))
                let paint = filled ? "fill=\"\(color.hex)\"" : "fill=\"none\" stroke=\"\(color.hex)\" stroke-width=\"2\""
                out.append("<rect x=\"\(Self.n(min(a.0, b.0)))\" y=\"\(Self.n(min(a.1, b.1)))\" width=\"\(Self.n(Swift.abs(b.0 - a.0)))\" height=\"\(Self.n(Swift.abs(b.1 - a.1)))\" \(paint)/>")
            case .band(let span, let color):
                let (a, b) = (frame.px(Point(span.lowerBound, panel.y.lowerBound)), frame.px(Point(span.upperBound, panel.y.upperBound)))
                out.insert("<rect x=\"\(Self.n(min(a.0, b.0)))\" y=\"\(Self.n(min(a.1, b.1)))\" width=\"\(Self.n(Swift.abs(b.0 - a.0)))\" height=\"\(Self.n(Swift.abs(b.1 - a.1)))\" fill=\"\(color.hex)\"/>", at: 0)
            case .arrow(let a, let b, let color):
                let (p, q) = (frame.px(a), frame.px(b))
                let angle = atan2(q.1 - p.1, q.0 - p.0)
                let head = [2.6, -2.6].map { "\(Self.n(q.0 + 9 * cos(angle + $0))),\(Self.n(q.1 + 9 * sin(angle + $0)))" }
                out.append("<polyline fill=\"none\" stroke=\"\(color.hex)\" stroke-width=\"2.5\" points=\"\(Self.n(p.0)),\(Self.n(p.1)) \(Self.n(q.0)),\(Self.n(q.1))\"/>")
                out.append("<polyline fill=\"none\" stroke=\"\(color.hex)\" stroke-width=\"2.5\" points=\"\(head[0]) \(Self.n(q.0)),\(Self.n(q.1)) \(head[1])\"/>")
            case .text(let string, let p, let color):
                let (x, y) = frame.px(p)
                out.append(Self.svgText(string, x, y + 4, color))
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
        out.append("<rect x=\"\(Self.n(x0))\" y=\"\(Self.n(y0))\" width=\"\(Self.n(x1 - x0))\" height=\"\(Self.n(y1 - y0))\" fill=\"none\" stroke=\"\((panel.highlight ?? Palette.axes).hex)\" stroke-width=\"\(panel.highlight == nil ? 1 : 3)\"/>")
        if panel.axes {
            out.append(Self.svgText(Self.number(panel.x.lowerBound), x0, y1 + 14, Palette.text))
            out.append(Self.svgText(Self.number(panel.x.upperBound), x1, y1 + 14, Palette.text, anchor: "end"))
            let (low, high) = panel.yDown ? (y0 + 9, y1) : (y1, y0 + 9)
            out.append(Self.svgText(Self.number(panel.y.lowerBound), x0 - 4, low, Palette.text, anchor: "end"))
            out.append(Self.svgText(Self.number(panel.y.upperBound), x0 - 4, high, Palette.text, anchor: "end"))
        }
        return out
    }

    static func n(_ v: Double) -> String {
        let rounded = (v * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func svgText(_ text: String, _ x: Double, _ y: Double, _ color: RGB, size: Int = 11, anchor: String = "start") -> String {
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
        return "<text x=\"\(n(x))\" y=\"\(n(y))\" fill=\"\(color.hex)\" font-size=\"\(size)\"\(anchor == "start" ? "" : " text-anchor=\"\(anchor)\"")>\(escaped)</text>"
    }
}
