import Foundation
import Testing
import TestSupport

/// Drives the real `jumpy` binary in a tmux terminal: typing, Up recalls, Tab completes,
/// Ctrl-C discards the line, Ctrl-D exits and saves a unique history.
@Suite(.serialized) struct InteractiveTests {
    @Test func typeRecallCompleteInterruptAndExit() throws {
        let binary = try #require(Self.jumpyBinary(), "build the jumpy product first")
        let directory = TemporaryDirectory()
        let history = directory.path("history")
        let terminal = try Tmux.repl(binary, in: directory)
        defer { terminal.kill() }

        terminal.send(literal: "say \"hello\"")
        terminal.send(keys: "Enter")
        try terminal.waitFor { $0.components(separatedBy: "\nhello\n").count == 2 }

        // Up recalls the line; Enter runs it again.
        terminal.send(keys: "Up")
        try terminal.waitFor { $0.hasSuffix("jumpy> say \"hello\"") }
        terminal.send(keys: "Enter")
        try terminal.waitFor { $0.components(separatedBy: "\nhello\n").count == 3 }

        // Tab completes a command, a parameter's word and an option.
        terminal.send(literal: "d = dat")
        terminal.send(keys: "Tab")
        try terminal.waitFor { $0.hasSuffix("jumpy> d = dataset") }
        terminal.send(literal: "lin")
        terminal.send(keys: "Tab")
        terminal.send(literal: "n=5 se")
        terminal.send(keys: "Tab")
        try terminal.waitFor { $0.hasSuffix("jumpy> d = dataset lines n=5 seed=") }
        terminal.send(literal: "3")
        terminal.send(keys: "Enter")
        try terminal.waitFor("d: dataset lines: train [21, 4, 2], test [21, 1, 2]")

        // A variable's name alone shows it.
        terminal.send(literal: "d")
        terminal.send(keys: "Enter")
        try terminal.waitFor { $0.components(separatedBy: "d: dataset lines: train [21, 4, 2], test [21, 1, 2]").count == 3 }

        // Fields complete after a dot.
        terminal.send(literal: "show d.tr")
        terminal.send(keys: "Tab")
        try terminal.waitFor { $0.hasSuffix("jumpy> show d.train") }
        terminal.send(keys: "Enter")
        try terminal.waitFor("4 trajectories of 21 frames")

        // Ctrl-C discards the line being typed; the REPL carries on.
        terminal.send(literal: "say \"lost\"")
        terminal.send(keys: "C-c")
        try terminal.waitFor { $0.hasSuffix("^C\njumpy>") }
        // Ctrl-C on an empty line too: it once read as the end of input and left jumpy.
        terminal.send(keys: "C-c")
        try terminal.waitFor { $0.hasSuffix("^C\njumpy> ^C\njumpy>") }
        // An error leaves the REPL running.
        terminal.send(literal: "shwo d")
        terminal.send(keys: "Enter")
        try terminal.waitFor("did you mean 'show'?")

        terminal.send(keys: "C-d")
        try terminal.waitForExit()
        let saved = try String(contentsOfFile: history, encoding: .utf8)
        #expect(saved == "say \"hello\"\nd = dataset lines n=5 seed=3\nd\nshow d.train\nshwo d\n")
        #expect(!saved.contains("lost"))
    }

    /// The `jumpy` built beside the test bundle (`.build/<config>/jumpy`).
    static func jumpyBinary() -> String? { JumpyExecutable.path() }
}

/// A detached tmux session running one command, read through `capture-pane`.
struct Tmux {
    let name = "jumpy-test-" + UUID().uuidString.prefix(8)

