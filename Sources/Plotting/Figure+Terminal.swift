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
            var row: [TerminalCell] = []
            for entry in legend {
                let symbol = entry.symbol ?? (entry.dashed ? "┄┄" : "──")
                if !row.isEmpty { row += Self.cells("  ") }
                row += Self.cells(symbol, foreground: entry.color.ansi256) + Self.cells(" " + entry.label)
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
            rows.append(Self.cells(Self.clip(panel.title, width), foreground: panel.highlight?.ansi256))
        }
        for mark in panel.marks {
            if case .image(let pixels, let w, let h) = mark {
                rows += Self.imageRows(pixels, width: w, height: h, maxWidth: width, colors: colors)
                return rows
            }
        }
        let columns = min(width, panel.equalAspect ? 48 : 72)
        let (dx, dy) = (panel.x.upperBound - panel.x.lowerBound, panel.y.upperBound - panel.y.lowerBound)
        let height = panel.equalAspect ? max(3, min(24, Int((Double(columns) * dy / dx / 2).rounded())))
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
                let layer = stroke.color.ansi256
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
                        if x * x + y * y <= radius * radius { canvas.point(p.x + x, canvasY(p.y) + y, layer: color.ansi256) }
                        x += stepX
                    }
                    y += stepY
                }
                canvas.point(p.x, canvasY(p.y), layer: color.ansi256)
            case .marker(let p, let color, let label):
                guard let (c, r) = cellOf(p) else { continue }
                overlay[r * columns + c] = TerminalCell(character: "▲", foreground: color.ansi256)
                if let label { labels.append((c, label, color.ansi256)) }
            case .rect(let rect, let color, let filled):
                guard filled else {
                    let corners = [Point(rect.x.lowerBound, rect.y.lowerBound), Point(rect.x.upperBound, rect.y.lowerBound),
                                   Point(rect.x.upperBound, rect.y.upperBound), Point(rect.x.lowerBound, rect.y.upperBound)]
                    for (a, b) in zip(corners, corners.dropFirst() + [corners[0]]) {
                        canvas.line(from: (a.x, canvasY(a.y)), to: (b.x, canvasY(b.y)), layer: color.ansi256)
                    }
                    continue
                }
                // Every dot inside, in the rectangle's colour (bars, the target corner).
                let (stepX, stepY) = (dx / Double(2 * columns), dy / Double(4 * height))
                var y = max(rect.y.lowerBound, panel.y.lowerBound)
                while y <= min(rect.y.upperBound, panel.y.upperBound) {
                    var x = max(rect.x.lowerBound, panel.x.lowerBound)
                    while x <= min(rect.x.upperBound, panel.x.upperBound) {
                        canvas.point(x, canvasY(y), layer: color.ansi256)
                        x += stepX
                    }
                    y += stepY
                }
            case .band(let span, let color):
                guard let (c0, _) = cellOf(Point(max(span.lowerBound, panel.x.lowerBound), panel.y.lowerBound)),
                      let (c1, _) = cellOf(Point(min(span.upperBound, panel.x.upperBound), panel.y.lowerBound)) else { continue }
                shade = color.ansi256
                for r in 0..<height { for c in c0...c1 { shaded.insert(r * columns + c) } }
            case .arrow(let a, let b, let color):
                canvas.line(from: (a.x, canvasY(a.y)), to: (b.x, canvasY(b.y)), layer: color.ansi256)
                if let (c, r) = cellOf(b) { overlay[r * columns + c] = TerminalCell(character: "•", foreground: color.ansi256) }
            case .text(let string, let p, let color):
                guard let (c, r) = cellOf(p) else { continue }
                for (k, character) in string.enumerated() where c + k < columns {
                    overlay[r * columns + c + k] = TerminalCell(character: character, foreground: color.ansi256)
                }
            case .image:
                break
            }
        }
        for r in 0..<height {
            var row: [TerminalCell] = []
            for c in 0..<columns {
                let i = r * columns + c
                if let cell = overlay[i] { row.append(cell); continue }
                let (character, layer) = canvas.cell(c, r)
                var cell = TerminalCell(character: character, foreground: layer)
                if shaded.contains(i) {
                    // Shading is a background colour; without colours, a dot in empty cells.
                    if colors { cell.background = shade } else if layer == nil { cell.character = "·" }
                }
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
            let x = "\(Self.number(panel.x.lowerBound))…\(Self.number(panel.x.upperBound))"
            let y = "\(Self.number(panel.y.lowerBound))…\(Self.number(panel.y.upperBound))"
            rows.append(Self.cells(Self.clip("x \(x), y \(y)", width)))
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

    static func clip(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(0, width - 1))) + "…"
    }
}
