import Foundation
import Testing
import Tensor
import TestSupport

/// The lessons' regression suite: every lesson (`examples/*.jumpy`) and every shipped session
/// (`sessions/*.jumpy`) replays under `--check` at one thread, and again on every other kernel
/// path at other thread counts, so a change that moves a recorded `# ->` result, or breaks a
/// statement, fails here and names the file and line.
@Suite struct LessonTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Repository-relative paths of the scripts to replay. Sweep files (a first statement
    /// `sweep …`, e.g. sessions/small-sweep.jumpy and paper-sweep.jumpy) are left out: they are
    /// templates with `{placeholders}` that only `jumpy sweep` expands, not scripts `--check`
    /// can replay (`jumpy sessions/small-sweep.jumpy` stops at the unknown command `sweep`).
    static let scripts: [String] = ["examples", "sessions"].flatMap { folder -> [String] in
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
        return names.filter { $0.hasSuffix(".jumpy") }.sorted().map { folder + "/" + $0 }
            .filter { !isSweepTemplate(read($0)) }
    }

    static func read(_ relative: String) -> String {
        (try? String(contentsOfFile: root.appendingPathComponent(relative).path, encoding: .utf8)) ?? ""
    }

    /// Whether the first line that is not blank or a comment is a `sweep` statement.
    static func isSweepTemplate(_ text: String) -> Bool {
        let first = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty && !$0.hasPrefix("#") }
        return first.map { $0 == "sweep" || $0.hasPrefix("sweep ") } ?? false
    }

    /// Runs `jumpy --threads 1 --check FILE` in a scratch directory that sees the repository's
    /// `examples/` (lessons load `examples/models/…`), so files a lesson writes stay out of the
    /// checkout.
    static func check(_ path: String, threads: Int = 1, kernel: String? = nil) throws -> Subprocess.Result {
        let binary = try #require(InteractiveTests.jumpyBinary(), "build the jumpy product first")
        let scratch = TemporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: scratch.path("examples"),
                                                   withDestinationPath: root.appendingPathComponent("examples").path)
        return withExtendedLifetime(scratch) {
            Subprocess.run(binary, ["--threads", "\(threads)", "--check", path], directory: scratch.root,
                           environment: kernel.map { ["JUMPY_KERNEL": $0] } ?? [:])
        }
    }

    /// Another machine, as far as one machine can play it: a kernel path other than the best
    /// (`JUMPY_KERNEL`) at another thread count. Every script replays on AVX2 at three threads
    /// (when the CPU has more than AVX2); the portable path, which emulates each fused
    /// multiply-add (about 75× slower), replays the scripts that train least, at two threads.
    /// The unit tests run training, rollouts and products through every path.
    static func otherMachines(for script: String) -> [(kernel: KernelPath, threads: Int)] {
        var runs: [(KernelPath, Int)] = []
        if KernelPath.best > .avx2 { runs.append((.avx2, 3)) }
        if KernelPath.best > .portable && portableScripts.contains(script) { runs.append((.portable, 2)) }
        return runs
    }

    static let portableScripts = ["examples/01-lines.jumpy", "sessions/quickstart.jumpy"]

    @Test func findsTheLessonsAndSessions() {
        #expect(Self.scripts.contains("examples/01-lines.jumpy"))
        #expect(Self.scripts.contains("sessions/quickstart.jumpy"))
        #expect(!Self.scripts.contains("sessions/small-sweep.jumpy"))
        #expect(!Self.isSweepTemplate(Self.read("examples/01-lines.jumpy")))
        #expect(Self.portableScripts.allSatisfy(Self.scripts.contains))
        #expect(Self.isSweepTemplate("# a grid\n\nsweep seed=0:3\nd = dataset lines n=10 seed={seed}\n"))
    }

    @Test(arguments: scripts)
    func replaysToItsRecordedResults(_ script: String) throws {
        let text = Self.read(script)
        // A lesson without recorded results would pass --check while checking nothing.
        #expect(text.contains("\n# -> "), "\(script) records no results")
        let run = try Self.check(Self.root.appendingPathComponent(script).path)
        #expect(run.status == 0, "\(script):\n\(run.stderr.suffix(2000))")
        #expect(run.stderr.contains("check passed"), "\(run.stderr.suffix(2000))")
    }

    /// Every lesson and session replays to the same digits on another kernel path and thread
    /// count than it was recorded with (see docs/reproducibility.md).
    @Test(arguments: scripts)
    func replaysToTheSameDigitsOnAnotherPathAndThreadCount(_ script: String) throws {
        for (kernel, threads) in Self.otherMachines(for: script) {
            let run = try Self.check(Self.root.appendingPathComponent(script).path, threads: threads,
                                     kernel: kernel.description)
            #expect(run.status == 0, "\(script), JUMPY_KERNEL=\(kernel) --threads \(threads):\n\(run.stderr.suffix(2000))")
            #expect(run.stderr.contains("check passed"))
        }
    }

    /// The suite can fail: a lesson whose first recorded result is altered stops with status 2
    /// at that line.
    @Test func aChangedRecordedResultFails() throws {
        let lines = Self.read("examples/01-lines.jumpy").split(separator: "\n", omittingEmptySubsequences: false)
        let index = try #require(lines.firstIndex { $0.hasPrefix("# -> ") })
        var changed = lines.map(String.init)
        changed[index] += " (altered)"
        let scratch = TemporaryDirectory()
        try changed.joined(separator: "\n").write(toFile: scratch.path("lesson.jumpy"), atomically: true, encoding: .utf8)
        let run = try Self.check(scratch.path("lesson.jumpy"))
        #expect(run.status == 2)
        #expect(run.stderr.contains("lesson.jumpy:\(index + 1): check failed: recorded '"), "\(run.stderr)")
    }
}
