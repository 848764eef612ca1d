import Foundation
import Testing
@testable import Plotting
import TestSupport

/// Figures through each back-end, files checked by PIL (an independent decoder).
@Suite struct FigureTests {
    /// Two balls moving in straight lines across the unit table, one sample a frame.
    /// A target region as the shot task's (x > 0.8, y < 0.2) would be passed in.
    static let corner = Rect(x: 0.8...1, y: 0...0.2)

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

    static func rgb(_ c: RGB) -> [Int] { [Int(c.r), Int(c.g), Int(c.b)] }

    @Test(.enabled(if: ImageDecoder.isAvailable, Comment(rawValue: ImageDecoder.missing)))
    func pngOfATableHasEachBallsColourAtItsCentreAndTheTargetBlack() throws {
        let directory = TemporaryDirectory()
        var table = TableView(truth: Self.movingBalls(), target: Self.corner)
        table.ballNames = ["object ball", "cue ball"]
        let figure = table.frame(4, slow: 1, size: 120)
        let path = try Self.write(figure.png(), directory, "t.png")
        let info = try #require(ImageDecoder.info(path))
        #expect(info.format == "PNG" && info.mode == "RGB")
        #expect(info.width == figure.pixelSize.width && info.height == figure.pixelSize.height)
        let truth = Self.movingBalls()
        let centres = (0..<2).map { figure.pixel(of: truth.position($0, at: 4), inPanel: 0) }
        // The target corner (x > 0.8, y < 0.2) is black near the panel's top-right corner.
        let corner = figure.pixel(of: Point(0.95, 0.05), inPanel: 0)
        let background = figure.pixel(of: Point(0.05, 0.95), inPanel: 0)
        let colors = try #require(ImageDecoder.colors(path, at: (centres + [corner, background]).map { (0, $0.x, $0.y) }))
        #expect(colors == [Self.rgb(Palette.ball(0)), Self.rgb(Palette.ball(1)), [0, 0, 0], [255, 255, 255]])
        // The blog's colours: the object ball blue, the cue ball tan.
        #expect(Palette.ball(0).b > Palette.ball(0).r && Palette.ball(1).r > Palette.ball(1).b)
    }

    /// The static table: balls at their true radius where they start, ticks as dots well under
    /// a ball's radius on the model's path, the action an arrow kept on the table.
    @Test(.enabled(if: ImageDecoder.isAvailable, Comment(rawValue: ImageDecoder.missing)))
    func tableDrawsBallsAtTheirRadiusAndTicksAsSmallDots() throws {
        let directory = TemporaryDirectory()
        let truth = Self.movingBalls()
        var table = TableView(truth: truth, model: truth, ticks: [0, 1, 2, 3, 6], radius: 0.1, target: Self.corner,
                              action: ActionArrow(ball: 1, frame: 0, impulse: Point(0, -5)))
        table.tickDts = [.nan, .nan, .nan, 3, 2.5]
        let figure = table.figure(size: 300)
        let path = try Self.write(figure.png(), directory, "t.png")
        let scale = figure.pixelsPerUnit(inPanel: 0)
        let start = figure.pixel(of: truth.balls[0][0], inPanel: 0)
        // Ball 0 starts at (0.2, 0.3): its colour 0.8 radius to the left of its centre, and
        // not 1.3 radii away.
        let inside = (0, start.x - Int(0.8 * 0.1 * scale), start.y), outside = (0, start.x - Int(1.3 * 0.1 * scale), start.y)
        // The tick at frame 6 (x = 0.65): its dot in the ball's colour at its centre, white
        // half a ball radius below (the path runs along y = 0.3).
        let tick = figure.pixel(of: truth.position(0, at: 6), inPanel: 0)
        let below = (0, tick.x, tick.y + Int(0.5 * 0.1 * scale))
        let colors = try #require(ImageDecoder.colors(path, at: [inside, outside, (0, tick.x, tick.y), below]))
        #expect(colors == [Self.rgb(Palette.ball(0)), [255, 255, 255], Self.rgb(Palette.ball(0)), [255, 255, 255]])
        // The arrow (ball 1 from y = 0.2 towards y = -1.3) is cut at the table's edge.
        let arrows = figure.panels[0].marks.compactMap { if case .arrow(_, let to, _) = $0 { return to } else { return nil } }
        #expect(arrows.count == 1 && abs(arrows[0].y) < 1e-12 && arrows[0].x == 0.7)
        // The Δt labels of the model's own ticks, none of the burn-in's.
        let labels = figure.textBoxes().map(\.text)
        #expect(labels.contains("3") && labels.contains("2.5"))
        #expect(figure.legend.map(\.label).contains("shot (the cue ball's impulse)"))
    }

