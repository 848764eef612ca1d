/// A character canvas that draws with Unicode braille: each character cell holds a 2 × 4 grid
/// of dots, so an 60 × 15 canvas plots at 120 × 60 points — enough to see a trajectory bounce.
///
///     var canvas = BrailleCanvas(columns: 40, rows: 10, x: 0...1, y: 0...1)
///     canvas.line(from: (0, 0), to: (1, 1))
///     print(canvas.render())
///
/// Points are in data coordinates; y grows upwards. Each point belongs to a layer, and a cell
/// shows the colour of the last layer that drew in it when rendered with colours.
public struct BrailleCanvas {
    public let columns: Int, rows: Int
    public let xRange: ClosedRange<Double>, yRange: ClosedRange<Double>
    private var dots: [UInt8]       // one bit per dot, per cell
    private var layers: [Int]       // the layer that last drew in each cell

    public init(columns: Int, rows: Int, x: ClosedRange<Double>, y: ClosedRange<Double>) {
        precondition(columns > 0 && rows > 0, "a canvas needs at least one cell")
        self.columns = columns; self.rows = rows
        // A degenerate range (a constant series) gets a unit width, centred on the value.
        xRange = x.lowerBound < x.upperBound ? x : (x.lowerBound - 0.5)...(x.lowerBound + 0.5)
        yRange = y.lowerBound < y.upperBound ? y : (y.lowerBound - 0.5)...(y.lowerBound + 0.5)
        dots = [UInt8](repeating: 0, count: columns * rows)
        layers = [Int](repeating: 0, count: columns * rows)
    }

    /// Braille dot bits by (column 0–1, row 0–3) within a cell (Unicode's numbering).
    private static let bits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    /// Sets the dot nearest to (x, y); points outside the ranges are dropped.
    public mutating func point(_ x: Double, _ y: Double, layer: Int = 0) {
        guard x.isFinite, y.isFinite, xRange.contains(x), yRange.contains(y) else { return }
        let px = Int(((x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * Double(columns * 2 - 1)).rounded())
        let py = Int(((yRange.upperBound - y) / (yRange.upperBound - yRange.lowerBound) * Double(rows * 4 - 1)).rounded())
        let cell = (py / 4) * columns + px / 2
        dots[cell] |= Self.bits[px % 2][py % 4]
        layers[cell] = layer
    }

    /// Draws a straight segment by sampling it at dot resolution.
    public mutating func line(from a: (Double, Double), to b: (Double, Double), layer: Int = 0) {
        let dx = (b.0 - a.0) / (xRange.upperBound - xRange.lowerBound) * Double(columns * 2)
        let dy = (b.1 - a.1) / (yRange.upperBound - yRange.lowerBound) * Double(rows * 4)
        let steps = max(1, Int(max(Swift.abs(dx), Swift.abs(dy)).rounded(.up)))
        for i in 0...steps {
            let t = Double(i) / Double(steps)
            point(a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t, layer: layer)
        }
    }

    /// A polyline through `points`.
    public mutating func polyline(_ points: [(Double, Double)], layer: Int = 0) {
        if points.count == 1 { point(points[0].0, points[0].1, layer: layer) }
        for (a, b) in zip(points, points.dropFirst()) { line(from: a, to: b, layer: layer) }
    }

    /// The character of cell (column, row) and the layer that last drew in it (nil: blank).
    public func cell(_ column: Int, _ row: Int) -> (character: Character, layer: Int?) {
        let i = row * columns + column
        return (Character(Unicode.Scalar(0x2800 + UInt32(dots[i]))!), dots[i] == 0 ? nil : layers[i])
    }

    /// The canvas as `rows` lines; with `colors`, each cell in its layer's ANSI colour.
    public func render(colors: [Int]? = nil) -> String {
        var lines: [String] = []
        for r in 0..<rows {
            var line = ""
            for c in 0..<columns {
                let cell = r * columns + c
                let character = Character(Unicode.Scalar(0x2800 + UInt32(dots[cell]))!)
                if let colors, dots[cell] != 0 {
                    line += "\u{1B}[38;5;\(colors[layers[cell] % colors.count])m\(character)\u{1B}[0m"
                } else {
                    line.append(character)
                }
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
