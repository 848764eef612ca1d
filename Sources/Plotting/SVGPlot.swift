/// A small SVG line plot: series as polylines, markers as circles, on shared axes. What a
/// person opens in a browser when the terminal picture is too coarse.
///
///     var plot = SVGPlot(title: "rollout", x: 0...1, y: 0...1)
///     plot.addLine([(0, 0), (1, 1)], color: "#1f77b4", label: "truth")
///     try AtomicFile.write(Data(plot.render().utf8), to: "plots/r.svg")
public struct SVGPlot {
    public var title: String
    public let xRange: ClosedRange<Double>, yRange: ClosedRange<Double>
    public var width = 640.0, height = 480.0
    private var elements: [String] = []
    private var legend: [(String, String)] = []

    public init(title: String, x: ClosedRange<Double>, y: ClosedRange<Double>) {
        self.title = title
        xRange = x.lowerBound < x.upperBound ? x : (x.lowerBound - 0.5)...(x.lowerBound + 0.5)
        yRange = y.lowerBound < y.upperBound ? y : (y.lowerBound - 0.5)...(y.lowerBound + 0.5)
    }

    private let margin = 40.0

    private func screen(_ p: (Double, Double)) -> (Double, Double) {
        let sx = margin + (p.0 - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * (width - 2 * margin)
        let sy = height - margin - (p.1 - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * (height - 2 * margin)
        return (sx, sy)
    }

    private static func number(_ v: Double) -> String {
        let rounded = (v * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    public mutating func addLine(_ points: [(Double, Double)], color: String, label: String? = nil, dashed: Bool = false) {
        let path = points.filter { $0.0.isFinite && $0.1.isFinite }.map { p -> String in
            let (x, y) = screen(p)
            return "\(Self.number(x)),\(Self.number(y))"
        }.joined(separator: " ")
        elements.append("<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\"\(dashed ? " stroke-dasharray=\"4 3\"" : "") points=\"\(path)\"/>")
        if let label { legend.append((label, color)) }
    }

    public mutating func addMarkers(_ points: [(Double, Double)], color: String, label: String? = nil) {
        for p in points where p.0.isFinite && p.1.isFinite {
            let (x, y) = screen(p)
            elements.append("<circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"3.5\" fill=\"\(color)\"/>")
        }
        if let label { legend.append((label, color)) }
    }

    public func render() -> String {
        var out = ["<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">",
                   "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
                   "<text x=\"\(Int(margin))\" y=\"24\" font-size=\"14\">\(escape(title))</text>"]
        let (x0, y0) = screen((xRange.lowerBound, yRange.lowerBound)), (x1, y1) = screen((xRange.upperBound, yRange.upperBound))
        out.append("<rect x=\"\(Self.number(x0))\" y=\"\(Self.number(y1))\" width=\"\(Self.number(x1 - x0))\" height=\"\(Self.number(y0 - y1))\" fill=\"none\" stroke=\"#888\"/>")
        out.append("<text x=\"\(Self.number(x0))\" y=\"\(Self.number(y0 + 16))\">\(Self.number(xRange.lowerBound))</text>")
        out.append("<text x=\"\(Self.number(x1 - 20))\" y=\"\(Self.number(y0 + 16))\">\(Self.number(xRange.upperBound))</text>")
        out.append("<text x=\"4\" y=\"\(Self.number(y0))\">\(Self.number(yRange.lowerBound))</text>")
        out.append("<text x=\"4\" y=\"\(Self.number(y1 + 10))\">\(Self.number(yRange.upperBound))</text>")
        out += elements
        for (i, (label, color)) in legend.enumerated() {
            let y = 24 + 16 * Double(i)
            out.append("<rect x=\"\(Self.number(width - 150))\" y=\"\(Self.number(y - 9))\" width=\"10\" height=\"10\" fill=\"\(color)\"/>")
            out.append("<text x=\"\(Self.number(width - 134))\" y=\"\(Self.number(y))\">\(escape(label))</text>")
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    private func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
