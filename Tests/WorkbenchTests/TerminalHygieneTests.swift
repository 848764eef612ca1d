import Foundation
import Testing
import TestSupport
@testable import Workbench

/// Issue 26, terminal hygiene: progress lines erased before results, rates in their units,
/// `--check` and `--render` writing into their own directories, notebooks naming their script
/// as given.
@Suite struct TerminalHygieneTests {
    func jumpy(_ arguments: [String], stdin: String = "", in directory: String,
               mergingStderr: Bool = false) throws -> Subprocess.Result {
        let binary = try #require(InteractiveTests.jumpyBinary())
        return Subprocess.run(binary, arguments, stdin: stdin, directory: directory, mergingStderr: mergingStderr)
    }

    /// What a terminal would show on each line: the text after the last carriage return, with
    /// erase-line codes removed.
    static func visibleLines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.split(separator: "\r", omittingEmptySubsequences: false).last ?? "")
                .replacingOccurrences(of: "\u{1B}[K", with: "")
        }
    }

    @Test func animateErasesItsProgressBeforeTheResult() throws {
        let directory = TemporaryDirectory()
        let script = """
            set progress=on
            d = dataset billiards2d n=20 seed=0
            animate d.test[0] "t.gif" fps=1 size=32
            """
        let run = try jumpy([], stdin: script, in: directory.root, mergingStderr: true)
        #expect(run.status == 0, "\(run.stdout)")
        // A fast run may draw only "animate  0/45" (the rate needs elapsed time), so the unit is
        // checked in `progressRateNamesItsUnit`; here, at least it never says steps.
        #expect(run.stdout.contains("animate  "), "\(run.stdout)")
        #expect(!run.stdout.contains("steps/s"))
        let lines = Self.visibleLines(run.stdout)
        let wrote = try #require(lines.first { $0.contains("wrote t.gif") }, "\(run.stdout)")
        #expect(wrote.hasPrefix("wrote t.gif"), "leftover progress before the result: \(wrote)")
        // Every line the terminal shows is either a result or empty: no progress is left.
        #expect(!lines.contains { $0.contains("ETA") }, "\(lines)")
    }

    @Test func progressRateNamesItsUnit() {
        #expect(Progress.line(label: "plan jumpy", step: 100, total: 250, loss: nil, unit: "candidates", elapsed: 2)
                == "plan jumpy  100/250  50 candidates/s  ETA 0:03")
        #expect(Progress.line(label: "train r", step: 10, total: 20, loss: nil, unit: "steps", elapsed: 1)
                == "train r  10/20  10 steps/s  ETA 0:01")
    }

    @Test func checkWritesNothingIntoTheWorkingDirectory() throws {
        let directory = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.path("sessions"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory.path("data"), withIntermediateDirectories: true)
        let mine = Data("my own picture".utf8)
        #expect(FileManager.default.createFile(atPath: directory.path("x.png"), contents: mine))
        let script = """
            d = dataset billiards2d n=20 seed=0
            plot d.test[0] "x.png"
            animate d.test[0] "data/t.gif" fps=1 size=32
            save d "data/d.safetensors"
            again = load "data/d.safetensors"
            export d.train "d.npy"
            save session copy
            """
        #expect(FileManager.default.createFile(atPath: directory.path("sessions/mine.jumpy"), contents: Data(script.utf8)))
        let run = try jumpy(["--check", "sessions/mine.jumpy"], in: directory.root)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(directory.contents("x.png") == [UInt8](mine))       // the user's file, untouched
        #expect(directory.listing() == ["data", "sessions", "x.png"])
        #expect(directory.listing("data") == [])
        #expect(directory.listing("sessions") == ["mine.jumpy"])
        #expect(run.stdout.contains("wrote x.png"))                // messages name the script's path
    }

    @Test func renderWritesEverythingIntoItsDirectory() throws {
        let directory = TemporaryDirectory()
        let script = """
            # A title
            d = dataset lines n=20 seed=0
            plot d.test[0] "x.png"
            save d "d.safetensors"
            again = load "d.safetensors"
            """
        #expect(FileManager.default.createFile(atPath: directory.path("mine.jumpy"), contents: Data(script.utf8)))
        let run = try jumpy(["--render", directory.path("mine.jumpy"), "--out", "out"], in: directory.root)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(directory.listing() == ["mine.jumpy", "out"])
        #expect(directory.listing("out").contains("x.png"))
        #expect(directory.listing("out").contains("d.safetensors"))
        // Given as an absolute path under the working directory: named relative to it.
        let index = String(decoding: directory.contents("out/index.md") ?? [], as: UTF8.self)
        #expect(index.hasPrefix("<!-- mine.jumpy replayed by jumpy --render"), "\(index.prefix(120))")
        #expect(!index.contains(directory.root))
    }

    @Test func notebookNamesItsScriptAsGiven() {
        #expect(NotebookRenderer.scriptName("examples/01-lines.jumpy") == "examples/01-lines.jumpy")
        #expect(NotebookRenderer.scriptName("/home/me/jumpy/examples/01-lines.jumpy", from: "/home/me/jumpy")
                == "examples/01-lines.jumpy")
        #expect(NotebookRenderer.scriptName("/home/me/jumpy/examples/01-lines.jumpy", from: "/home/me/jumpy/")
                == "examples/01-lines.jumpy")
        #expect(NotebookRenderer.scriptName("/tmp/x/mine.jumpy", from: "/home/me") == "mine.jumpy")
    }
}
