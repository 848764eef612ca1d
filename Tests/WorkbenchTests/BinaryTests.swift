import Foundation
import Testing
import TestSupport

/// The `jumpy` executable's replay modes and exit statuses.
@Suite struct BinaryTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func jumpy(_ arguments: [String], stdin: String = "", in directory: String) throws -> Run {
        let binary = try #require(InteractiveTests.jumpyBinary())
        let result = Subprocess.run(binary, arguments, stdin: stdin, directory: directory)
        return Run(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    @Test func pipedSessionSavesAndReplaysAndChecks() throws {
        let directory = TemporaryDirectory()
        let first = try jumpy([], stdin: "d = dataset billiards2d n=50 seed=1\nshow d.train[0]\nsave session demo\n", in: directory.root)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("d: dataset billiards2d: train [45, 45, 4], test [45, 5, 4]\n1 trajectory of 45 frames"))
        #expect(first.stdout.hasSuffix("saved 2 statements to sessions/demo.jumpy\n"))

        let replay = try jumpy(["sessions/demo.jumpy"], in: directory.root)
        #expect(replay.status == 0)
        #expect(first.stdout.hasPrefix(replay.stdout))

        let check = try jumpy(["--check", "sessions/demo.jumpy"], in: directory.root)
        #expect(check.status == 0, "\(check.stderr)")

        let path = directory.path("sessions/demo.jumpy")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "test [45, 5, 4]", with: "test [45, 6, 4]")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let changed = try jumpy(["--check", "sessions/demo.jumpy"], in: directory.root)
        #expect(changed.status == 2)
        #expect(changed.stderr.hasPrefix("sessions/demo.jumpy:5: check failed: recorded 'dataset billiards2d: train [45, 45, 4], test [45, 6, 4]'"))
    }

    @Test func inlineStatementsStopAtTheFirstError() throws {
        let directory = TemporaryDirectory()
        let run = try jumpy(["-c", "say \"a\"; dataset lines n=-1; say \"b\""], in: directory.root)
        #expect(run.status == 1)
        #expect(run.stdout == "a\n")
        #expect(run.stderr == """
            -c:1:26: error: n = -1 is out of range: 'n' must be an integer in 1...1000000
              say "a"; dataset lines n=-1; say "b"
                                       ^~

            """)
    }

    @Test func echoPrintsStatements() throws {
        let directory = TemporaryDirectory()
        try "say \"x\"\n# note\nsay \"y\"\n".write(toFile: directory.path("s.jumpy"), atomically: true, encoding: .utf8)
        let run = try jumpy(["--echo", "s.jumpy"], in: directory.root)
        #expect(run.stdout == "> say \"x\"\nx\n> say \"y\"\ny\n")
    }
}

extension BinaryTests {
    /// The session shipped in `sessions/` (the README's walk-through: a dataset, an RNN and a
    /// jumpy model trained, compared, rolled out) replays to its recorded numbers.
    @Test func shippedQuickstartSessionPassesCheck() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let session = root.appendingPathComponent("sessions/quickstart.jumpy").path
        let directory = TemporaryDirectory()
        let check = try jumpy(["--check", session], in: directory.root)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stderr.contains("check passed"))
        #expect(check.stdout.contains("net: 200 steps"))
    }

    /// A lesson runs in batch mode from standard input, as `make run < lesson` does.
    @Test func lessonRunsFromStandardInput() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let lesson = try String(contentsOfFile: root.appendingPathComponent("examples/01-lines.jumpy").path, encoding: .utf8)
        let directory = TemporaryDirectory()
        let run = try jumpy([], stdin: lesson, in: directory.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("rn: rollout of 1 trajectory: 4 ticks (0 after burn-in)"))
        #expect(!run.stdout.contains("\u{1B}["))          // no escape codes when not on a terminal
    }
}
