/// An sRGB colour. Figures name colours by role (`Palette.truth`, `Palette.ball(1)`) so every
/// back-end draws the same thing the same colour, and a test can look for it in a file.
public struct RGB: Hashable, Sendable {
    public var r: UInt8, g: UInt8, b: UInt8
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) { self.r = r; self.g = g; self.b = b }

    /// `#rrggbb`, for SVG.
    public var hex: String {
        let digits = Array("0123456789abcdef")
        return "#" + [r, g, b].map { String([digits[Int($0 >> 4)], digits[Int($0 & 15)]]) }.joined()
    }

    /// The nearest entry of the ANSI-256 colour cube (16…231) or gray ramp (232…255).
    public var ansi256: Int {
        func level(_ v: UInt8) -> Int { v < 48 ? 0 : v < 115 ? 1 : (Int(v) - 35) / 40 }
        let (lr, lg, lb) = (level(r), level(g), level(b))
        let cube = 16 + 36 * lr + 6 * lg + lb
        let spread = max(r, g, b) - min(r, g, b)
        guard spread < 16 else { return cube }
        let mean = (Int(r) + Int(g) + Int(b)) / 3
        if mean < 8 { return 16 }
        if mean > 246 { return 231 }
        return 232 + min(23, (mean - 8) / 10)
    }

    /// `self` blended towards `other` by `t` (0: self, 1: other).
    public func mixed(with other: RGB, _ t: Double) -> RGB {
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded()) }
        return RGB(mix(r, other.r), mix(g, other.g), mix(b, other.b))
    }

    public static let white = RGB(255, 255, 255)
    public static let black = RGB(0, 0, 0)
}

/// The colours of jumpy's pictures. Ball colours are far apart so a test (or a reader) can
/// tell the balls apart; anti-aliased edges blend them towards the background.
public enum Palette {
    public static let background = RGB.white
    public static let axes = RGB(136, 136, 136)
    public static let text = RGB(34, 34, 34)
    /// The data: drawn dashed in line plots.
    public static let truth = RGB(110, 110, 110)
    /// The model's prediction: drawn solid.
    public static let model = RGB(31, 119, 180)
    /// Tick marks and tick frames.
    public static let ticks = RGB(214, 39, 40)
    /// The shot task's target corner (black, as the blog's planning videos).
    public static let target = RGB.black
    /// The shaded burn-in span.
    public static let burnIn = RGB(230, 230, 230)
    public static let action = RGB(148, 103, 189)

    /// Ball (or series) `i`'s colour: blue, orange, green, purple, brown, pink.
    public static func ball(_ i: Int) -> RGB { balls[((i % balls.count) + balls.count) % balls.count] }
    static let balls = [RGB(31, 119, 180), RGB(255, 127, 14), RGB(44, 160, 44),
                        RGB(148, 103, 189), RGB(140, 86, 75), RGB(227, 119, 194)]

    /// Every named colour: the GIF palette keeps these exact.
    public static let named: [RGB] = [background, axes, text, truth, model, ticks, target, burnIn, action] + balls
}
