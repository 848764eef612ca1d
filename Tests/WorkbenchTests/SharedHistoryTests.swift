import Foundation
import Testing
import TestSupport
@testable import LineEditor

/// Two jumpy processes on one history file: each save merges into what the other wrote.
@Suite(.serialized) struct SharedHistoryTests {
    @Test func interleavedSavesKeepBothProcessesLines() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("history")
        var a = HistoryFile(path: path), b = HistoryFile(path: path)
        a.add("a1"); try a.save()
        b.add("b1"); try b.save()
        a.add("a2"); try a.save()
        b.add("b2"); b.add("a1"); try b.save()      // b repeats a1: it moves to the end
        #expect(HistoryFile(path: path).entries == ["b1", "a2", "b2", "a1"])
        #expect(directory.listing() == ["history"])
    }

    /// The real thing: two REPLs in two terminals, lines typed in turn.
    @Test func twoTerminalsLoseNoLines() throws {
        let binary = try #require(InteractiveTests.jumpyBinary(), "build the jumpy product first")
        let directory = TemporaryDirectory()
        let history = directory.path("history")
        let command = "cd \(directory.root) && JUMPY_HISTORY=\(history) EDITRC=/dev/null \(binary)"
        let one = try Tmux(command: command), two = try Tmux(command: command)
        defer { one.kill(); two.kill() }
        try one.waitFor("Type 'help'")
        try two.waitFor("Type 'help'")
        for i in 1...3 {
            for (terminal, name) in [(one, "one"), (two, "two")] {
                terminal.type("say \"\(name) \(i)\"")
                try terminal.waitFor("\n\(name) \(i)\n")
            }
        }
        one.send(keys: "C-d")
        two.send(keys: "C-d")
        try one.waitForExit()
        try two.waitForExit()
        let lines = try String(contentsOfFile: history, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines == (1...3).flatMap { i in ["say \"one \(i)\"", "say \"two \(i)\""] })
    }
}