    /// Text drawn by Cairo in DejaVu Sans: the title's width is the sum of its characters'
    /// advances in that font as PIL's own FreeType reads them (Cairo's toy text API does not
    /// kern), its box holds dark pixels, and no text lies outside the image.
    @Test(.enabled(if: ImageDecoder.isAvailable, Comment(rawValue: ImageDecoder.missing)))
    func textIsDejaVuSansAndStaysInsideTheImage() throws {
        let directory = TemporaryDirectory()
        var chart = LineChart(title: "Tasks solved against planning budget", xLabel: "candidate shots tried (budget)",
                              yLabel: "tasks solved (%)", yRange: 0...100)
        chart.add("simulator (es)", points: (1...250).map { Point(Double($0), 88 * (1 - exp(-Double($0) / 30))) }, color: Palette.kind("sim"))
        chart.add("random shot", points: [Point(1, 6), Point(250, 6)], color: Palette.truth, dashed: true)
        let figure = chart.figure()
        let path = try Self.write(figure.png(), directory, "c.png")
        let boxes = figure.textBoxes()
        let (width, height) = figure.pixelSize
        #expect(boxes.allSatisfy { $0.x0 >= 0 && $0.y0 >= 0 && $0.x1 <= Double(width) && $0.y1 <= Double(height) }, "\(boxes)")
        let title = try #require(boxes.first { $0.text == chart.title })
        let script = """
            import sys, PIL.Image, PIL.ImageFont
            font = PIL.ImageFont.truetype('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', 1500)
            im = PIL.Image.open(sys.argv[1]).convert('L')
            x0, y0, x1, y1 = map(int, sys.argv[3:7])
            dark = sum(1 for x in range(x0, x1) for y in range(y0, y1) if im.getpixel((x, y)) < 128)
            print(round(sum(font.getlength(c) for c in sys.argv[2]) / 100, 2), dark)
            """
        let out = try #require(ImageDecoder.run(script, [path, chart.title] + [title.x0, title.y0, title.x1, title.y1].map { String(Int($0)) }))
        let fields = out.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(fields.count == 2 && abs(fields[0] - (title.x1 - title.x0)) < 0.5, "PIL \(out) against \(title.x1 - title.x0)")
        #expect(fields.count == 2 && fields[1] > 150, "dark pixels in the title: \(out)")
        // Ticks on round numbers, every 20 on the percentage axis; the x axis ends at the data.
        #expect(figure.panels[0].yTicks == [0, 20, 40, 60, 80, 100])
        #expect(figure.panels[0].x == 1...250 && figure.panels[0].xTicks == [50, 100, 150, 200, 250])
    }

    @Test(arguments: [(0.0...610.0, [0.0, 100, 200, 300, 400, 500, 600]), (0...44, [0, 10, 20, 30, 40]),
                      (-0.34...2.27, [0, 0.5, 1, 1.5, 2]), (0.0625...0.939, [0.2, 0.4, 0.6, 0.8]), (1...250, [50, 100, 150, 200, 250])])
    func ticksAreFourToSixRoundNumbersInsideTheRange(range: ClosedRange<Double>, expected: [Double]) {
        let ticks = NiceTicks.ticks(range)
        #expect(ticks == expected || (4...6).contains(ticks.count) && ticks.allSatisfy(range.contains), "\(range): \(ticks)")
        #expect((4...7).contains(ticks.count) && ticks.allSatisfy(range.contains))
        #expect(NiceTicks.logTicks(-6.2 ... -1.1) == [-6, -5, -4, -3, -2])
        #expect(NiceTicks.power(-3) == "1e−3" && NiceTicks.power(-1) == "0.1" && NiceTicks.power(2) == "100")
    }

