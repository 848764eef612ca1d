import Foundation
import Testing
import Plotting

@Suite struct PlottingTests {
    @Test func brailleDiagonalLightsOneDotPerRowAcrossTheCanvas() {
        var canvas = BrailleCanvas(columns: 4, rows: 2, x: 0...1, y: 0...1)
        canvas.line(from: (0, 0), to: (1, 1))
        let lines = canvas.render().split(separator: "\n").map(String.init)
        #expect(lines.count == 2 && lines.allSatisfy { $0.count == 4 })
        // Bottom-left and top-right cells are lit; top-left and bottom-right are blank.
        #expect(lines[1].first != "\u{2800}" && lines[0].last != "\u{2800}")
        #expect(lines[0].first == "\u{2800}" && lines[1].last == "\u{2800}")
        // The first dot of the diagonal is the bottom-left dot of the cell (bit 0x40).
        var single = BrailleCanvas(columns: 1, rows: 1, x: 0...1, y: 0...1)
        single.point(0, 0)
        #expect(single.render() == "\u{2840}")
        single.point(5, 5)   // outside: dropped
        #expect(single.render() == "\u{2840}")
    }

    @Test func constantSeriesStillDraws() {
        var canvas = BrailleCanvas(columns: 3, rows: 1, x: 0...2, y: 0.5...0.5)
        canvas.polyline([(0, 0.5), (2, 0.5)])
        #expect(!canvas.render().allSatisfy { $0 == "\u{2800}" })
    }

    @Test func colouredCellsCarryTheirLayersColour() {
        var canvas = BrailleCanvas(columns: 2, rows: 1, x: 0...1, y: 0...1)
        canvas.point(0, 0.5, layer: 1)
        let text = canvas.render(colors: [33, 160])
        #expect(text.contains("\u{1B}[38;5;160m"))
        #expect(!text.contains("38;5;33m"))
    }

    @Test func shadedImageMapsIntensityToShades() {
        let pixels: [Float] = [0, 1, 0, 1, 0.5, 0.5]          // 2 wide, 3 high
        let plain = ShadedImage.render(pixels, width: 2, height: 3, colors: false)
        #expect(plain.split(separator: "\n").map(String.init) == [" @", "::"])   // the last row pairs with black
        let colored = ShadedImage.render(pixels, width: 2, height: 3, colors: true)
        #expect(colored.contains("▀") && colored.contains("48;5;231"))
    }

    @Test func svgHasOnePolylinePerSeriesAndEscapesText() {
        var plot = SVGPlot(title: "a < b", x: 0...10, y: -1...1)
        plot.addLine([(0, 0), (10, 1)], color: "#000", label: "truth")
        plot.addMarkers([(5, 0), (6, .nan)], color: "#f00", label: "ticks")
        let svg = plot.render()
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n"))
        #expect(svg.components(separatedBy: "<polyline").count == 2)
        #expect(svg.components(separatedBy: "<circle").count == 2)   // the NaN marker is skipped
        #expect(svg.contains("a &lt; b"))
    }
}
