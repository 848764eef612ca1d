import Foundation

/// One character cell of a terminal picture: a character with optional ANSI-256 colours.
struct TerminalCell {
    var character: Character = " "
    var foreground: Int?
    var background: Int?
}

extension Figure {
    /// The figure as terminal text no wider than `width` columns: braille for lines and
    /// discs, half blocks for images. Without `colors`, no escape codes at all (a legend
    /// still names the styles: dashed ┄ is the truth, solid ─ the model).
    public func terminal(width: Int, colors: Bool) -> String {
        let width = max(width, 16)
        var columns = self.columns
        // Line panels narrower than 14 columns say nothing: stack them instead. Images shrink
        // further (to 8 columns) so a row of frames stays a row.
        let narrowest = panels.allSatisfy(\.isImage) ? 8 : 14
        while columns > 1 && (width - 2 * (columns - 1)) / columns < narrowest { columns -= 1 }
        let cellWidth = (width - 2 * (columns - 1)) / columns
        var lines: [String] = []
        if !title.isEmpty { lines.append(Self.clip(title, width)) }
        for start in stride(from: 0, to: panels.count, by: columns) {
            let blocks = panels[start..<min(panels.count, start + columns)].map { terminalBlock($0, width: cellWidth, colors: colors) }
            let height = blocks.map(\.count).max() ?? 0
            for r in 0..<height {
                var line = ""
                for (i, block) in blocks.enumerated() {
                    if i > 0 { line += "  " }
                    let row = r < block.count ? block[r] : []
                    line += Self.render(row, colors: colors)
                    if i < blocks.count - 1 { line += String(repeating: " ", count: max(0, cellWidth - row.count)) }
                }
                lines.append(line)
            }
        }
        if !legend.isEmpty {
            // Entries wrap onto further lines rather than running off the width.
            var row: [TerminalCell] = []
            for entry in legend {
                let symbol = entry.symbol.map { $0.isEmpty ? "" : $0 } ?? (entry.dashed ? "┄┄" : "──")
                let item = Self.cells(symbol, foreground: entry.color.terminal256) + Self.cells((symbol.isEmpty ? "" : " ") + entry.label)
                if !row.isEmpty && row.count + 2 + item.count > width {
                    lines.append(Self.render(row, colors: colors))
                    row = []
                }
                if !row.isEmpty { row += Self.cells("  ") }
                row += item
            }
            lines.append(Self.render(Array(row.prefix(width)), colors: colors))
        }
        if !caption.isEmpty { lines.append(Self.clip(caption, width)) }
        return lines.joined(separator: "\n")
    }

