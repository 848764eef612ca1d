import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `jumpy-bench startup`: wall time from starting `jumpy` on a terminal to its first prompt.
/// The terminal is a pseudo-terminal, so the line editor starts as it does for a person.
struct StartupBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "startup", abstract: "Time from process start to the REPL's first prompt (target < 150 ms).")

    @Flag(help: "One JSON object a line.") var json = false
    @Option(help: "The jumpy binary (default: beside jumpy-bench).") var binary: String?
    @Option(help: "Launches to time.") var runs = 15

    func run() throws {
        let path = try JumpyBinary.path(binary)
        var times: [Double] = []
        for _ in 0..<runs { times.append(try timeToPrompt(path)) }
        times.sort()
        let median = times[times.count / 2]
        report(Figure(bench: "startup", parameters: [("runs", .int(runs)), ("statistic", .string("median"))], value: median * 1e3,
                      unit: "ms", label: "start to first prompt, median of \(runs) (target < 150)"), json: json)
        report(Figure(bench: "startup", parameters: [("runs", .int(runs)), ("statistic", .string("max"))], value: times.last! * 1e3,
                      unit: "ms", label: "  slowest"), json: json)
    }

    /// Starts `path` on a new pseudo-terminal and reads until the prompt appears.
    func timeToPrompt(_ path: String) throws -> Double {
        var master: Int32 = 0, slave: Int32 = 0
        guard openpty(&master, &slave, nil, nil, nil) == 0 else { throw ValidationError("openpty failed") }
        defer { close(master) }
        let history = NSTemporaryDirectory() + "jumpy-bench-history-\(getpid())"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in [0, 1, 2] { posix_spawn_file_actions_adddup2(&actions, slave, fd) }
        posix_spawn_file_actions_addclose(&actions, master)
        let environment = ProcessInfo.processInfo.environment.merging(["JUMPY_HISTORY": history, "TERM": "xterm"]) { $1 }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        let argv = [strdup(path)] + [nil]
        defer { envp.forEach { free($0) }; argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawn(&pid, path, &actions, nil, argv, envp) == 0 else { throw ValidationError("cannot start \(path)") }
        close(slave)
        var seen = ""
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !seen.contains("jumpy> ") {
            let n = read(master, &buffer, buffer.count)
            if n <= 0 { break }
            seen += String(decoding: buffer[0..<n], as: UTF8.self)
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        unlink(history)
        guard seen.contains("jumpy> ") else { throw ValidationError("jumpy printed no prompt: \(seen)") }
        return elapsed
    }
}
