import Foundation
import Testing
import TestSupport
import Workbench

/// Ctrl-C in a real terminal during each long statement: the REPL lives, a name the
/// statement binds is either untouched or complete, and no file is half written. The test
/// presses Ctrl-C once the statement shows its progress line (it is running), and waits on
/// what the screen shows, never on a clock; generous limits only stop a broken run. When the
/// key lands still decides the outcome (a statement may finish first), so each case lists
/// every acceptable one. (`train` has its own test:
/// `InteractiveTests.interruptTrainingKeepsTheStepsDone`.)
@Suite(.serialized) struct InterruptTests {
    struct Case {
        var statement: String
        /// A regular expression the screen matches while the statement runs (its progress
        /// line); nil: press Ctrl-C at once. A statement that ends before its progress line is
        /// seen is fine too: its output shows one of `printed`.
        var running: String?
        /// One of these appears between the statement and the next prompt's output (empty:
        /// no check).
        var printed: [String] = []
        /// A statement run afterwards, and the texts its output may show.
        var probe: String?
        var outcomes: [String] = []
    }

    static let cases: [Case] = [
        Case(statement: "d = dataset billiards2d n=300000 seed=3", running: #"dataset billiards2d +\d+/300000"#,
             printed: ["interrupted: the dataset was not finished", "d: dataset billiards2d"], probe: "show d.n", outcomes: ["undefined variable 'd'", "\n300000\n"]),
        Case(statement: "eval net big split=train", running: #"eval +\d+/18000"#,
             printed: ["interrupted: the evaluation stopped after", "tf mse"]),
        Case(statement: "r = rollout net big.train", running: #"rollout +\d+/18000"#,
             printed: ["interrupted: the rollout stopped after", "r: rollout of 18000 trajectories"],
             probe: "show r", outcomes: ["undefined variable 'r'", "… 17992 more"]),
        Case(statement: "compare net old net old big", running: #"compare (net|old) +\d+/2000"#,
             printed: ["interrupted after", "lowest auto mse"]),
        Case(statement: "e = plan sim episodes=5000 budget=20 seed=0", running: #"plan sim +\d+/5000"#,
             printed: ["interrupted", "e: plans with sim: 5000 episodes"],
             probe: "show e", outcomes: ["undefined variable 'e'", " episodes planned with sim"]),
        Case(statement: "p = plan sim budget=100000 seed=0", running: #"plan sim +\d+/100000"#,
             printed: ["interrupted: the plan stopped after", "p: plan with sim"],
             probe: "show p", outcomes: ["undefined variable 'p'", "plan of episode 0 with sim"]),
        Case(statement: #"animate one "one.gif" fps=8 size=256"#, running: #"animate +\d+/\d+"#,
             printed: ["interrupted: drew", "wrote one.gif"]),
        Case(statement: #"save big "big.safetensors""#,
             printed: ["saved dataset to big.safetensors", "interrupted: big.safetensors was not written"]),
        Case(statement: #"export big.train "train.npy""#, printed: ["wrote train.npy", "interrupted: train.npy was not written"]),
        Case(statement: #"run "long.jumpy""#, running: #"dataset billiards2d +\d+/200000"#,
             printed: ["interrupted", "script done"], probe: "show slow.n", outcomes: ["undefined variable 'slow'", "\n200000\n"]),
    ]

    @Test func ctrlCDuringLongStatementsLeavesWholeState() throws {
        let binary = try #require(InteractiveTests.jumpyBinary(), "build the jumpy product first")
        let directory = TemporaryDirectory()
        try "slow = dataset billiards2d n=200000 seed=9\nsay \"script done\"\n".write(toFile: directory.path("long.jumpy"), atomically: true, encoding: .utf8)
        let terminal = try Tmux.repl(binary, in: directory, timeout: 120)
        defer { terminal.kill() }
        terminal.type("big = dataset billiards2d n=20000 seed=0; net = model jumpy big hidden=64 seed=1; old = model jumpy big hidden=64 seed=2")
        try terminal.waitFor("old: jumpy gru model", timeout: 600)
        terminal.type("one = rollout net big.test[0:1]")
        try terminal.waitFor("one: rollout of 1 trajectory", timeout: 600)

        for (index, item) in Self.cases.enumerated() {
            terminal.type(item.statement)
            if let running = item.running {
                try terminal.waitFor(timeout: 600) { screen in
                    let output = Self.output(of: item.statement, on: screen)
                    return screen.range(of: running, options: .regularExpression) != nil || item.printed.contains { output.contains($0) }
                }
            }
            terminal.send(keys: "C-c")
            terminal.type("say \"mark \(index)\"")
            try terminal.waitFor("\nmark \(index)\n", timeout: 600)
            if !item.printed.isEmpty {
                let screen = terminal.screen()
                let output = Self.output(of: item.statement, on: screen).components(separatedBy: "\nmark \(index)\n")[0]
                #expect(item.printed.contains { output.contains($0) }, "\(item.statement) printed:\n\(output)")
            }
            if let probe = item.probe {
                terminal.type(probe)
                try terminal.waitFor(timeout: 120) { screen in
                    guard let after = screen.components(separatedBy: "\nmark \(index)\n").last else { return false }
                    return item.outcomes.contains { after.contains($0) }
                }
            }
        }
        terminal.send(keys: "C-d")
        try terminal.waitForExit(timeout: 120)

        // Files are absent or whole: no temporaries, and what is there loads.
        let expected = ["big.safetensors", "history", "long.jumpy", "one.gif", "train.npy"]
        #expect(directory.listing().allSatisfy { expected.contains($0) }, "\(directory.listing())")
        let check = Interpreter(console: BufferConsole())
        if directory.listing().contains("big.safetensors") {
            try check.execute(line: #"x = load "\#(directory.path("big.safetensors"))""#)
            #expect(check.bindings["x"]?.value.summary == "dataset billiards2d: train [45, 18000, 4], test [45, 2000, 4]")
        }
        if directory.listing().contains("train.npy") {
            try check.execute(line: #"y = load "\#(directory.path("train.npy"))""#)
            #expect(check.bindings["y"]?.value.tensor?.shape == [45, 18000, 4])
        }
        if directory.listing().contains("one.gif") {
            // A whole GIF: the header, and the trailer byte last.
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory.path("one.gif"))))
            #expect(bytes.starts(with: Array("GIF89a".utf8)) && bytes.last == 0x3B)
        }
    }