    /// A panel as rows of cells at most `width` wide.
    private func terminalBlock(_ panel: Panel, width: Int, colors: Bool) -> [[TerminalCell]] {
        var rows: [[TerminalCell]] = []
        if !panel.title.isEmpty {
            rows.append(Self.cells(Self.clip(panel.title, width), foreground: panel.highlight?.terminal256))
        }
        for mark in panel.marks {
            if case .image(let pixels, let w, let h) = mark {
                rows += Self.imageRows(pixels, width: w, height: h, maxWidth: width, colors: colors)
                return rows
            }
        }
        // A table fills the width it is given (inside its edge), as tall as its aspect needs in
        // cells twice as tall as wide, up to 50 rows; charts use up to 72 columns.
        let (dx, dy) = (panel.x.upperBound - panel.x.lowerBound, panel.y.upperBound - panel.y.lowerBound)
        let edged = panel.equalAspect && !panel.axes
        var columns = min(edged ? width - 2 : width, panel.equalAspect ? width : 72)
        if panel.equalAspect { columns = max(4, min(columns, Int((100 * dx / dy).rounded(.down)))) }
        let height = panel.equalAspect ? max(3, min(50, Int((Double(columns) * dy / dx / 2).rounded())))
                                       : max(5, min(14, columns / 5))
        // yDown flips the canvas's y range.
        func canvasY(_ y: Double) -> Double { panel.yDown ? panel.y.upperBound + panel.y.lowerBound - y : y }
        var canvas = BrailleCanvas(columns: columns, rows: height, x: panel.x, y: panel.y)
        var overlay: [Int: TerminalCell] = [:]           // cell index → character drawn on top
        var shaded = Set<Int>(), shade: Int?
        var labels: [(column: Int, text: String, color: Int)] = []
        func cellOf(_ p: Point) -> (Int, Int)? {
            guard p.isFinite else { return nil }
            let fx = (p.x - panel.x.lowerBound) / dx, fy = (panel.y.upperBound - canvasY(p.y)) / dy
            let (c, r) = (Int((fx * Double(columns - 1)).rounded()), Int((fy * Double(height - 1)).rounded()))
            return (0..<columns).contains(c) && (0..<height).contains(r) ? (c, r) : nil
        }
        for mark in panel.marks {
            switch mark {
            case .line(let points, let stroke):
                let layer = stroke.color.terminal256
                var travelled = 0.0
                for (a, b) in zip(points, points.dropFirst()) where a.isFinite && b.isFinite {
                    // Sample at dot resolution; a dashed line skips every other run of three dots.
                    let (ax, ay, bx, by) = (a.x, canvasY(a.y), b.x, canvasY(b.y))
                    let steps = max(1, Int(max(Swift.abs(bx - ax) / dx * Double(2 * columns), Swift.abs(by - ay) / dy * Double(4 * height)).rounded(.up)))
                    for i in 0...steps {
                        let t = Double(i) / Double(steps)
                        if stroke.dashed && Int(travelled + Double(i)) % 6 >= 3 { continue }
                        canvas.point(ax + (bx - ax) * t, ay + (by - ay) * t, layer: layer)
                    }
                    travelled += Double(steps)
                }
            case .disc(let p, let radius, let color):
                guard p.isFinite else { continue }
                // Dots within the radius (dots are square when the panel keeps its aspect).
                let (stepX, stepY) = (dx / Double(2 * columns), dy / Double(4 * height))
                var y = -radius
                while y <= radius {
                    var x = -radius
                    while x <= radius {
                        if x * x + y * y <= radius * radius { canvas.point(p.x + x, canvasY(p.y) + y, layer: color.terminal256) }
                        x += stepX
                    }
                    y += stepY
                }
                canvas.point(p.x, canvasY(p.y), layer: color.terminal256)
            case .dot(let p, let color, let size, _, let label):
                // A tick is a small glyph on the path, not a disc.
                guard let (c, r) = cellOf(p) else { continue }
                overlay[r * columns + c] = TerminalCell(character: size > 3.5 ? "●" : "•", foreground: color.terminal256)
                if let label { labels.append((c, label, color.terminal256)) }
            case .ring(let p, let radius, let color):
                guard p.isFinite else { continue }
                let steps = 48
                for i in 0...steps {
                    let a = Double(i) / Double(steps) * 2 * Double.pi
                    canvas.point(p.x + radius * cos(a), canvasY(p.y) + radius * sin(a), layer: color.terminal256)
                }
            case .rect(let rect, let color, let filled):
                guard filled else {
                    let corners = [Point(rect.x.lowerBound, rect.y.lowerBound), Point(rect.x.upperBound, rect.y.lowerBound),
                                   Point(rect.x.upperBound, rect.y.upperBound), Point(rect.x.lowerBound, rect.y.upperBound)]
                    for (a, b) in zip(corners, corners.dropFirst() + [corners[0]]) {
                        canvas.line(from: (a.x, canvasY(a.y)), to: (b.x, canvasY(b.y)), layer: color.terminal256)
                    }
                    continue
                }
                // Every dot inside, in the rectangle's colour (bars, the target corner).
                let (stepX, stepY) = (dx / Double(2 * columns), dy / Double(4 * height))
                var y = max(rect.y.lowerBound, panel.y.lowerBound)
                while y <= min(rect.y.upperBound, panel.y.upperBound) {
                    var x = max(rect.x.lowerBound, panel.x.lowerBound)
                    while x <= min(rect.x.upperBound, panel.x.upperBound) {
                        canvas.point(x, canvasY(y), layer: color.terminal256)
                        x += stepX
                    }
                    y += stepY
                }
            case .band(let span, let color):
                guard let (c0, _) = cellOf(Point(max(span.lowerBound, panel.x.lowerBound), panel.y.lowerBound)),
                      let (c1, _) = cellOf(Point(min(span.upperBound, panel.x.upperBound), panel.y.lowerBound)) else { continue }
                // Dots in the empty cells, not a background colour: a pale band glares on a dark
                // terminal and a dark one hides the lines on a light terminal.
                shade = color.mixed(with: .black, 0.45).terminal256
                for r in 0..<height { for c in c0...c1 { shaded.insert(r * columns + c) } }
            case .arrow(let a, let b, let color):
                canvas.line(from: (a.x, canvasY(a.y)), to: (b.x, canvasY(b.y)), layer: color.terminal256)
                // The head: the arrow glyph nearest its direction on screen (y grows up on the canvas).
                let angle = atan2(canvasY(b.y) - canvasY(a.y), (b.x - a.x) * Double(height * 2) / Double(columns) * dx / dy)
                let heads: [Character] = ["→", "↗", "↑", "↖", "←", "↙", "↓", "↘"]
                let head = heads[(Int((angle / (Double.pi / 4)).rounded()) + 8) % 8]
                if let (c, r) = cellOf(b) { overlay[r * columns + c] = TerminalCell(character: head, foreground: color.terminal256) }
            case .text(let string, let p, let color):
                guard let (c, r) = cellOf(p) else { continue }
                for (k, character) in string.enumerated() where c + k < columns {
                    overlay[r * columns + c + k] = TerminalCell(character: character, foreground: color.terminal256)
                }
            case .image:
                break
            }
        }
        if !panel.spans.isEmpty {
            // Each piece's Δt over its middle, dropped where it would run into the last one.
            let prefix = panel.spanLabel + " "
            var row = Self.cells(prefix)
            row += [TerminalCell](repeating: TerminalCell(), count: max(0, columns - row.count))
            var free = prefix.count
            for span in panel.spans {
                let middle = (max(span.x.lowerBound, panel.x.lowerBound) + min(span.x.upperBound, panel.x.upperBound)) / 2
                guard let (c, _) = cellOf(Point(middle, panel.y.lowerBound)) else { continue }
                let start = min(max(0, c - span.label.count / 2), columns - span.label.count)
                guard start >= free else { continue }
                for (k, character) in span.label.enumerated() { row[start + k] = TerminalCell(character: character) }
                free = start + span.label.count + 1
            }
            rows.append(Array(row.prefix(columns)))
        }
        let canvasStart = rows.count
        for r in 0..<height {
            var row: [TerminalCell] = []
            for c in 0..<columns {
                let i = r * columns + c
                if let cell = overlay[i] { row.append(cell); continue }
                let (character, layer) = canvas.cell(c, r)
                var cell = TerminalCell(character: character, foreground: layer)
                if shaded.contains(i) && layer == nil { cell.character = "·"; cell.foreground = shade }
                if layer == nil && !shaded.contains(i) { cell.character = "\u{2800}" }
                row.append(cell)
            }
            rows.append(row)
        }
        if !labels.isEmpty {
            var row = [TerminalCell](repeating: TerminalCell(), count: columns)
            var free = 0
            for label in labels.sorted(by: { $0.column < $1.column }) where label.column >= free {
                for (k, character) in label.text.enumerated() where label.column + k < columns {
                    row[label.column + k] = TerminalCell(character: character, foreground: label.color)
                }
                free = label.column + label.text.count + 1
            }
            rows.append(row)
        }
        if panel.axes {
            // Tick labels under their columns, then what each axis measures and its range.
            var ticks = [TerminalCell](repeating: TerminalCell(), count: columns)
            var free = 0
            for t in panel.xTicks {
                let label = panel.xTickLabel(t)
                guard let (c, _) = cellOf(Point(t, panel.y.lowerBound)) else { continue }
                let start = min(max(0, c - label.count / 2), columns - label.count)
                guard start >= free else { continue }
                for (k, character) in label.enumerated() { ticks[start + k] = TerminalCell(character: character) }
                free = start + label.count + 1
            }
            rows.append(ticks)
            let x = panel.xLabel.isEmpty ? "x" : panel.xLabel, y = panel.yLabel.isEmpty ? "y" : panel.yLabel
            let yRange = panel.yLog ? "\(NiceTicks.power(panel.y.lowerBound))…\(NiceTicks.power(panel.y.upperBound))"
                                    : "\(Self.number(panel.y.lowerBound))…\(Self.number(panel.y.upperBound))"
            rows.append(Self.cells(Self.clip("→ \(x) \(Self.number(panel.x.lowerBound))…\(Self.number(panel.x.upperBound)), ↑ \(y) \(yRange)", width)))
        }
        if edged {
            // The table's edge: a frame of box-drawing characters around the canvas.
            let edge = Palette.edge.terminal256
            for r in canvasStart..<(canvasStart + height) {
                rows[r] = [TerminalCell(character: "│", foreground: edge)] + rows[r] + [TerminalCell(character: "│", foreground: edge)]
            }
            rows.insert(Self.cells("└" + String(repeating: "─", count: columns) + "┘", foreground: edge), at: canvasStart + height)
            rows.insert(Self.cells("┌" + String(repeating: "─", count: columns) + "┐", foreground: edge), at: canvasStart)
        }
        return rows
    }

