import Foundation
import Testing
@testable import Workbench
import Learning
import Plotting
import TestSupport

/// Pictures of plans and of model comparisons through the interpreter; files checked by PIL.
@Suite struct PlanPictureTests {
    static let models = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/models").path

    /// The shipped jumpy model of the shots world plans episode 10 (lesson 8's): the pictures
    /// are checked against where its own forecast and the simulator put the balls.
    static func interpreter() throws -> (Interpreter, BufferConsole) {
        let console = BufferConsole()
        let interpreter = Interpreter(console: console)
        try interpreter.execute(line: #"m = load "\#(models)/shots-jumpy.safetensors""#)
        try interpreter.execute(line: "p = plan m seed=10 budget=20")
        return (interpreter, console)
    }

    static func rgb(_ c: RGB) -> [Int] { [Int(c.r), Int(c.g), Int(c.b)] }

    /// An episode taken out of an evaluation (`e[1]`, or a slice's) keeps the model that
    /// planned it, so its picture forecasts both balls as the single plan's does.
    @Test func anEpisodeOfAnEvaluationForecastsBothBallsAsItsPlanDoes() throws {
        let (interpreter, _) = try Self.interpreter()
        try interpreter.execute(line: "e = plan m episodes=3 budget=20 seed=9")
        guard case .object(let e as PlansValue)? = interpreter.bindings["e"]?.value,
              case .object(let slice as PlansValue) = e.elements(1..<3),
              case .object(let q as PlanValue) = e.element(1),
              case .object(let s as PlanValue) = slice.element(0),
              case .object(let p as PlanValue)? = interpreter.bindings["p"]?.value else {
            Issue.record("e is not an evaluation"); return
        }
        for (name, plan) in [("p", p), ("e[1]", q), ("e[1:3][0]", s)] {
            #expect(plan.model != nil, "\(name)")
            let forecast = try #require(Views.planTable(plan).model, "\(name)")
            #expect(forecast.balls.count == 2, "\(name)")
        }
        // The episode with seed 10, planned alone or inside the evaluation: the same forecast.
        #expect(Views.planTable(p).model?.balls == Views.planTable(q).model?.balls)
        // And `animate e[1]` draws it (the command takes the element as it is).
        let directory = TemporaryDirectory()
        try interpreter.execute(line: #"animate e[1] "\#(directory.path("q.gif"))" slow=1"#)
        #expect(FileManager.default.fileExists(atPath: directory.path("q.gif")))
    }

    @Test(.enabled(if: ImageDecoder.isAvailable, Comment(rawValue: ImageDecoder.missing)))
    func plotOfAPlanPutsTheTargetBlackInItsCornerAndEachBallWhereTheSimulatorStartsIt() throws {
        let directory = TemporaryDirectory()
        let (interpreter, _) = try Self.interpreter()
        let path = directory.path("p.png")
        try interpreter.execute(line: #"plot p "\#(path)""#)
        guard case .object(let plan as PlanValue)? = interpreter.bindings["p"]?.value else { Issue.record("p is not a plan"); return }
        let figure = try Views.figure(.object(plan), trajectory: 0, view: nil)
        let info = try #require(ImageDecoder.info(path))
        #expect(info.width == figure.pixelSize.width && info.height == figure.pixelSize.height)
        let outcome = plan.plan.outcome
        // Each ball where it starts, half a radius from its centre: the object ball below it (its
        // ticks' Δt labels sit above), the cue ball away from the shot's arrow.
        let length = max(hypot(plan.plan.action.x, plan.plan.action.y), 1e-9)
        let offsets = [Point(0, 0.05), Point(-0.05 * plan.plan.action.x / length, -0.05 * plan.plan.action.y / length)]
        let start = (0..<2).map { b in
            figure.pixel(of: Point(outcome.position(ball: b, frame: 0).x + offsets[b].x, outcome.position(ball: b, frame: 0).y + offsets[b].y), inPanel: 0)
        }
        let corner = figure.pixel(of: Point(0.97, 0.03), inPanel: 0)
        let colors = try #require(ImageDecoder.colors(path, at: (start + [corner]).map { (0, $0.x, $0.y) }))
        // Ball 0 is the object ball (blue), ball 1 the cue ball (tan), as the blog draws them.
        #expect(colors == [Self.rgb(Palette.ball(0)), Self.rgb(Palette.ball(1)), [0, 0, 0]])
        let legend = figure.legend.map(\.label)
        #expect(Array(legend.prefix(2)) == ["object ball", "cue ball"])
        #expect(legend.contains("target") && legend.contains("shot (the cue ball's impulse)") && legend.contains("jumpy forecast"))
        // The forecast has both balls: the model predicts the cue ball too.
        #expect(Views.planTable(plan).model?.balls.count == 2)
    }

    @Test(.enabled(if: ImageDecoder.isAvailable, Comment(rawValue: ImageDecoder.missing)))
    func animateAPlanShowsEveryForecastBallAndEachTickForAWholeDataFrame() throws {
        let directory = TemporaryDirectory()
        let (interpreter, console) = try Self.interpreter()
        let path = directory.path("p.gif")
        try interpreter.execute(line: #"animate p "\#(path)" slow=3 fps=15 size=96"#)
        #expect(console.output.contains("wrote \(path): 133 frames"))
        let info = try #require(ImageDecoder.info(path))
        #expect(info.frames == 133 && info.duration == 70)
        guard case .object(let plan as PlanValue)? = interpreter.bindings["p"]?.value else { Issue.record("p is not a plan"); return }
        let view = Views.planTable(plan)
        let animation = try Views.animation(.object(plan), trajectory: 0, slow: 3, fps: 15, size: 96)
        let forecast = try #require(view.model)
        // Each forecast ball in its colour where the model puts it, wherever it is clearly on
        // the table and apart from the other.
        var points: [(frame: Int, x: Int, y: Int)] = [], expected: [[Int]] = []
        for k in stride(from: 0, to: 133, by: 4) {
            let t = Double(k) / 3
            let balls = (0..<2).map { forecast.position($0, at: t) }
            guard hypot(balls[0].x - balls[1].x, balls[0].y - balls[1].y) > 0.22 else { continue }
            // (The shot's arrow lies over the cue ball for three data frames from frame 3.)
            for (b, p) in balls.enumerated() where (0.05...0.95).contains(p.x) && (0.05...0.95).contains(p.y) && !(b == 1 && (3..<6).contains(t)) {
                let pixel = animation.frames[k].pixel(of: p, inPanel: 1)
                points.append((k, pixel.x, pixel.y))
                expected.append(Self.rgb(Palette.ball(b)))
            }
        }
        #expect(Set(expected).count == 2 && points.filter { $0.frame > 12 }.count > 20, "both balls, after the shot too: \(points.count)")
        #expect(ImageDecoder.colors(path, at: points) == expected)
        // The first tick after the frames shown outlines the forecast panel for a whole data
        // frame: three animation frames in a row at slow=3, and not the frame before.
        let tick = try #require(view.ticks.first { $0 >= 4 })
        let first = Int((tick * 3).rounded(.up))
        let edge = animation.frames[first].pixel(of: Point(0.5, 0), inPanel: 1)
        let outline = try #require(ImageDecoder.colors(path, at: ((first - 1)...(first + 2)).map { ($0, edge.x, edge.y) }))
        #expect(outline.map { $0 == Self.rgb(Palette.ticks) } == [false, true, true, true], "tick at \(tick): \(outline)")
    }

    /// `compare` of an rnn, an odernn and a jumpy model draws the hero figure's three panels:
    /// burn-in frames black, each model's ticks in its colour (rnn red, odernn green, jumpy blue).
    @Test(.enabled(if: ImageDecoder.isAvailable, Comment(rawValue: ImageDecoder.missing)))
    func compareDrawsTheHeroPanelsOneAModelInItsColour() throws {
        let directory = TemporaryDirectory()
        let console = BufferConsole()
        let interpreter = Interpreter(console: console)
        try interpreter.execute(line: "d = dataset billiards1d n=20 seed=0")
        for kind in ["rnn", "odernn", "jumpy"] { try interpreter.execute(line: "\(kind) = model \(kind) d hidden=8 seed=1") }
        let path = directory.path("c.png")
        try interpreter.execute(line: #"compare rnn odernn jumpy d figure="\#(path)""#)
        #expect(ImageDecoder.info(path)?.format == "PNG")
        // Rebuild the figure the command drew, to know where its marks are.
        guard case .object(let data as DatasetValue)? = interpreter.bindings["d"]?.value else { Issue.record("no d"); return }
        var models: [SequenceModel] = []
        for name in ["rnn", "odernn", "jumpy"] {
            guard case .object(let m as ModelValue)? = interpreter.bindings[name]?.value else { Issue.record("no \(name)"); return }
            models.append(m.model)
        }
        let rows = zip(["rnn", "odernn", "jumpy"], models).map { (name: $0.0, evaluation: $0.1.evaluate(on: data.test, burnIn: 4)) }
        let figure = Views.comparison(rows, models: models, data: data.test, burnIn: 4)
        #expect(figure.panels.count == 3 && figure.pixelSize == (ImageDecoder.info(path)!.width, ImageDecoder.info(path)!.height))
        var points: [(frame: Int, x: Int, y: Int)] = [], expected: [[Int]] = []
        for (i, kind) in ["rnn", "odernn", "jumpy"].enumerated() {
            for mark in figure.panels[i].marks {
                guard case .dot(let p, let color, _, _, _) = mark, color == Palette.kind(kind) || color == Palette.burnInDots else { continue }
                let pixel = figure.pixel(of: p, inPanel: i)
                points.append((0, pixel.x, pixel.y))
                expected.append(Self.rgb(color))
            }
            #expect(figure.panels[i].title.hasPrefix("\(kind): "))
        }
        #expect(expected.filter { $0 == [0, 0, 0] }.count >= 12)                 // 4 burn-in frames × 3 panels (and the second ball's)
        #expect(Set(expected).count == 4, "black and the three kinds' colours")
        #expect(ImageDecoder.colors(path, at: points) == expected)
    }
}

