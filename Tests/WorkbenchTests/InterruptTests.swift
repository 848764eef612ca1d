import Foundation
import Testing
import TestSupport
import Workbench

/// Ctrl-C in a real terminal during each long statement: the REPL lives, a name the
/// statement binds is either untouched or complete, and no file is half written. When the
/// key lands decides which; both outcomes are checked for, never a time. (`train` has its own
/// test: `InteractiveTests.interruptTrainingKeepsTheStepsDone`.)
@Suite(.serialized) struct InterruptTests {
    @Test(.disabled("unfinished: timed out in tmux on the loaded machine after the rollout case; rollout and eval do not poll Ctrl-C"))
    func ctrlCDuringLongStatementsLeavesWholeState() throws {
        let binary = try #require(InteractiveTests.jumpyBinary(), "build the jumpy product first")
        let directory = TemporaryDirectory()
        try "slow = dataset billiards2d n=200000 seed=9\nsay \"script done\"\n".write(toFile: directory.path("long.jumpy"), atomically: true, encoding: .utf8)
        let terminal = try Tmux(command: "cd \(directory.root) && JUMPY_HISTORY=\(directory.path("history")) EDITRC=/dev/null \(binary)")
        defer { terminal.kill() }
        try terminal.waitFor("Type 'help'")
        terminal.type("big = dataset billiards2d n=20000 seed=0; net = model jumpy big hidden=64 seed=1; old = model jumpy big hidden=64 seed=2")
        try terminal.waitFor("old: jumpy gru model", timeout: 60)

        // (statement, a check after it: an expression and the texts it may show)
        let cases: [(String, String, [String])] = [
            ("d = dataset billiards2d n=300000 seed=3", "show d.n", ["undefined variable 'd'", "\n300000\n"]),
            ("eval net big split=train", "show old.steps", ["\n0\n"]),
            ("r = rollout net big.test", "show r", ["undefined variable 'r'", "… 1992 more"]),
            ("compare net old net old big", "show net.steps", ["\n0\n"]),
            (#"save big "big.safetensors""#, "say \"saved\"", ["saved"]),
            (#"export big.train "train.npy""#, "say \"exported\"", ["exported"]),
            (#"run "long.jumpy""#, "show slow.n", ["undefined variable 'slow'", "\n200000\n"]),
        ]
        for (index, (statement, probe, outcomes)) in cases.enumerated() {
            terminal.type(statement)
            usleep(400_000)
            terminal.send(keys: "C-c")
            terminal.type("say \"mark \(index)\"")
            try terminal.waitFor("\nmark \(index)\n", timeout: 60)
            terminal.type(probe)
            try terminal.waitFor(timeout: 20) { screen in
                guard let after = screen.components(separatedBy: "\nmark \(index)\n").last else { return false }
                return outcomes.contains { after.contains($0) }
            }
        }
        terminal.send(keys: "C-d")
        try terminal.waitForExit()

        // Files are absent or whole: no temporaries, and what is there loads.
        #expect(directory.listing().allSatisfy { ["big.safetensors", "history", "long.jumpy", "train.npy"].contains($0) }, "\(directory.listing())")
        let check = Interpreter(console: BufferConsole())
        if directory.listing().contains("big.safetensors") {
            try check.execute(line: #"x = load "\#(directory.path("big.safetensors"))""#)
            #expect(check.bindings["x"]?.value.summary == "dataset billiards2d: train [45, 18000, 4], test [45, 2000, 4]")
        }
        if directory.listing().contains("train.npy") {
            try check.execute(line: #"y = load "\#(directory.path("train.npy"))""#)
            #expect(check.bindings["y"]?.value.tensor?.shape == [45, 18000, 4])
        }
    }
}
