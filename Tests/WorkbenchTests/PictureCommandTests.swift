import Foundation
import Testing
@testable import Workbench
import Plotting
import TestSupport

/// plot, animate and play through the interpreter; files checked by PIL.
@Suite struct PictureCommandTests {
    static func interpreter(colors: Bool = false) throws -> (Interpreter, BufferConsole) {
        let console = BufferConsole()
        console.supportsColor = colors
        let interpreter = Interpreter(console: console)
        try interpreter.execute(line: "d = dataset billiards2d n=20 seed=0")
        try interpreter.execute(line: "net = model jumpy d hidden=8 seed=1")
        try interpreter.execute(line: "r = rollout net d.test[0]")
        return (interpreter, console)
    }

    @Test(.enabled(if: ImageDecoder.isAvailable, Comment(rawValue: ImageDecoder.missing)))
    func animateARolloutShowsEachBallInItsColourInEveryFrame() throws {
        let directory = TemporaryDirectory()
        let (interpreter, console) = try Self.interpreter()
        let path = directory.path("r.gif")
        try interpreter.execute(line: #"animate r "\#(path)" slow=2 size=64"#)
        #expect(console.output.hasSuffix("wrote \(path): 89 frames\n"))          // 44 × 2 + 1
        let info = try #require(ImageDecoder.info(path))
        #expect(info.format == "GIF" && info.frames == 89 && info.loop == 0 && info.duration == 50)

        // Where each ball is, from the data and the rollout, independently of the drawing.
        let value = try #require(interpreter.bindings["r"]?.value)
        let animation = try Views.animation(value, trajectory: 0, slow: 2, fps: 20, size: 64)
        let subject = try Views.Subject(value, argument: "r")
        let times = Views.sampleTimes(subject.frames, slow: 2)
        let model = Views.modelSamples(subject.rollout!, 0, at: times)
        var points: [(frame: Int, x: Int, y: Int)] = [], expected: [[Int]] = []
        for (k, t) in times.enumerated() {
            let (f, w) = (Int(t), t - Double(Int(t)))
            func truth(_ j: Int) -> Double { f + 1 < subject.frames ? subject.value(f, 0, j) * (1 - w) + subject.value(f + 1, 0, j) * w : subject.value(f, 0, j) }
            let sides = [[Point(truth(0), truth(1)), Point(truth(2), truth(3))],
                         [Point(model[k][0], model[k][1]), Point(model[k][2], model[k][3])]]
            for (panel, balls) in sides.enumerated() {
                // The untrained model's balls may leave the table or overlap: only clear views count.
                let apart = hypot(balls[0].x - balls[1].x, balls[0].y - balls[1].y) > 0.15
                for (b, p) in balls.enumerated() where apart && (0.05...0.95).contains(p.x) && (0.05...0.95).contains(p.y) {
                    let pixel = animation.frames[k].pixel(of: p, inPanel: panel)
                    points.append((k, pixel.x, pixel.y))
                    let color = Palette.ball(b)
                    expected.append([Int(color.r), Int(color.g), Int(color.b)])
                }
            }
        }
        #expect(points.count > 180)                  // the truth's two balls in all 89 frames, and some model frames
        #expect(ImageDecoder.colors(path, at: points) == expected)
    }

    @Test(.enabled(if: ImageDecoder.isAvailable, Comment(rawValue: ImageDecoder.missing)))
    func plotWritesEachFormatAtomically() throws {
        let directory = TemporaryDirectory()
        let (interpreter, console) = try Self.interpreter()
        try interpreter.execute(line: "train net d steps=3 batch=8")
        for (line, file, format) in [(#"plot r "X""#, "r.png", "PNG"), (#"plot d.test[1] "X""#, "t.gif", "GIF"),
                                     (#"plot net "X""#, "m.png", "PNG"), (#"plot r "X" view=dt"#, "h.png", "PNG")] {
            try interpreter.execute(line: line.replacingOccurrences(of: "X", with: directory.path(file)))
            #expect(ImageDecoder.info(directory.path(file))?.format == format, "\(line)")
        }
        try interpreter.execute(line: #"plot r "\#(directory.path("r.svg"))""#)
        #expect(try String(contentsOfFile: directory.path("r.svg"), encoding: .utf8).hasPrefix("<svg"))
        // Nothing but the pictures: atomic writes leave no temporary files behind.
        #expect(directory.listing() == ["h.png", "m.png", "r.png", "r.svg", "t.gif"])
        #expect(console.output.contains("wrote \(directory.path("m.png"))"))
    }

    @Test func badPathsAreRefusedWithTheCaretUnderThem() throws {
        let setup = "d = dataset billiards2d n=20 seed=0"
        #expect(diagnostic(#"animate d.test[0] "t.png" fps=2"#, after: setup) == """
            t:1:19: error: pictures are written as .gif files, not .png
              animate d.test[0] "t.png" fps=2
                                ^~~~~~~
            """)
        #expect(diagnostic(#"plot d "plot""#, after: setup).contains("not a path without an extension"))
        // A directory that cannot be made: its parent is a file.
        let directory = TemporaryDirectory()
        try Data("x".utf8).write(to: URL(fileURLWithPath: directory.path("file")))
        let unwritable = directory.path("file/d.png")
        let missing = diagnostic(#"plot d "\#(unwritable)""#, after: setup)
        #expect(missing.hasPrefix("t:1:8: error: cannot write \(unwritable)"), "\(missing)")
        #expect(directory.listing() == ["file"])
        #expect(diagnostic(#"plot d.test[0] trajectory=3"#, after: setup).contains("trajectory 3 is out of range: there are 1"))
        #expect(diagnostic(#"plot d.test[0] view=frames"#, after: setup).contains("4 features are not a square image"))
        #expect(diagnostic(#"plot d.test[0] view=dt"#, after: setup).contains("a Δt histogram needs a rollout"))
    }

    @Test func aFailedWriteKeepsTheOldFileAndTheBindings() throws {
        let directory = TemporaryDirectory()
        let (interpreter, _) = try Self.interpreter()
        let path = directory.path("r.gif")
        try interpreter.execute(line: #"animate r "\#(path)" fps=1 size=32"#)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let names = interpreter.order
        #expect(throws: WorkbenchError.self) { try interpreter.execute(line: #"animate r "\#(path)" trajectory=5"#) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(interpreter.order == names)
    }

    @Test func playPrintsAStaticStripWhenNotATerminal() throws {
        let (interpreter, console) = try Self.interpreter()
        try interpreter.execute(line: "play r")
        let text = console.output.components(separatedBy: "r: rollout").last ?? ""
        #expect(text.contains("truth (data) @0") && text.contains("jumpy model @0") && text.contains("truth (data) @44"))
        #expect(!text.contains("\u{1B}"))
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func plotsFitTheConsoleWidth() throws {
        let (interpreter, console) = try Self.interpreter()
        console.columns = 50
        try interpreter.execute(line: "train net d steps=2 batch=8")
        for line in ["plot r", "plot r view=time", "plot d", "plot net", "plot r view=dt"] {
            let start = console.output.count
            try interpreter.execute(line: line)
            let text = String(console.output.dropFirst(start))
            #expect(text.split(separator: "\n").allSatisfy { $0.count <= 50 }, "\(line):\n\(text)")
        }
    }

    @Test func colouredPlotUsesEachBallsColourAndStripsToThePlainOne() throws {
        let (interpreter, console) = try Self.interpreter(colors: true)
        try interpreter.execute(line: "plot d.test[0]")
        let colored = String(console.output.drop { _ in false }).components(separatedBy: "r: rollout").last!
            .split(separator: "\n").drop { !$0.hasPrefix("Billiards2d") }.joined(separator: "\n")
        #expect(colored.contains("\u{1B}[38;5;\(Palette.ball(0).ansi256)m"))
        #expect(colored.contains("\u{1B}[38;5;\(Palette.ball(1).ansi256)m"))
        let (plainInterpreter, plainConsole) = try Self.interpreter()
        try plainInterpreter.execute(line: "plot d.test[0]")
        let plain = plainConsole.output.components(separatedBy: "r: rollout").last!
            .split(separator: "\n").drop { !$0.hasPrefix("Billiards2d") }.joined(separator: "\n")
        #expect(colored.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression) == plain)
    }
}

extension PictureCommandTests {
    /// The whole terminal picture, colours off, as a reader sees it: the truth of a lines
    /// trajectory (y is constant there, so only x is drawn, and the caption says so in the
    /// lesson's words), the x ticks under their columns, each axis named with its range.
    @Test func plainPlotTranscript() {
        let (text, result, _) = transcript("d = dataset lines n=4 seed=0\nplot d.test[0]")
        #expect(result == .completed)
        #expect(text == """
            d: dataset lines: train [21, 3, 2], test [21, 1, 2]
            Lines, trajectory 0
            ⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⣀⣀
            ⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⢀⣀⠤⠔⠒⠉⠀⠀
            ⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⣀⡠⠔⠒⠉⠁⠀⠀⠀⠀⠀⠀⠀
            ⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⣀⡠⠤⠒⠋⠉⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀
            ⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⢀⣠⠤⠒⠒⠉⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀
            ⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⢀⣀⠤⠔⠒⠉⠁⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀
            ⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⣀⡠⠤⠒⠋⠁⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀
            ⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⢀⣠⠤⠒⠊⠉⠁⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀
            ⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⢀⣀⠤⠔⠊⠉⠁⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀
            ⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⣀⠤⠔⠒⠋⠁⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀
            ⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⣀⡠⠤⠒⠊⠉⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀
            ⠀⠀⠀⠀⠀⠀⠀⣀⣀⠤⠔⠊⠉⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀
            ⠀⠀⣀⠤⠔⠒⠉⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀
            ⠉⠉⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀
            0                 5                10               15                20
            → time (frames) 0…20, ↑ position x -0.105…2.2
            ── position (x)
            y stays at 0.823 throughout (not drawn)
            
            """)
    }
}
