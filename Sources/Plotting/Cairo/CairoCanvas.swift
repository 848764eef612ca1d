import CCairo
import Foundation

/// A Cairo image surface and its drawing context, with the few calls figures need: paths in
/// pixels, discs, text in DejaVu Sans and its extents. Lines and discs are anti-aliased by
/// Cairo; text is drawn unhinted (see the shim), so sizes come from the font alone.
final class CairoCanvas {
    let width: Int, height: Int
    private let surface: OpaquePointer
    private let cr: OpaquePointer

    static let fontFamily = "DejaVu Sans"

    init(width: Int, height: Int, background: RGB = Palette.background) {
        self.width = max(1, width); self.height = max(1, height)
        surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(self.width), Int32(self.height))
        cr = cairo_create(surface)
        jumpy_cairo_plain_font_options(cr)
        cairo_select_font_face(cr, Self.fontFamily, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        set(background)
        cairo_paint(cr)
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    /// A 1 × 1 canvas for measuring text before the figure's size is known.
    static func measuring() -> CairoCanvas { CairoCanvas(width: 1, height: 1) }

    // MARK: - State

    func set(_ color: RGB, alpha: Double = 1) {
        cairo_set_source_rgba(cr, Double(color.r) / 255, Double(color.g) / 255, Double(color.b) / 255, alpha)
    }

    func save() { cairo_save(cr) }
    func restore() { cairo_restore(cr) }

    /// Drawing is limited to the rectangle until `restore()`.
    func clip(x: Double, y: Double, width: Double, height: Double) {
        cairo_rectangle(cr, x, y, width, height)
        cairo_clip(cr)
    }

    // MARK: - Paths

    /// A polyline through pixel points; non-finite points break it.
    func polyline(_ points: [(Double, Double)], _ color: RGB, width: Double, dashed: Bool = false) {
        cairo_new_path(cr)
        var pen = false
        for (x, y) in points {
            guard x.isFinite, y.isFinite, Swift.abs(x) < 1e6, Swift.abs(y) < 1e6 else { pen = false; continue }
            if pen { cairo_line_to(cr, x, y) } else { cairo_move_to(cr, x, y); pen = true }
        }
        stroke(color, width: width, dashed: dashed)
    }

    func stroke(_ color: RGB, width: Double, dashed: Bool = false) {
        set(color)
        cairo_set_line_width(cr, width)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(cr, dashed ? CAIRO_LINE_CAP_BUTT : CAIRO_LINE_CAP_ROUND)
        if dashed {
            let pattern: [Double] = [3.5 * width, 2.5 * width]
            cairo_set_dash(cr, pattern, 2, 0)
        } else {
            cairo_set_dash(cr, nil, 0, 0)
        }
        cairo_stroke(cr)
        cairo_set_dash(cr, nil, 0, 0)
    }

    func disc(_ x: Double, _ y: Double, radius: Double, _ color: RGB, ring: RGB? = nil, ringWidth: Double = 1) {
        guard x.isFinite, y.isFinite, radius > 0, Swift.abs(x) < 1e6, Swift.abs(y) < 1e6 else { return }
        cairo_new_path(cr)
        cairo_arc(cr, x, y, radius, 0, 2 * Double.pi)
        set(color)
        if let ring {
            cairo_fill_preserve(cr)
            stroke(ring, width: ringWidth)
        } else {
            cairo_fill(cr)
        }
    }

    func circle(_ x: Double, _ y: Double, radius: Double, _ color: RGB, width: Double) {
        guard x.isFinite, y.isFinite, radius > 0, Swift.abs(x) < 1e6, Swift.abs(y) < 1e6 else { return }
        cairo_new_path(cr)
        cairo_arc(cr, x, y, radius, 0, 2 * Double.pi)
        stroke(color, width: width)
    }

    func rectangle(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ color: RGB, filled: Bool, width: Double = 1) {
        cairo_new_path(cr)
        cairo_rectangle(cr, x, y, w, h)
        if filled { set(color); cairo_fill(cr) } else { stroke(color, width: width) }
    }

    /// A line from a to b with a filled head at b, `head` pixels long.
    func arrow(from a: (Double, Double), to b: (Double, Double), _ color: RGB, width: Double = 2.5, head: Double = 11) {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1)
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 0, length.isFinite else { return }
        let (ux, uy) = (dx / length, dy / length)
        let headLength = min(head, length)
        let base = (b.0 - ux * headLength, b.1 - uy * headLength)
        polyline([a, base], color, width: width)
        cairo_new_path(cr)
        cairo_move_to(cr, b.0, b.1)
        cairo_line_to(cr, base.0 - uy * headLength * 0.45, base.1 + ux * headLength * 0.45)
        cairo_line_to(cr, base.0 + uy * headLength * 0.45, base.1 - ux * headLength * 0.45)
        cairo_close_path(cr)
        set(color)
        cairo_fill(cr)
    }

