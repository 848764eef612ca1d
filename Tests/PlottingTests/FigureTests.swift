import Foundation
import Testing
@testable import Plotting
import TestSupport

/// Figures through each back-end, files checked by PIL (an independent decoder).
@Suite struct FigureTests {
    /// Two balls moving in straight lines across the unit table, one sample a frame.
    static func movingBalls(frames: Int = 9) -> Track {
        Track(frames: [
            (0..<frames).map { Point(0.2 + 0.6 * Double($0) / Double(frames - 1), 0.3) },
            (0..<frames).map { Point(0.7, 0.2 + 0.6 * Double($0) / Double(frames - 1)) },
        ])
    }

    static func write(_ bytes: [UInt8], _ directory: TemporaryDirectory, _ name: String) throws -> String {
        let path = directory.path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(.enabled(if: ImageDecoder.isAvailable, Comment(rawValue: ImageDecoder.missing)))
    func pngOfATableHasTheRasterSizeAndEachBallsColourAtItsCentre() throws {
        let directory = TemporaryDirectory()
        var table = TableView(truth: Self.movingBalls(), target: TableView.shotTarget)
        table.truthTitle = "truth"
        let figure = table.frame(4, fps: 1, size: 120)
        let raster = figure.raster()
        let path = try Self.write(figure.png(), directory, "t.png")
        let info = try #require(ImageDecoder.info(path))
        #expect(info.format == "PNG" && info.mode == "RGB")
        #expect(info.width == raster.width && info.height == raster.height)
        let truth = Self.movingBalls()
        let centres = (0..<2).map { figure.pixel(of: truth.position($0, at: 4), inPanel: 0) }
        // The target corner (x > 0.8, y < 0.2) is black near the panel's top-right corner.
        let corner = figure.pixel(of: Point(0.95, 0.05), inPanel: 0)
        let background = figure.pixel(of: Point(0.05, 0.95), inPanel: 0)
        let colors = try #require(ImageDecoder.colors(path, at: (centres + [corner, background]).map { (0, $0.x, $0.y) }))
        #expect(colors == [[31, 119, 180], [255, 127, 14], [0, 0, 0], [255, 255, 255]])
    }

    @Test func discEdgesAreAntiAliased() {
        var image = RGBImage(width: 20, height: 20)
        image.disc(cx: 10, cy: 10, radius: 5.3, Palette.ball(0))
        #expect(image[10, 10] == Palette.ball(0))
        #expect(image[0, 0] == Palette.background)
        // A pixel the rim crosses is a blend: neither the ball's colour nor white.
        let rim = image[15, 10]
        #expect(rim != Palette.ball(0) && rim != Palette.background)
        #expect(rim.r > Palette.ball(0).r && rim.r < 255)
    }

    @Test(.enabled(if: ImageDecoder.isAvailable, Comment(rawValue: ImageDecoder.missing)))
    func gifLoopsWithItsDelayAndShowsEachBallInEachFrame() throws {
        let directory = TemporaryDirectory()
        let truth = Self.movingBalls()
        let model = Track(times: truth.times, balls: truth.balls.map { $0.map { Point($0.x, $0.y + 0.05) } })
        let table = TableView(truth: truth, model: model, ticks: [0, 4])
        let fps = 2
        let animation = table.animation(fps: fps, size: 96)
        #expect(animation.frames.count == 8 * fps + 1)
        let path = try Self.write(try animation.gif(), directory, "a.gif")
        let info = try #require(ImageDecoder.info(path))
        #expect(info.format == "GIF" && info.frames == 17 && info.loop == 0 && info.duration == 10 * animation.delay)
        let raster = animation.frames[0].raster()
        #expect(info.width == raster.width && info.height == raster.height)
        // Every frame: each ball's centre in each panel has that ball's colour.
        var points: [(frame: Int, x: Int, y: Int)] = []
        for (k, frame) in animation.frames.enumerated() {
            let t = Double(k) / Double(fps)
            for (panel, track) in [truth, model].enumerated() {
                for b in 0..<2 {
                    let p = frame.pixel(of: track.position(b, at: t), inPanel: panel)
                    points.append((k, p.x, p.y))
                }
            }
        }
        let colors = try #require(ImageDecoder.colors(path, at: points))
        let expected = animation.frames.indices.flatMap { _ in [0, 1, 0, 1].map { b in Palette.ball(b) } }
        #expect(colors == expected.map { [Int($0.r), Int($0.g), Int($0.b)] })
        // The tick at frame 4 outlines the model's panel in the ticks colour at animation frame 8.
        let edge = animation.frames[8].pixel(of: Point(0.5, 0), inPanel: 1)
        let flagged = try #require(ImageDecoder.colors(path, at: [(8, edge.x, edge.y), (7, edge.x, edge.y)]))
        #expect(flagged[0] == [214, 39, 40] && flagged[1] != [214, 39, 40])
    }

    @Test(.enabled(if: ImageDecoder.isAvailable, Comment(rawValue: ImageDecoder.missing)))
    func grayscalePNGDecodesToItsValues() throws {
        let directory = TemporaryDirectory()
        let path = try Self.write(PNGImage.encode([0, 0.5, 1, 0.25, 0.75, 1], width: 3, height: 2), directory, "g.png")
        let info = try #require(ImageDecoder.info(path))
        #expect(info.mode == "L" && info.width == 3 && info.height == 2)
        let colors = try #require(ImageDecoder.colors(path, at: [(0, 1, 0), (0, 0, 1)]))
        #expect(colors == [[128, 128, 128], [64, 64, 64]])
    }

    /// The axes print their ends only, so a chart's ranges end on round numbers.
    @Test func lineChartRangesEndOnRoundNumbers() {
        var chart = LineChart(xLabel: "budget", yLabel: "success")
        chart.add("sim", points: (1...250).map { Point(Double($0), 0.12 + 0.872 * Double($0 - 1) / 249) }, color: Palette.ball(0))
        #expect(chart.panel().x == 0...250)
        #expect(chart.panel().y == 0.1...1.0)
        // Markers are padded by 5% first, so none sits on the frame.
        var marked = LineChart()
        marked.add("models", points: [Point(0, 0), Point(10, 1)], color: Palette.ball(1), markers: true)
        #expect(marked.panel().x == -2...12)
        #expect(abs(marked.panel().y.lowerBound + 0.2) < 1e-12 && abs(marked.panel().y.upperBound - 1.2) < 1e-12)
        // Log losses: -4.32…-1.15 becomes -4.5…-1.
        var losses = LineChart(logY: true)
        losses.add("loss", points: [Point(0, pow(10, -1.15)), Point(100, pow(10, -4.32))], color: Palette.model)
        #expect(abs(losses.panel().y.lowerBound + 4.5) < 1e-12 && abs(losses.panel().y.upperBound + 1) < 1e-12)
        #expect(losses.panel().x == 0...100)
    }

    @Test(.enabled(if: ImageDecoder.isAvailable, Comment(rawValue: ImageDecoder.missing)))
    func svgParsesAsXMLWithOneElementPerMark() throws {
        var chart = LineChart(title: "a < b", xLabel: "budget", yLabel: "success")
        chart.add("sim", points: [Point(0, 0), Point(1, 1)], color: Palette.ball(0))
        chart.add("rnn", points: [Point(0, 0.5), Point(0.5, 0.6), Point(1, .nan), Point(2, 0.7), Point(3, 0.8)], color: Palette.ball(1), dashed: true)
        let svg = chart.figure().svg()
        let directory = TemporaryDirectory()
        let path = try Self.write(Array(svg.utf8), directory, "c.svg")
        // Python's XML parser, not ours: three polylines (the NaN breaks the second series in two) and the title.
        let script = """
            import sys, xml.etree.ElementTree as ET
            root = ET.parse(sys.argv[1]).getroot()
            ns = '{http://www.w3.org/2000/svg}'
            print(len(root.findall(ns + 'polyline')), root.get('width'), any(t.text == 'a < b' for t in root.iter(ns + 'text')))
            """
        let raster = chart.figure().raster()
        #expect(ImageDecoder.run(script, [path]) == "3 \(raster.width) True\n")
    }

    @Test func terminalPlainHasNoEscapesAndFitsTheWidth() {
        var table = TableView(truth: Self.movingBalls(), model: Self.movingBalls(), ticks: [2, 5], target: TableView.shotTarget)
        table.action = ActionArrow(ball: 1, frame: 3, impulse: Point(0.5, 0.5))
        for width in [40, 80, 132] {
            for figure in [table.figure(), table.frame(3, fps: 1), TimeSeriesView(names: ["x"], truth: [[0, 1, 0.5]], model: [[0, 0.9, 0.4]],
                                                                                    modelTimes: [0, 1, 2], ticks: [(0, 1), (1, 2.5)], burnIn: 1).figure()] {
                let text = figure.terminal(width: width, colors: false)
                #expect(!text.contains("\u{1B}"))
                #expect(text.split(separator: "\n").allSatisfy { $0.count <= width }, "width \(width):\n\(text)")
            }
        }
        let legend = table.figure().terminal(width: 80, colors: false).split(separator: "\n").last.map(String.init)
        #expect(legend == "● ball 1 (start)  ● ball 2 (start)  ┄┄ truth  ── model  • ticks  ■ target")
    }

    @Test func terminalColoursPaintEachBallAndTheLegend() {
        let figure = TableView(truth: Self.movingBalls()).frame(0, fps: 1)
        let text = figure.terminal(width: 80, colors: true)
        #expect(text.contains("\u{1B}[38;5;\(Palette.ball(0).ansi256)m"))
        #expect(text.contains("\u{1B}[38;5;\(Palette.ball(1).ansi256)m"))
        #expect(Palette.ball(0).ansi256 != Palette.ball(1).ansi256)
        // Without the escapes, the coloured text is the plain text.
        let stripped = text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        #expect(stripped == figure.terminal(width: 80, colors: false))
    }

    @Test func timeSeriesMarksEachTickWithItsDtAndShadesTheBurnIn() {
        let view = TimeSeriesView(names: ["x"], truth: [[0, 1, 2, 3, 4]], model: [[0, 1, 2, 3, 4]], modelTimes: [0, 1, 2, 3, 4],
                                  ticks: [(0, 1), (1, 3.24)], burnIn: 2)
        let marks = view.figure().panels[0].marks
        let labels = marks.compactMap { if case .marker(_, _, let label) = $0 { return label } else { return nil } }
        #expect(labels == ["1", "3.2"])
        let bands = marks.compactMap { if case .band(let span, _) = $0 { return span } else { return nil } }
        #expect(bands == [0...1.5])
        let dashed = marks.compactMap { if case .line(_, let stroke) = $0 { return stroke.dashed } else { return nil } }
        #expect(dashed == [true, false])                 // truth dashed, model solid
        let plain = view.figure().terminal(width: 60, colors: false)
        #expect(plain.contains("▲") && plain.contains("3.2") && plain.contains("·"))
    }

    @Test func imagesShrinkToFitAndPanelsStackWhenTooNarrow() {
        let frame = [Float](repeating: 1, count: 28 * 28)
        let rows = FrameRowsView(side: 28, truth: Array(repeating: frame, count: 6), model: Array(repeating: frame, count: 6), tickFrames: [2])
        let text = rows.figure(frames: Array(0..<6)).terminal(width: 80, colors: false)
        let lines = text.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(lines.first?.hasPrefix("t0") == true && lines.contains { $0.hasPrefix("m0") && $0.contains("m2▲") })
    }
}
