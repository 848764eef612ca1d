import Foundation
import Testing
import TestSupport
import Workbench

/// A front end that shows pictures itself (the Jupyter kernel) gets every picture a
/// statement draws or writes, as bytes an independent decoder reads; the statements and the
/// session stay as typed.
@Suite struct PictureDisplayTests {
    func interpreter(_ shown: Box) -> (Interpreter, BufferConsole) {
        let console = BufferConsole()
        let interpreter = Interpreter(console: console)
        interpreter.pictureDisplay = { shown.pictures.append($0) }
        return (interpreter, console)
    }

    final class Box: @unchecked Sendable { var pictures: [DisplayedPicture] = [] }

    @Test(.enabled(if: ImageDecoder.isAvailable, Comment(rawValue: ImageDecoder.missing)))
    func everyPictureGoesToTheFrontEnd() throws {
        let directory = TemporaryDirectory()
        let shown = Box()
        let (interpreter, console) = interpreter(shown)
        interpreter.outputDirectory = directory.root
        try interpreter.execute(line: "d = dataset lines n=32 seed=0; m = model jumpy d hidden=8 seed=1; r = rollout m d.test[0:2]")
        let before = console.output
        try interpreter.execute(line: "plot r")
        #expect(console.output == before, "plot drew terminal text beside its picture")
        try interpreter.execute(line: #"plot r "t.png"; animate r "r.gif" fps=2; play r"#)
        try interpreter.execute(line: #"compare m d figure="c.png""#)
        #expect(shown.pictures.map(\.mimeType) == ["image/png", "image/png", "image/gif", "image/gif", "image/png"])
        #expect(shown.pictures[0].caption.hasPrefix("plot: ") && shown.pictures[1].caption.hasPrefix("plot t.png: "))
        // The files a statement wrote are what was shown.
        #expect(shown.pictures[1].bytes == directory.contents("t.png"))
        #expect(shown.pictures[2].bytes == directory.contents("r.gif"))
        for (i, picture) in shown.pictures.enumerated() {
            let path = directory.write(picture.bytes, to: "shown-\(i)")
            let info = try #require(ImageDecoder.info(path), "picture \(i) does not decode")
            #expect(info.format == (picture.mimeType == "image/gif" ? "GIF" : "PNG"))
            #expect(picture.caption.contains("\(info.width)×\(info.height)"))
        }
        #expect(try #require(ImageDecoder.info(directory.write(shown.pictures[3].bytes, to: "played"))).frames > 1)
        // The session keeps the statements as typed.
        let session = interpreter.recorder.script(name: "s")
        #expect(session.contains("plot r\n") && session.contains("play r\n"))
    }

    /// After a statement Ctrl-C stopped, a value shown next is not reported as interrupted
    /// (a notebook's next cell `m.steps` stopped at once).
    @Test func aShownValueDoesNotInheritTheLastInterrupt() throws {
        let interpreter = Interpreter(console: BufferConsole())
        final class Pressed: @unchecked Sendable { var value = false }
        let pressed = Pressed()
        interpreter.isInterruptRequested = { pressed.value }
        try interpreter.execute(line: "d = dataset lines n=32 seed=0; m = model jumpy d hidden=8 seed=1")
        pressed.value = true
        try interpreter.execute(line: "train m d steps=50 batch=16 seed=2")
        #expect(interpreter.lastStatementInterrupted)
        pressed.value = false
        try interpreter.execute(line: "m.steps")
        #expect(!interpreter.lastStatementInterrupted)
    }
}