    /// Pixels of a grayscale image scaled into a rectangle, nearest-neighbour.
    func image(_ pixels: [Float], width w: Int, height h: Int, x: Double, y: Double, toWidth: Double, toHeight: Double) {
        guard w > 0, h > 0 else { return }
        let (cw, ch) = (toWidth / Double(w), toHeight / Double(h))
        for r in 0..<h {
            for c in 0..<w {
                let v = pixels[r * w + c]
                let g = UInt8((min(max(v.isFinite ? v : 0, 0), 1) * 255).rounded())
                // Whole-pixel edges, so neighbouring cells meet without seams.
                let (x0, x1) = ((x + Double(c) * cw).rounded(), (x + Double(c + 1) * cw).rounded())
                let (y0, y1) = ((y + Double(r) * ch).rounded(), (y + Double(r + 1) * ch).rounded())
                cairo_new_path(cr)
                cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0)
                set(RGB(g, g, g))
                cairo_fill(cr)
            }
        }
    }

    // MARK: - Text

    /// The width of `text` at `size` pixels, and the font's ascent and descent.
    func measure(_ text: String, size: Double) -> (width: Double, ascent: Double, descent: Double) {
        cairo_set_font_size(cr, size)
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, text, &extents)
        var font = cairo_font_extents_t()
        cairo_font_extents(cr, &font)
        return (extents.x_advance, font.ascent, font.descent)
    }

    enum Anchor { case start, middle, end }

    /// Text with its baseline at y, anchored at x; `angle` in radians turns it about (x, y).
    /// With `halo`, a white outline first, so a label stays legible over a ball or a line.
    func text(_ text: String, x: Double, y: Double, size: Double, _ color: RGB, anchor: Anchor = .start, angle: Double = 0,
              halo: Bool = false) {
        guard !text.isEmpty else { return }
        let width = measure(text, size: size).width
        let shift = anchor == .start ? 0 : anchor == .middle ? width / 2 : width
        cairo_save(cr)
        cairo_translate(cr, x, y)
        cairo_rotate(cr, angle)
        if halo {
            cairo_move_to(cr, -shift, 0)
            cairo_text_path(cr, text)
            set(.white)
            cairo_set_line_width(cr, 3)
            cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
            cairo_stroke(cr)
        }
        cairo_move_to(cr, -shift, 0)
        set(color)
        cairo_show_text(cr, text)
        cairo_restore(cr)
    }

    // MARK: - Pixels

    /// The surface as RGB triples (Cairo keeps xRGB words in native byte order).
    func rgb() -> RGBImage {
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        var bytes = [UInt8](repeating: 0, count: 3 * width * height)
        for y in 0..<height {
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width {
                let word = row[x]
                let i = 3 * (y * width + x)
                bytes[i] = UInt8((word >> 16) & 0xFF); bytes[i + 1] = UInt8((word >> 8) & 0xFF); bytes[i + 2] = UInt8(word & 0xFF)
            }
        }
        return RGBImage(width: width, height: height, bytes: bytes)
    }
}