    /// Half-block rows of a grayscale image shrunk (by area averages) to at most `maxWidth`.
    static func imageRows(_ pixels: [Float], width w: Int, height h: Int, maxWidth: Int, colors: Bool) -> [[TerminalCell]] {
        let scale = min(1, Double(maxWidth) / Double(w))
        let (tw, th) = (max(1, Int(Double(w) * scale)), max(1, Int(Double(h) * scale)))
        var small = [Float](repeating: 0, count: tw * th)
        for r in 0..<th {
            for c in 0..<tw {
                let (r0, r1) = (r * h / th, max(r * h / th + 1, (r + 1) * h / th))
                let (c0, c1) = (c * w / tw, max(c * w / tw + 1, (c + 1) * w / tw))
                var sum: Float = 0
                for y in r0..<r1 { for x in c0..<c1 { sum += pixels[y * w + x].isFinite ? pixels[y * w + x] : 0 } }
                small[r * tw + c] = sum / Float((r1 - r0) * (c1 - c0))
            }
        }
        var rows: [[TerminalCell]] = []
        for r in stride(from: 0, to: th, by: 2) {
            rows.append((0..<tw).map { c in
                let top = min(max(small[r * tw + c], 0), 1), bottom = r + 1 < th ? min(max(small[(r + 1) * tw + c], 0), 1) : 0
                if colors { return TerminalCell(character: "▀", foreground: ShadedImage.gray(top), background: ShadedImage.gray(bottom)) }
                let ramp = ShadedImage.ramp
                return TerminalCell(character: ramp[min(ramp.count - 1, Int((top + bottom) / 2 * Float(ramp.count - 1) + 0.5))])
            })
        }
        return rows
    }

    static func cells(_ text: String, foreground: Int? = nil) -> [TerminalCell] {
        text.map { TerminalCell(character: $0, foreground: foreground) }
    }

    static func render(_ row: [TerminalCell], colors: Bool) -> String {
        var out = ""
        for cell in row {
            if colors && (cell.foreground != nil || cell.background != nil) {
                var codes: [String] = []
                if let f = cell.foreground { codes.append("38;5;\(f)") }
                if let b = cell.background { codes.append("48;5;\(b)") }
                out += "\u{1B}[" + codes.joined(separator: ";") + "m"
                out.append(cell.character)
                out += "\u{1B}[0m"
            } else {
                out.append(cell.character)
            }
        }
        return out
    }

    /// Short numbers for axis ends, three significant digits: 0.25, 44, 0.0012, 1.2e+05.
    static func number(_ v: Double) -> String {
        v == 0 ? "0" : String(format: "%.3g", v)
    }

    static func clip(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(0, width - 1))) + "…"
    }
}