    /// A SIGINT while the line editor waits is Ctrl-C, not the end of input: it used to end
    /// the session (libedit's read fails with EINTR, which looked like Ctrl-D), which is what
    /// a Ctrl-C landing just as a statement ends, before the editor turns signals off, does.
    @Test func sigintAtThePromptKeepsTheSession() throws {
        let binary = try #require(InteractiveTests.jumpyBinary(), "build the jumpy product first")
        let directory = TemporaryDirectory()
        let terminal = try Tmux.repl(binary, in: directory, timeout: 120)
        defer { terminal.kill() }
        // The prompt is drawn: the editor is waiting for a key (the screen drops trailing spaces).
        try terminal.waitFor(timeout: 120) { $0.hasSuffix("jumpy>") }
        // The pane runs a shell that runs jumpy, or jumpy itself if the shell exec'd it.
        let pane = terminal.panePID
        let children = Subprocess.run("pgrep", ["-P", pane]).stdout.split(separator: "\n").map(String.init)
        for pid in children.isEmpty ? [pane] : children { _ = Subprocess.run("kill", ["-INT", pid]) }
        try terminal.waitFor("^C", timeout: 120)
        terminal.type("say \"still here\"")
        try terminal.waitFor("\nstill here\n", timeout: 120)
    }

    /// The screen after the statement as typed (an error repeats the line under its message,
    /// so the first occurrence is the one typed).
    static func output(of statement: String, on screen: String) -> String {
        guard let typed = screen.range(of: statement) else { return "" }
        return String(screen[typed.upperBound...])
    }
}
