/// A grayscale image in the terminal: two pixel rows per character with the upper half block
/// `▀` (foreground = upper pixel, background = lower) in the 24 shades of ANSI-256 gray, or,
/// without colours, one character per pixel pair from a ramp of ASCII shades.
public enum ShadedImage {
    static let ramp = Array(" .:-=+*#%@")

    /// `pixels` is row-major `height × width`, values in [0, 1] (clamped).
    public static func render(_ pixels: [Float], width: Int, height: Int, colors: Bool) -> String {
        precondition(pixels.count == width * height, "\(pixels.count) pixels for \(width)×\(height)")
        func value(_ row: Int, _ column: Int) -> Float {
            row < height ? min(max(pixels[row * width + column], 0), 1) : 0
        }
        var lines: [String] = []
        for row in stride(from: 0, to: height, by: 2) {
            var line = ""
            for column in 0..<width {
                let (top, bottom) = (value(row, column), value(row + 1, column))
                if colors {
                    line += "\u{1B}[38;5;\(gray(top));48;5;\(gray(bottom))m▀"
                } else {
                    line.append(ramp[min(ramp.count - 1, Int((top + bottom) / 2 * Float(ramp.count - 1) + 0.5))])
                }
            }
            lines.append(colors ? line + "\u{1B}[0m" : line)
        }
        return lines.joined(separator: "\n")
    }

    /// ANSI-256 grayscale: 16 is black, 232…255 the gray ramp, 231 white.
    static func gray(_ v: Float) -> Int {
        if v <= 0.02 { return 16 }
        if v >= 0.98 { return 231 }
        return 232 + min(23, Int(v * 24))
    }
}
