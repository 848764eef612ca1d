import ArgumentParser
import Foundation
import Fuzzing
#if canImport(Glibc)
import Glibc
#endif

/// `jumpy-bench fuzz`: seeded hostile lines through the full interpreter, in child processes
/// of `--chunk` inputs each, so a crash is counted (and named) instead of ending the run.
struct FuzzBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz", abstract: "Fuzz the parser and interpreter: crashes, hangs over 1 s of CPU, bindings changed by failures.")

    @Option(help: "Inputs in all.") var inputs = 1_000_000
    @Option(help: "The first input's number (to split a run between processes).") var from = 0
    @Option(help: "Seed of the generator.") var seed: UInt64 = 1
    @Option(help: "Inputs per child process.") var chunk = 20_000
    @Option(help: "The repository (its examples/ and sessions/ seed the mutations).") var root = "."
    @Option(help: "(internal) run inputs from here in this process, print counts.") var worker: Int?
    @Option(help: "(internal) the scratch directory of a worker.") var directory: String?

    func run() throws {
        let corpus = InterpreterFuzzer.corpus(root: root)
        if let first = worker {
            try runWorker(first: first, corpus: corpus)
            return
        }
        let scratch = try Scratch()
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        print("fuzz: inputs \(from)..<\(from + inputs), seed \(seed), corpus \(corpus.count) lines, chunks of \(chunk)")
        var totals = [String: Double](), crashes: [String] = [], notes: [String] = []
        let start = Date()
        for first in stride(from: from, to: from + inputs, by: chunk) {
            let count = min(chunk, from + inputs - first)
            let directory = scratch.path + "/w\(first)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let result = Child.run(me, ["fuzz", "--worker", "\(first)", "--inputs", "\(count)", "--seed", "\(seed)",
                                        "--root", root, "--directory", directory], directory: directory)
            if result.status != 0 {
                let at = (try? String(contentsOfFile: directory + "/current", encoding: .utf8)) ?? "?"
                crashes.append("chunk from \(first): exit status \(result.status) at input \(at.trimmingCharacters(in: .whitespaces)): \(result.stderr.suffix(300))")
            }
            for line in result.stdout.split(separator: "\n") {
                let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
                if parts.count == 2, let value = Double(parts[1]) {
                    totals[parts[0]] = parts[0].hasPrefix("slowest") ? max(totals[parts[0]] ?? 0, value) : (totals[parts[0]] ?? 0) + value
                } else {
                    notes.append(String(line))
                }
            }
            try? FileManager.default.removeItem(atPath: directory)
            FileHandle.standardError.write("  \(first + count - from) inputs, \(Int(Date().timeIntervalSince(start))) s\n".data(using: .utf8)!)
        }
        func count(_ key: String) -> Int { Int(totals[key] ?? 0) }
        print("inputs run:              \(count("inputs"))")
        print("  parse errors:          \(count("parse"))")
        print("  failed statements:     \(count("failed"))")
        print("  succeeded:             \(count("succeeded"))")
        print("crashes:                 \(crashes.count)")
        print("hangs over 1 s of CPU:   \(count("hangs"))")
        print("bindings changed by a failed statement: \(count("changed"))")
        print(String(format: "slowest input:           %.3f s of CPU, %.3f s of wall time", totals["slowest"] ?? 0, totals["slowest_wall"] ?? 0))
        print(String(format: "wall time:               %.0f s", Date().timeIntervalSince(start)))
        for line in crashes + notes { print("  " + line) }
        if !crashes.isEmpty || count("hangs") > 0 || count("changed") > 0 { throw ExitCode(1) }
    }

    private func runWorker(first: Int, corpus: [String]) throws {
        let directory = directory ?? FileManager.default.currentDirectoryPath
        // Fuzzed paths land in work/, away from the files that talk to the parent.
        try FileManager.default.createDirectory(atPath: directory + "/work", withIntermediateDirectories: true)
        let fuzzer = InterpreterFuzzer(seed: seed, directory: directory + "/work", corpus: corpus)
        // The input about to run, overwritten in place: what a crash leaves behind.
        let fd = open(directory + "/current", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        fuzzer.willRun = { index in
            var text = Array(String(index).utf8) + [UInt8](repeating: 32, count: 4)
            _ = pwrite(fd, &text, text.count, 0)
        }
        let report = fuzzer.run(first: first, count: inputs)
        print("inputs \(report.inputs)\nparse \(report.parseErrors)\nfailed \(report.failed)\nsucceeded \(report.succeeded)")
        print("changed \(report.changedBindings.count)\nhangs \(report.hangs.count)\nslowest \(report.slowest.seconds)")
        print("slowest_wall \(report.slowestWall.seconds)")
        for (index, line, what) in report.changedBindings { print("changed binding at input \(index): \(what): \(line)") }
        for (index, seconds, line) in report.hangs { print("hang at input \(index): \(seconds) s of CPU: \(line)") }
        for (seconds, index, line) in report.slowestInputs { print("slow input \(index): \(seconds) s of CPU: \(line)") }
    }
}

/// `jumpy-bench corrupt`: every truncation and seeded byte flips of each file jumpy reads.
struct CorruptBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corrupt", abstract: "Read damaged checkpoints, datasets, .npy files, scripts and history files; print counts.")

    @Option(help: "Byte flips per file.") var flips = 1000
    @Option(help: "Seed of the flips.") var seed: UInt64 = 1

    func run() throws {
        let scratch = try Scratch()
        var bad = 0
        for kind in CorruptFiles.Kind.allCases {
            let counts = CorruptFiles(directory: scratch.path).run(kind: kind, flips: flips, seed: seed)
            print(counts)
            for example in counts.examples { print("    " + example.replacingOccurrences(of: "\n", with: "\n    ")) }
            bad += counts.unnamedErrors + counts.truncationsReadDifferent
        }
        if bad > 0 { throw ExitCode(1) }
    }
}

/// A scratch directory removed when the run ends.
final class Scratch {
    let path: String
    init() throws {
        var template = Array((NSTemporaryDirectory() + "jumpy-fuzz-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw ValidationError("cannot make a scratch directory") }
        path = String(cString: made)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A child process run to completion, its output collected through files.
enum Child {
    static func run(_ executable: String, _ arguments: [String], directory: String) -> (status: Int32, stdout: String, stderr: String) {
        let (outPath, errPath) = (directory + "/.out", directory + "/.err")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else { return (-1, "", "spawn failed") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        func read(_ path: String) -> String { String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        return (code, read(outPath), read(errPath))
    }
}
