import Foundation
import Testing
import TestSupport
@testable import Workbench

/// `jumpy --render`: a replayed script as markdown with its pictures beside it.
@Suite struct NotebookTests {
    static let lesson = """
        # A small lesson
        # about lines.
        say "A point moves along a line;"
        say "an untrained model guesses."
        data = dataset lines n=20 seed=0
        # -> dataset lines: train [21, 18, 2], test [21, 2, 2]
        plot data
        pause "look at the line"

        net = model jumpy data hidden=4 seed=1
        r = rollout net data.test[0]
        animate r "plots/rollout.gif" fps=1 size=32
        play r
        plot r "elsewhere/r.png"
        """

    /// The blocks of a markdown file: fenced code (with its info string), images, paragraphs.
    enum Block: Equatable {
        case fence(info: String, text: String)
        case image(alt: String, file: String)
        case paragraph(String)
    }

    static func blocks(_ markdown: String) -> [Block] {
        var blocks = [Block]()
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        var paragraph = [String]()
        func endParagraph() {
            if !paragraph.isEmpty { blocks.append(.paragraph(paragraph.joined(separator: "\n"))) }
            paragraph = []
        }
        while let line = lines.popFirst() {
            if line.hasPrefix("```") {
                endParagraph()
                let fence = String(line.prefix { $0 == "`" })
                var body = [String]()
                while let inner = lines.popFirst(), inner != fence { body.append(inner) }
                blocks.append(.fence(info: String(line.dropFirst(fence.count)), text: body.joined(separator: "\n")))
            } else if line.hasPrefix("!["), let close = line.range(of: "]("), line.hasSuffix(")") {
                endParagraph()
                blocks.append(.image(alt: String(line[line.index(line.startIndex, offsetBy: 2)..<close.lowerBound]),
                                     file: String(line[close.upperBound...].dropLast())))
            } else if line.isEmpty {
                endParagraph()
            } else {
                paragraph.append(line)
            }
        }
        endParagraph()
        return blocks
    }

