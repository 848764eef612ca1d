import Tensor
import Foundation
import Testing
import TestSupport
import Workbench

/// Saved sessions replay to the same output, and `--check` notices a changed result.
@Suite struct SessionTests {
    static let session = """
        set seed=11
        data = dataset billiards2d n=40
        lines = dataset lines n=12 split=0.5
        show data.test[1]
        say "done"
        help say
        vars
        """

    @Test func savedSessionReplaysToTheSameOutput() throws {
        let directory = TemporaryDirectory()
        let first = transcript(Self.session)
        #expect(first.result == .completed)
        let path = try first.interpreter.recorder.save(name: "demo", in: directory.root)
        #expect(directory.listing("sessions") == ["demo.jumpy"])
        let saved = try String(contentsOfFile: path, encoding: .utf8)
        let lines = saved.split(separator: "\n").map(String.init)
        #expect(lines[0] == "# jumpy session \"demo\", workbench \(WorkbenchInfo.version)")
        // Results do not depend on the thread count or the CPU, so the header names neither.
        #expect(lines[1].hasPrefix("# saved ") && lines[1].hasSuffix(" UTC"))
        // Seeds drawn from `set seed` are written out; help and vars are not recorded.
        #expect(Array(lines[3...]) == [
            "set seed=11",
            "data = dataset billiards2d n=40 seed=11",
            "# -> dataset billiards2d: train [45, 36, 4], test [45, 4, 4]",
            "lines = dataset lines n=12 seed=12 split=0.5",
            "# -> dataset lines: train [21, 6, 2], test [21, 6, 2]",
            "show data.test[1]",
            "say \"done\"",
        ])

        // Replayed without `set seed`, in a fresh interpreter, the output is the same, apart
        // from help and vars which the session does not keep.
        let replay = transcript(saved, options: ReplayOptions(check: true))
        #expect(replay.result == .completed)
        let kept = first.text.components(separatedBy: "usage: say")[0]
        #expect(replay.text == kept)
    }

    /// Headers from before results stopped depending on the machine name a thread count and
    /// an OpenBLAS kernel; they are comments, and such sessions replay under --check.
    @Test func anOldHeaderStillReplays() {
        let first = transcript("d = dataset lines n=30 seed=2")
        var lines = first.interpreter.recorder.script(name: "x").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[1].hasPrefix("# saved "))
        lines[1] = "# saved 2025-06-01 14:03:12 UTC, threads 4, OpenBLAS kernel Prescott"
        #expect(transcript(lines.joined(separator: "\n"), options: ReplayOptions(check: true)).result == .completed)
    }

    @Test func checkCatchesAChangedNumber() throws {
        let first = transcript("d = dataset lines n=30 seed=2")
        let saved = first.interpreter.recorder.script(name: "x")
        #expect(transcript(saved, options: ReplayOptions(check: true)).result == .completed)

        let tampered = saved.replacingOccurrences(of: "train [21, 27, 2]", with: "train [21, 28, 2]")
        #expect(tampered != saved)
        let result = transcript(tampered, options: ReplayOptions(check: true)).result
        #expect(result == .mismatch("""
            t.jumpy:5: check failed: recorded 'dataset lines: train [21, 28, 2], test [21, 3, 2]', replay gave 'dataset lines: train [21, 27, 2], test [21, 3, 2]'
            t.jumpy:4: note: the result of `d = dataset lines n=30 seed=2`
              recorded: dataset lines: train [21, 28, 2], test [21, 3, 2]
              replayed: dataset lines: train [21, 27, 2], test [21, 3, 2]
                                                   ^ first difference, character 28
            """))
        #expect(result.exitCode == 2)
        // Without --check the same file just runs.
        #expect(transcript(tampered).result == .completed)
    }

    @Test func runNestsScriptsWithALimit() throws {
        let directory = TemporaryDirectory()
        let inner = directory.path("inner.jumpy")
        try "say \"inner\"\nd = dataset lines n=4 seed=0".write(toFile: inner, atomically: true, encoding: .utf8)
        let (text, result, interpreter) = transcript("run \"\(inner)\"\nsay \"outer\"")
        #expect(result == .completed)
        #expect(text == "inner\nd: dataset lines: train [21, 3, 2], test [21, 1, 2]\nouter\n")
        // The nested statements are recorded, not the `run`.
        #expect(interpreter.recorder.entries.map(\.statement) == ["say \"inner\"", "d = dataset lines n=4 seed=0", "say \"outer\""])

        let loop = directory.path("loop.jumpy")
        try "run \"\(loop)\"".write(toFile: loop, atomically: true, encoding: .utf8)
        let (looped, loopResult, _) = transcript("run \"\(loop)\"")
        #expect(loopResult.exitCode == 1)
        #expect(looped.contains("error: run is nested 8 deep; does the script run itself?"))
    }

    @Test func errorInsideRunNamesTheInnerFile() throws {
        let directory = TemporaryDirectory()
        let inner = directory.path("bad.jumpy")
        try "say \"ok\"\nshow nothing".write(toFile: inner, atomically: true, encoding: .utf8)
        let (text, result, _) = transcript("run \"\(inner)\"")
        #expect(result.exitCode == 1)
        #expect(text.contains("\(inner):2:6: error: undefined variable 'nothing'"))
    }

    @Test func datasetFilesRoundTrip() throws {
        let directory = TemporaryDirectory()
        let file = directory.path("d.safetensors")
        let (text, result, interpreter) = transcript("""
            d = dataset billiards1d n=10 seed=5
            save d "\(file)"
            e = load "\(file)"
            export e.test "\(directory.path("test.npy"))"
            t = load "\(directory.path("test.npy"))"
            """)
        #expect(result == .completed, "\(text)")
        guard case .object(let d as DatasetValue)? = interpreter.bindings["d"]?.value,
              case .object(let e as DatasetValue)? = interpreter.bindings["e"]?.value,
              case .object(let t as Trajectories)? = interpreter.bindings["t"]?.value else {
            Issue.record("unexpected bindings")
            return
        }
        #expect(e.train.scalars == d.train.scalars && e.test.scalars == d.test.scalars)
        #expect(e.details == d.details)
        #expect(t.tensor.scalars == d.test.scalars)
        // A corrupt file is refused with one clear error and binds nothing.
        _ = directory.write([1, 2, 3], to: "bad.safetensors")
        #expect(diagnostic("x = load \"\(directory.path("bad.safetensors"))\"").contains("error: \(directory.path("bad.safetensors")): truncated"))
    }
}