    /// Each terminal has its own tmux server (`-L name`), so other tmux users on the machine
    /// (other test runs) cannot end it, and its pane stays after jumpy exits
    /// (`remain-on-exit`), so a failure shows the last screen and the exit status.
    init(command: String) throws {
        let status = Tmux.run(["-L", name, "new-session", "-d", "-s", name, "-x", "120", "-y", "50", command,
                               ";", "set-option", "-t", name, "remain-on-exit", "on"])
        guard status == 0 else { throw TmuxError.message("tmux new-session failed (\(status)); is tmux installed?") }
        serverPID = Tmux.output(["-L", name, "display-message", "-p", "#{pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// jumpy's REPL in a fresh terminal, in `directory`, with its own history and no
    /// ~/.editrc, once its banner is up; `shell` runs first (a `ulimit`, say).
    static func repl(_ binary: String, in directory: TemporaryDirectory, shell: String = "",
                     timeout: Double = 10) throws -> Tmux {
        let setup = shell.isEmpty ? "" : shell + " && "
        let terminal = try Tmux(command: "cd \(directory.root) && \(setup)JUMPY_HISTORY=\(directory.path("history")) EDITRC=/dev/null \(binary)")
        do { try terminal.waitFor("Type 'help'", timeout: timeout) } catch { terminal.kill(); throw error }
        return terminal
    }

    /// The tmux server's pid, for `kill` (a server has been seen to outlive `kill-server`
    /// when many tests ran at once).
    private(set) var serverPID = ""

    /// tmux, talking to this terminal's server.
    @discardableResult
    func tmux(_ arguments: [String]) -> Int32 { Tmux.run(["-L", name] + arguments) }
    func tmuxOutput(_ arguments: [String]) -> String { Tmux.output(["-L", name] + arguments) }

    func send(literal text: String) { tmux(["send-keys", "-t", name, "-l", text]) }
    func send(keys: String) { tmux(["send-keys", "-t", name, keys]) }

    /// The pid of the pane's process (the shell running the command), or "".
    var panePID: String {
        tmuxOutput(["list-panes", "-t", name, "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The screen's text, trailing blank lines and spaces removed.
    func screen() -> String {
        let text = tmuxOutput(["capture-pane", "-p", "-t", name])
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in String(line.reversed().drop { $0 == " " }.reversed()) }
            .joined(separator: "\n")
            .trimmingCharacters(in: .newlines)
    }

    func waitFor(_ text: String, timeout: Double = 10) throws {
        try waitFor(timeout: timeout) { $0.contains(text) }
    }

    func waitFor(timeout: Double = 10, _ condition: (String) -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = screen()
            if condition(last) { return }
            usleep(50_000)
        }
        throw TmuxError.message("timed out; the screen shows:\n\(last)")
    }

    func waitForExit(timeout: Double = 10) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            // The pane is kept when its command ends (remain-on-exit): dead means exited.
            if tmux(["has-session", "-t", name]) != 0 { return }
            if tmuxOutput(["list-panes", "-t", name, "-F", "#{pane_dead}"]).hasPrefix("1") { return }
            usleep(50_000)
        }
        throw TmuxError.message("jumpy did not exit; the screen shows:\n\(screen())")
    }

    /// Ends the session and whatever still runs in it (a failed test may leave jumpy busy).
    func kill() {
        let pane = panePID
        if !pane.isEmpty { _ = Subprocess.run("pkill", ["-KILL", "-P", pane]) }
        tmux(["kill-server"])
        // Only this terminal's server: its command line names the session.
        if Int(serverPID) != nil,
           let commandLine = FileManager.default.contents(atPath: "/proc/\(serverPID)/cmdline"),
           String(decoding: commandLine, as: UTF8.self).contains(name) {
            _ = Subprocess.run("kill", ["-KILL", serverPID])
        }
    }

    @discardableResult
    static func run(_ arguments: [String]) -> Int32 {
        Subprocess.run("tmux", arguments).status
    }

    static func output(_ arguments: [String]) -> String {
        Subprocess.run("tmux", arguments).stdout
    }
}

enum TmuxError: Error, CustomStringConvertible {
    case message(String)
    var description: String { if case .message(let m) = self { return m } else { return "" } }
}

extension InteractiveTests {
    /// Ctrl-C during `train` stops at a safe point; the model keeps the steps it took and the
    /// REPL carries on.
    @Test func interruptTrainingKeepsTheStepsDone() throws {
        let binary = try #require(Self.jumpyBinary(), "build the jumpy product first")
        let directory = TemporaryDirectory()
        let terminal = try Tmux.repl(binary, in: directory)
        defer { terminal.kill() }
        terminal.send(literal: "data = dataset lines n=300 seed=0; net = model jumpy data hidden=16 seed=1")
        terminal.send(keys: "Enter")
        try terminal.waitFor("net: jumpy gru model")
        terminal.send(literal: "train net data steps=100000 batch=32")
        terminal.send(keys: "Enter")
        try terminal.waitFor("train net")                  // the progress line is up
        usleep(500_000)
        terminal.send(keys: "C-c")
        try terminal.waitFor("interrupted at step", timeout: 20)
        terminal.send(literal: "show net.steps")
        terminal.send(keys: "Enter")
        try terminal.waitFor { screen in
            guard let line = screen.split(separator: "\n").last(where: { Int($0) != nil }), let steps = Int(line) else { return false }
            return steps > 0 && steps < 100_000
        }
        terminal.send(keys: "C-d")
        try terminal.waitForExit()
    }
}

extension InteractiveTests {
    /// Ctrl-L clears the screen and keeps the line being typed; after a resize the first
    /// Ctrl-D leaves (a read that the resize interrupted once left EINTR behind, so Ctrl-D
    /// read as Ctrl-C and printed `^D^C`).
    @Test func ctrlLClearsAndCtrlDLeavesAfterAResize() throws {
        let binary = try #require(Self.jumpyBinary(), "build the jumpy product first")
        let directory = TemporaryDirectory()
        let terminal = try Tmux.repl(binary, in: directory)
        defer { terminal.kill() }
        terminal.send(literal: "say \"before the clear\"")
        terminal.send(keys: "Enter")
        try terminal.waitFor { $0.hasSuffix("before the clear\njumpy>") }
        terminal.send(literal: "say \"kept\"")
        terminal.send(keys: "C-l")
        try terminal.waitFor { $0 == "jumpy> say \"kept\"" }
        terminal.send(keys: "Enter")
        try terminal.waitFor { $0.hasSuffix("kept\njumpy>") }

        terminal.tmux(["resize-window", "-t", terminal.name, "-x", "90", "-y", "30"])
        usleep(300_000)
        terminal.send(keys: "C-d")
        try terminal.waitForExit()
        #expect(!terminal.screen().contains("^C"))
    }
}
