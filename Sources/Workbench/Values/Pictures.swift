import Plotting
import Tensor

/// Terminal pictures for `show` and `plot`: features over time in braille, and pixel frames
/// as shaded blocks. Plain (no colour codes) unless the console is a terminal.
enum Pictures {
    /// ANSI-256 colours for layers: gray, blue, orange, green, red, purple.
    static let palette = [245, 33, 208, 34, 160, 129]

    /// Features of trajectory `b` of a `[T, B, F]` tensor against time, one layer per
    /// feature (at most six), with the value range in a caption.
    static func timeSeries(_ t: Tensor, trajectory b: Int = 0, columns: Int = 60, rows: Int = 10,
                           colors: Bool, ticks: [Float] = []) -> String {
        let (frames, batch, width) = (t.shape[0], t.shape[1], t.shape[2])
        let shown = min(width, 6)
        var values: [Double] = []
        for f in 0..<frames { for j in 0..<shown { values.append(Double(t.scalars[(f * batch + b) * width + j])) } }
        let finite = values.filter(\.isFinite)
        let low = finite.min() ?? 0, high = finite.max() ?? 1
        var canvas = BrailleCanvas(columns: columns, rows: rows, x: 0...Double(max(frames - 1, 1)), y: low...high)
        for j in 0..<shown {
            canvas.polyline((0..<frames).map { (Double($0), values[$0 * shown + j]) }, layer: j)
        }
        var lines = [canvas.render(colors: colors ? Array(palette.dropFirst()) : nil)]
        if !ticks.isEmpty {
            var marks = [Character](repeating: " ", count: columns)
            for tick in ticks where tick.isFinite {
                let c = Int((Double(tick) / Double(max(frames - 1, 1)) * Double(columns - 1)).rounded())
                if c >= 0 && c < columns { marks[c] = "▲" }
            }
            lines.append(String(marks))
        }
        lines.append("t = 0…\(frames - 1), values \(NumberFormat.significant(low, digits: 3))…\(NumberFormat.significant(high, digits: 3))"
                     + (width > shown ? " (first \(shown) of \(width) features)" : ""))
        return lines.joined(separator: "\n")
    }

    /// Frames `frames` of trajectory `b` of a pixel tensor (`side²` features) side by side.
    static func pixelFrames(_ t: Tensor, side: Int, trajectory b: Int = 0, frames: [Int], colors: Bool) -> String {
        let (batch, width) = (t.shape[1], t.shape[2])
        let images = frames.filter { $0 < t.shape[0] }.map { f in
            Array(t.scalars[((f * batch + b) * width)..<((f * batch + b + 1) * width)])
        }
        let (pixels, w, h) = PNGImage.strip(images, side: side)
        return ShadedImage.render(pixels, width: w, height: h, colors: colors)
            + "\nframes " + frames.map(String.init).joined(separator: ", ")
    }

    /// The side of a square image with `features` pixels, if it is one (784 → 28).
    static func imageSide(_ features: Int) -> Int? {
        let side = Int(Double(features).squareRoot().rounded())
        return side * side == features && side >= 8 ? side : nil
    }
}
