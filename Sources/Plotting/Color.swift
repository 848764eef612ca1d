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

    /// The ANSI-256 colour a terminal draws this in: black and near-white become mid grays,
    /// which read on dark and light backgrounds alike.
    public var terminal256: Int {
        let mean = (Int(r) + Int(g) + Int(b)) / 3
        if max(r, g, b) < 70 { return 244 }
        if mean > 215 { return 248 }
        return ansi256
    }

    /// `self` blended towards `other` by `t` (0: self, 1: other).
    public func mixed(with other: RGB, _ t: Double) -> RGB {
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded()) }
        return RGB(mix(r, other.r), mix(g, other.g), mix(b, other.b))
    }

    /// The faint version drawn for where a ball ends, or a second ball's curve.
    public var faint: RGB { mixed(with: .white, 0.6) }

    public static let white = RGB(255, 255, 255)
    public static let black = RGB(0, 0, 0)
}

/// The colours of jumpy's pictures: Okabe and Ito's palette for colour-blind readers, which
/// also holds the blog's blue (the object ball) and a tan (the cue ball). Every colour is dark
/// enough to read on white paper, and light enough to read on a dark terminal.
public enum Palette {
    public static let background = RGB.white
    /// The frame of a panel and its ticks.
    public static let axes = RGB(80, 80, 80)
    /// Grid lines at the ticks.
    public static let grid = RGB(228, 228, 228)
    public static let text = RGB(34, 34, 34)
    /// The data, in the legend: drawn dashed.
    public static let truth = RGB(110, 110, 110)
    /// The model's prediction (and the blog's jumpy blue).
    public static let model = RGB(0, 114, 178)
    /// A tick in an animation: the ring around the ticking ball, and the panel's outline.
    public static let ticks = RGB(204, 121, 167)
    /// The shot task's target corner (black, as the blog's planning videos).
    public static let target = RGB.black
    /// The shaded burn-in span behind a chart, and the frames read from the data (black dots, as the hero figure).
    public static let burnIn = RGB(238, 238, 238)
    public static let burnInDots = RGB.black
    /// The cue ball's impulse.
    public static let action = RGB(213, 94, 0)
    /// The table's cushion.
    public static let edge = RGB(60, 60, 60)

    /// Ball (or series) `i`'s colour: blue (the object ball), tan (the cue ball), green,
    /// purple, sky blue, gray.
    public static func ball(_ i: Int) -> RGB { balls[((i % balls.count) + balls.count) % balls.count] }
    static let balls = [RGB(0, 114, 178), RGB(196, 150, 90), RGB(0, 158, 115), RGB(204, 121, 167),
                        RGB(86, 180, 233), RGB(100, 100, 100)]

    /// Each kind of model in the hero figure's colours: rnn red, odernn green, jumpy blue;
    /// the simulator black.
    public static func kind(_ name: String) -> RGB {
        switch name {
        case "rnn": return RGB(213, 94, 0)
        case "odernn", "ode": return RGB(0, 158, 115)
        case "jumpy": return model
        default: return RGB(60, 60, 60)
        }
    }

    /// Every named colour: the GIF palette keeps these exact, and their tints towards white.
    public static let named: [RGB] = {
        var colors = [background, axes, grid, text, truth, model, ticks, target, burnIn, action, edge]
        for c in balls + ["rnn", "odernn", "sim"].map(kind) where !colors.contains(c) { colors.append(c) }
        return colors
    }()
}
