import Foundation

/// An RGB raster with anti-aliased drawing: each primitive computes the fraction of a pixel it
/// covers (from the distance to its edge) and blends its colour in by that much.
public struct RGBImage: Sendable {
    public let width: Int, height: Int
    /// Row-major RGB triples.
    public var bytes: [UInt8]
    /// Drawing outside this rectangle (pixels x0..<x1, y0..<y1) is dropped: a panel's marks
    /// stay inside its frame however far a model's prediction wanders.
    var clip: (x0: Int, y0: Int, x1: Int, y1: Int)?

    public init(width: Int, height: Int, background: RGB = Palette.background) {
        precondition(width > 0 && height > 0, "an image needs pixels")
        self.width = width; self.height = height
        bytes = [UInt8](repeating: 0, count: width * height * 3)
        for i in 0..<(width * height) { bytes[3 * i] = background.r; bytes[3 * i + 1] = background.g; bytes[3 * i + 2] = background.b }
    }

    public subscript(x: Int, y: Int) -> RGB {
        let i = 3 * (y * width + x)
        return RGB(bytes[i], bytes[i + 1], bytes[i + 2])
    }

    /// Mixes `color` into pixel (x, y) by `coverage` (0…1).
    @inline(__always)
    mutating func blend(_ x: Int, _ y: Int, _ color: RGB, _ coverage: Double) {
        guard x >= 0, y >= 0, x < width, y < height, coverage > 0 else { return }
        if let clip, x < clip.x0 || y < clip.y0 || x >= clip.x1 || y >= clip.y1 { return }
        let i = 3 * (y * width + x)
        if coverage >= 1 { bytes[i] = color.r; bytes[i + 1] = color.g; bytes[i + 2] = color.b; return }
        let a = coverage, k = 1 - coverage
        bytes[i] = UInt8((Double(bytes[i]) * k + Double(color.r) * a).rounded())
        bytes[i + 1] = UInt8((Double(bytes[i + 1]) * k + Double(color.g) * a).rounded())
        bytes[i + 2] = UInt8((Double(bytes[i + 2]) * k + Double(color.b) * a).rounded())
    }

    /// Fills the pixels whose centres lie in [x0, x1) × [y0, y1).
    public mutating func fill(x0: Double, y0: Double, x1: Double, y1: Double, _ color: RGB) {
        let (a, b) = (max(0, Int((x0 - 0.5).rounded(.up))), min(width, Int((x1 - 0.5).rounded(.up))))
        let (c, d) = (max(0, Int((y0 - 0.5).rounded(.up))), min(height, Int((y1 - 0.5).rounded(.up))))
        guard a < b, c < d else { return }
        for y in c..<d { for x in a..<b { blend(x, y, color, 1) } }
    }

    /// A filled disc; pixel centres are at half-integers.
    public mutating func disc(cx: Double, cy: Double, radius: Double, _ color: RGB) {
        guard cx.isFinite, cy.isFinite, radius > 0 else { return }
        let x0 = max(0, Int((cx - radius - 1).rounded(.down))), x1 = min(width - 1, Int((cx + radius + 1).rounded(.up)))
        let y0 = max(0, Int((cy - radius - 1).rounded(.down))), y1 = min(height - 1, Int((cy + radius + 1).rounded(.up)))
        guard x0 <= x1, y0 <= y1 else { return }
        for y in y0...y1 {
            for x in x0...x1 {
                let dx = Double(x) + 0.5 - cx, dy = Double(y) + 0.5 - cy
                blend(x, y, color, min(1, max(0, radius + 0.5 - (dx * dx + dy * dy).squareRoot())))
            }
        }
    }