    @Test(.enabled(if: ImageDecoder.isAvailable, Comment(rawValue: ImageDecoder.missing)))
    func rendersProseCodeOutputAndPictures() throws {
        let directory = TemporaryDirectory()
        let out = directory.path("notebook")
        let rendered = try NotebookRenderer(directory: out).render(Self.lesson, source: "lesson.jumpy")
        #expect(rendered.result == .completed)
        #expect(rendered.index == out + "/index.md")
        let markdown = try String(contentsOfFile: out + "/index.md", encoding: .utf8)
        let blocks = Self.blocks(markdown)

        #expect(blocks.contains(.paragraph("# A small lesson")))
        #expect(blocks.contains(.paragraph("about lines.")))
        // Narration lines on consecutive lines read as one paragraph.
        #expect(blocks.contains(.paragraph("A point moves along a line;\nan untrained model guesses.")))
        #expect(blocks.contains(.paragraph("> ⏸ *look at the line*")))
        // A statement, then what it printed; the recorded `# ->` line is not repeated as code.
        let dataset = try #require(blocks.firstIndex(of: .fence(info: "jumpy", text: "data = dataset lines n=20 seed=0")))
        #expect(blocks[dataset + 1] == .fence(info: "text", text: "data: dataset lines: train [21, 18, 2], test [21, 2, 2]"))
        #expect(!markdown.contains("# ->"))

        let images = blocks.compactMap { block -> (alt: String, file: String)? in
            if case .image(let alt, let file) = block { return (alt, file) } else { return nil }
        }
        #expect(images.map(\.file) == ["figure-1.png", "rollout.gif", "figure-3.gif", "r.png"])
        #expect(images.map(\.alt) == ["plot data", #"animate r "plots/rollout.gif" fps=1 size=32"#, "play r", #"plot r "elsewhere/r.png""#])
        // Each picture follows the code block of the statement that drew it.
        let plot = try #require(blocks.firstIndex(of: .fence(info: "jumpy", text: "plot data")))
        #expect(blocks[plot + 1] == .image(alt: "plot data", file: "figure-1.png"))
        // Pictures land beside index.md, not where the script named them.
        #expect(directory.listing() == ["notebook"])
        #expect(directory.listing("notebook") == ["figure-1.png", "figure-3.gif", "index.md", "r.png", "rollout.gif"])

        for (_, file) in images {
            let info = try #require(ImageDecoder.info(out + "/" + file), "\(file) does not decode")
            #expect(info.format == (file.hasSuffix(".png") ? "PNG" : "GIF"))
            #expect(info.width > 16 && info.height > 16)
            if file.hasSuffix(".gif") { #expect(info.frames > 1, "\(file) is not animated") }
        }
        // "wrote …" lines are replaced by the pictures they announce.
        #expect(!markdown.contains("wrote "))
    }

    @Test func aFailingStatementWritesNoIndexAndSaysWhere() throws {
        let directory = TemporaryDirectory()
        let out = directory.path("nb")
        let rendered = try NotebookRenderer(directory: out).render("say \"hi\"\ndata = dataset lines n=0\n", source: "bad.jumpy")
        guard case .failed(let diagnostic) = rendered.result else {
            Issue.record("expected a failure, got \(rendered.result)")
            return
        }
        #expect(diagnostic.headline.hasPrefix("bad.jumpy:2:"))
        #expect(rendered.index == nil)
        #expect(!FileManager.default.fileExists(atPath: out + "/index.md"))
    }

    @Test func refusesAnOutputPathThatIsNotADirectory() throws {
        let directory = TemporaryDirectory()
        let file = directory.write(Array("x".utf8), to: "taken")
        #expect(throws: NotebookRenderer.Failure.notADirectory(file)) {
            try NotebookRenderer(directory: file).render("say \"hi\"", source: "s")
        }
        #expect(throws: NotebookRenderer.Failure.self) {
            try NotebookRenderer(directory: file + "/below").render("say \"hi\"", source: "s")
        }
        #expect(directory.contents("taken") == Array("x".utf8))
    }

    @Test func fencesOutlastBackticksInTheOutput() {
        #expect(NotebookCell.fenced("a ``` b", info: "text") == "````text\na ``` b\n````")
        #expect(NotebookCell.fenced("plain", info: "") == "```\nplain\n```")
    }

    @Test func theBinaryRendersAndReportsBadPaths() throws {
        let binary = try #require(InteractiveTests.jumpyBinary(), "build the jumpy product first")
        let directory = TemporaryDirectory()
        try "say \"hello\"\nx = dataset lines n=10 seed=0\n".write(toFile: directory.path("s.jumpy"), atomically: true, encoding: .utf8)
        let good = Subprocess.run(binary, ["--render", "s.jumpy", "--out", "out"], directory: directory.root)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout == "wrote out/index.md: 3 cells, 0 pictures\n")

        let missing = Subprocess.run(binary, ["--render", "nope.jumpy", "--out", "out2"], directory: directory.root)
        #expect(missing.status == 1)
        #expect(missing.stderr == "jumpy: --render nope.jumpy: cannot read the file\n")

        let blocked = Subprocess.run(binary, ["--render", "s.jumpy", "--out", "s.jumpy"], directory: directory.root)
        #expect(blocked.status == 1)
        #expect(blocked.stderr == "jumpy: --out s.jumpy: a file is in the way (expected a directory)\n")

        let noOut = Subprocess.run(binary, ["--render", "s.jumpy"], directory: directory.root)
        #expect(noOut.status != 0)
        #expect(noOut.stderr.contains("--render needs --out DIR"))
    }
}

/// `jumpy --record`: a lesson's results written under its statements.
@Suite struct ResultRecordingTests {
    @Test func replacesOldResultsAndKeepsNarration() {
        let interpreter = Interpreter(console: BufferConsole())
        let script = "say \"lines\"\nd = dataset lines n=10 seed=0\n# -> stale\n# a comment\nshow d\n"
        let (result, text) = interpreter.recordResults(script, source: "l.jumpy")
        #expect(result == .completed)
        #expect(text == "say \"lines\"\nd = dataset lines n=10 seed=0\n# -> dataset lines: train [21, 9, 2], test [21, 1, 2]\n# a comment\nshow d\n")
        // What it wrote passes --check.
        let replay = Interpreter(console: BufferConsole())
        #expect(replay.runScript(text ?? "", source: "l.jumpy", options: ReplayOptions(check: true)) == .completed)
    }

    @Test func aFailureGivesNoText() {
        let (result, text) = Interpreter(console: BufferConsole()).recordResults("d = dataset lines n=0\n", source: "l.jumpy")
        #expect(result.exitCode == 1)
        #expect(text == nil)
    }
}