    /// The hero's grammar on a time series: burn-in frames black dots, each tick a dot in the
    /// model's colour, each piece's Δt over a bracket, overlapping labels dropped, not merged.
    @Test(.enabled(if: ImageDecoder.isAvailable, Comment(rawValue: ImageDecoder.missing)))
    func timeSeriesDrawsTheBurnInBlackAndDropsOverlappingDtLabels() throws {
        let directory = TemporaryDirectory()
        let frames = 21, times = (0...(4 * 20)).map { Double($0) / 4 }
        var view = TimeSeriesView(names: ["x"], truth: [(0..<frames).map { 0.1 * Double($0) }], model: [times.map { 0.1 * $0 }],
                                  modelTimes: times, ticks: [(0, 1), (1, 1), (2, 1), (3, 1), (3.2, 1), (4.2, 0.3), (4.5, 15.5)], burnIn: 3)
        view.color = Palette.kind("jumpy")
        let figure = view.figure(title: "Lines, trajectory 0")
        let path = try Self.write(figure.png(), directory, "s.png")
        let burnIn = (0..<3).map { figure.pixel(of: Point(Double($0), 0.1 * Double($0)), inPanel: 0) }
        let tick = figure.pixel(of: Point(4.5, 0.45), inPanel: 0)
        let colors = try #require(ImageDecoder.colors(path, at: (burnIn + [tick]).map { (0, $0.x, $0.y) }))
        #expect(colors == [[0, 0, 0], [0, 0, 0], [0, 0, 0], Self.rgb(Palette.kind("jumpy"))])
        let spans = figure.panels[0].spans.map(\.label)
        #expect(spans == ["1", "1", "1", "1", "1", "0.3", "15.5"])
        let drawn = figure.textBoxes().filter { spans.contains($0.text) }
        // Every label drawn is one Δt, none overlaps another, and crowded ones were dropped.
        #expect(drawn.count < spans.count && drawn.contains { $0.text == "15.5" })
        for (i, a) in drawn.enumerated() { for b in drawn[(i + 1)...] { #expect(!a.overlaps(b), "\(a) \(b)") } }
        #expect(figure.panels[0].x == 0...20)
    }

    @Test(.enabled(if: ImageDecoder.isAvailable, Comment(rawValue: ImageDecoder.missing)))
    func gifShowsEachBallInEachFrameAndATickForAWholeDataFrame() throws {
        let directory = TemporaryDirectory()
        let truth = Self.movingBalls()
        let model = Track(times: truth.times, balls: truth.balls.map { $0.map { Point($0.x, $0.y + 0.05) } })
        let table = TableView(truth: truth, model: model, ticks: [0, 4])
        let slow = 4
        let animation = table.animation(slow: slow, fps: 25, size: 96)
        #expect(animation.frames.count == 8 * slow + 1 && animation.delay == 4)
        let path = try Self.write(try animation.gif(), directory, "a.gif")
        let info = try #require(ImageDecoder.info(path))
        #expect(info.format == "GIF" && info.frames == 33 && info.loop == 0 && info.duration == 40)
        #expect(info.width == animation.frames[0].pixelSize.width && info.height == animation.frames[0].pixelSize.height)
        // Every frame: each ball's centre in each panel has that ball's colour.
        var points: [(frame: Int, x: Int, y: Int)] = []
        for (k, frame) in animation.frames.enumerated() {
            let t = Double(k) / Double(slow)
            for (panel, track) in [truth, model].enumerated() {
                for b in 0..<2 {
                    let p = frame.pixel(of: track.position(b, at: t), inPanel: panel)
                    points.append((k, p.x, p.y))
                }
            }
        }
        let colors = try #require(ImageDecoder.colors(path, at: points))
        let expected = animation.frames.indices.flatMap { _ in [0, 1, 0, 1].map { Self.rgb(Palette.ball($0)) } }
        #expect(colors == expected)
        // The tick at frame 4 rings the model's ball 0 through the whole data frame (animation
        // frames 16–19) and no longer; afterwards a dot stays where it ticked.
        let ringAt = { (k: Int) -> (frame: Int, x: Int, y: Int) in
            let t = Double(k) / Double(slow)
            let p = animation.frames[k].pixel(of: Point(model.position(0, at: t).x, model.position(0, at: t).y - 0.125), inPanel: 1)
            return (k, p.x, p.y)
        }
        let ring = try #require(ImageDecoder.colors(path, at: (15...20).map(ringAt)))
        #expect(ring.map { $0 == Self.rgb(Palette.ticks) } == [false, true, true, true, true, false], "\(ring)")
        let mark = animation.frames[30].pixel(of: model.position(0, at: 4), inPanel: 1)
        #expect(try #require(ImageDecoder.colors(path, at: [(30, mark.x, mark.y)])) == [Self.rgb(Palette.text)])
        #expect(animation.frames[18].caption == "data frame 4.5 of 8   tick at frame 4")
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

    /// Axes end at the data's range (x exactly; y with a small margin).
    @Test func lineChartAxesEndAtTheData() {
        var chart = LineChart(xLabel: "step", yLabel: "loss")
        chart.add("loss", points: (1...610).map { Point(Double($0), 1 / Double($0)) }, color: Palette.model)
        #expect(chart.panel().x == 1...610)
        #expect(chart.panel().y.lowerBound < 1.0 / 610 && chart.panel().y.upperBound > 1 && chart.panel().y.upperBound < 1.05)
        // Dots get a margin on both axes, so none sits on the frame.
        var marked = LineChart()
        marked.add("models", points: [Point(0, 0), Point(10, 1)], color: Palette.ball(1), markers: true)
        #expect(marked.panel().x.lowerBound < 0 && marked.panel().x.upperBound > 10)
    }

    @Test(.enabled(if: ImageDecoder.isAvailable, Comment(rawValue: ImageDecoder.missing)))
    func svgParsesAsXMLWithOneElementPerMark() throws {
        var chart = LineChart(title: "a < b", xLabel: "budget", yLabel: "success")
        chart.add("sim", points: [Point(0, 0), Point(1, 1)], color: Palette.ball(0))
        chart.add("rnn", points: [Point(0, 0.5), Point(0.5, 0.6), Point(1, .nan), Point(2, 0.7), Point(3, 0.8)], color: Palette.ball(1), dashed: true)
        let figure = chart.figure()
        let directory = TemporaryDirectory()
        let path = try Self.write(Array(figure.svg().utf8), directory, "c.svg")
        // Python's XML parser, not ours: the data's polylines (the NaN breaks the second series
        // in two) besides the grid's and legend's, and the title.
        let script = """
            import sys, xml.etree.ElementTree as ET
            root = ET.parse(sys.argv[1]).getroot()
            ns = '{http://www.w3.org/2000/svg}'
            data = [p for p in root.findall(ns + 'polyline') if p.get('stroke') in ('#0072b2', '#c4965a')]
            print(len(data), root.get('width'), any(t.text == 'a < b' for t in root.iter(ns + 'text')))
            """
        #expect(ImageDecoder.run(script, [path]) == "5 \(figure.pixelSize.width) True\n")
    }

    @Test func terminalPlainHasNoEscapesAndFitsTheWidth() {
        var table = TableView(truth: Self.movingBalls(), model: Self.movingBalls(), ticks: [2, 5], target: Self.corner)
        table.action = ActionArrow(ball: 1, frame: 3, impulse: Point(0.5, 0.5))
        table.ballNames = ["object ball", "cue ball"]
        for width in [40, 80, 132] {
            for figure in [table.figure(), table.frame(3, slow: 1), TimeSeriesView(names: ["x"], truth: [[0, 1, 0.5]], model: [[0, 0.9, 0.4]],
                                                                                    modelTimes: [0, 1, 2], ticks: [(0, 1), (1, 2.5)], burnIn: 1).figure()] {
                let text = figure.terminal(width: width, colors: false)
                #expect(!text.contains("\u{1B}"))
                #expect(text.split(separator: "\n").allSatisfy { $0.count <= width }, "width \(width):\n\(text)")
            }
            // The table fills the width it is given, inside its edge (up to 50 rows tall).
            let lines = table.figure().terminal(width: width, colors: false).split(separator: "\n")
            #expect(lines.contains { $0.hasPrefix("┌") && $0.count == min(width, 102) }, "\(width)")
        }
        let legend = table.figure().terminal(width: 200, colors: false).split(separator: "\n").last.map(String.init)
        #expect(legend == "● object ball  ● cue ball  ● where it ends  ┄┄ truth (data)  ── model  • tick  ■ target  → shot (the cue ball's impulse)")
    }

    @Test func terminalColoursPaintEachBallAndTheLegend() {
        let figure = TableView(truth: Self.movingBalls()).frame(0, slow: 1)
        let text = figure.terminal(width: 80, colors: true)
        #expect(text.contains("\u{1B}[38;5;\(Palette.ball(0).ansi256)m"))
        #expect(text.contains("\u{1B}[38;5;\(Palette.ball(1).ansi256)m"))
        #expect(Palette.ball(0).ansi256 != Palette.ball(1).ansi256)
        // Black and near-white read on neither a dark nor a light terminal: mid grays instead.
        #expect(RGB.black.terminal256 == 244 && Palette.burnIn.terminal256 == 248 && !text.contains("38;5;16m"))
        // Without the escapes, the coloured text is the plain text.
        let stripped = text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        #expect(stripped == figure.terminal(width: 80, colors: false))
    }

    @Test func imagesShrinkToFitAndPanelsStackWhenTooNarrow() {
        let frame = [Float](repeating: 1, count: 28 * 28)
        let rows = FrameRowsView(side: 28, truth: Array(repeating: frame, count: 6), model: Array(repeating: frame, count: 6), tickFrames: [2])
        let text = rows.figure(frames: Array(0..<6)).terminal(width: 80, colors: false)
        let lines = text.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(lines.first?.hasPrefix("t0") == true && lines.contains { $0.hasPrefix("m0") && $0.contains("m2•") })
    }
}