    /// A segment `width` pixels wide. `dash` is the distance already travelled along a dashed
    /// polyline (nil: solid); it comes back advanced, so dashes continue across segments.
    public mutating func line(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, width w: Double,
                              _ color: RGB, dash: inout Double?) {
        guard ax.isFinite, ay.isFinite, bx.isFinite, by.isFinite else { return }
        let (dx, dy) = (bx - ax, by - ay)
        let length2 = dx * dx + dy * dy, length = length2.squareRoot()
        let half = w / 2
        let x0 = max(0, Int((min(ax, bx) - half - 1).rounded(.down))), x1 = min(width - 1, Int((max(ax, bx) + half + 1).rounded(.up)))
        let y0 = max(0, Int((min(ay, by) - half - 1).rounded(.down))), y1 = min(height - 1, Int((max(ay, by) + half + 1).rounded(.up)))
        let start = dash
        defer { if let s = dash { dash = s + length } }
        guard x0 <= x1, y0 <= y1 else { return }
        for y in y0...y1 {
            for x in x0...x1 {
                let px = Double(x) + 0.5 - ax, py = Double(y) + 0.5 - ay
                let t = length2 > 0 ? min(1, max(0, (px * dx + py * dy) / length2)) : 0
                if let start, (start + t * length).truncatingRemainder(dividingBy: 9) >= 5 { continue }
                let ex = px - t * dx, ey = py - t * dy
                let coverage = min(1, max(0, half + 0.5 - (ex * ex + ey * ey).squareRoot()))
                blend(x, y, color, coverage)
            }
        }
    }

    /// A filled triangle (no anti-aliasing: markers are a few pixels wide).
    public mutating func triangle(_ p: [(Double, Double)], _ color: RGB) {
        let xs = p.map(\.0), ys = p.map(\.1)
        guard xs.allSatisfy(\.isFinite), ys.allSatisfy(\.isFinite) else { return }
        let x0 = max(0, Int(xs.min()!.rounded(.down))), x1 = min(width - 1, Int(xs.max()!.rounded(.up)))
        let y0 = max(0, Int(ys.min()!.rounded(.down))), y1 = min(height - 1, Int(ys.max()!.rounded(.up)))
        guard x0 <= x1, y0 <= y1 else { return }
        func side(_ a: (Double, Double), _ b: (Double, Double), _ x: Double, _ y: Double) -> Double {
            (b.0 - a.0) * (y - a.1) - (b.1 - a.1) * (x - a.0)
        }
        for y in y0...y1 {
            for x in x0...x1 {
                let (cx, cy) = (Double(x) + 0.5, Double(y) + 0.5)
                let s = [side(p[0], p[1], cx, cy), side(p[1], p[2], cx, cy), side(p[2], p[0], cx, cy)]
                if s.allSatisfy({ $0 >= 0 }) || s.allSatisfy({ $0 <= 0 }) { blend(x, y, color, 1) }
            }
        }
    }

    /// Text in the pixel font, its top-left corner at (x, y), `scale` pixels a font dot.
    public mutating func text(_ string: String, x: Int, y: Int, _ color: RGB, scale: Int = 2) {
        var left = x
        for character in string {
            if let rows = PixelFont.glyph(character) {
                for (r, bits) in rows.enumerated() {
                    for c in 0..<PixelFont.width where bits & (1 << (PixelFont.width - 1 - c)) != 0 {
                        for dy in 0..<scale { for dx in 0..<scale { blend(left + c * scale + dx, y + r * scale + dy, color, 1) } }
                    }
                }
            }
            left += (PixelFont.width + 1) * scale
        }
    }

    /// The width in pixels of `string` drawn at `scale`.
    public static func textWidth(_ string: String, scale: Int = 2) -> Int { string.count * (PixelFont.width + 1) * scale }

    /// Draws a grayscale image into the rectangle, nearest-neighbour (frames are scaled up by
    /// whole pixels where they fit).
    public mutating func image(_ pixels: [Float], width w: Int, height h: Int, x: Int, y: Int, toWidth: Int, toHeight: Int) {
        guard w > 0, h > 0, toWidth > 0, toHeight > 0 else { return }
        for row in 0..<toHeight {
            let sy = min(h - 1, row * h / toHeight)
            for column in 0..<toWidth {
                let sx = min(w - 1, column * w / toWidth)
                let v = pixels[sy * w + sx]
                let g = UInt8((min(max(v.isFinite ? v : 0, 0), 1) * 255).rounded())
                blend(x + column, y + row, RGB(g, g, g), 1)
            }
        }
    }
}
