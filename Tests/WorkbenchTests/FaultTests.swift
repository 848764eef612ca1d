import Foundation
import Testing
import TestSupport
import Workbench
#if canImport(Glibc)
import Glibc
#endif

/// Writes that fail part-way: the error is reported, the previous file is intact, no
/// temporary is left, and the session goes on.
@Suite(.serialized) struct FaultTests {
    /// `ulimit -f` makes the kernel refuse writes past 100–200 KB (and send SIGXFSZ, which
    /// jumpy ignores so that the write fails instead of the process).
    @Test func fileSizeLimitFailsTheSaveAndKeepsTheOldFile() throws {
        let binary = try #require(InteractiveTests.jumpyBinary(), "build the jumpy product first")
        let directory = TemporaryDirectory()
        let terminal = try Tmux.repl(binary, in: directory, shell: "ulimit -f 200")
        defer { terminal.kill() }
        terminal.type(#"small = dataset lines n=10 seed=0; save small "d.safetensors"; export small.train "t.npy""#)
        try terminal.waitFor("wrote")
        terminal.type("big = dataset billiards2d n=2000 seed=0")       // 1.4 MB of floats
        try terminal.waitFor("big: dataset billiards2d", timeout: 30)
        terminal.type(#"save big "d.safetensors""#)
        try terminal.waitFor("File too large")
        terminal.type(#"export big.train "t.npy""#)
        try terminal.waitFor { $0.components(separatedBy: "File too large").count == 3 }
        terminal.type(#"say "alive"; show small.n"#)
        try terminal.waitFor("alive\n10")
        terminal.send(keys: "C-d")
        try terminal.waitForExit()

        #expect(directory.listing() == ["d.safetensors", "history", "t.npy"])
        let check = Interpreter(console: BufferConsole())
        try check.execute(line: #"x = load "\#(directory.path("d.safetensors"))"; y = load "\#(directory.path("t.npy"))""#)
        #expect(check.bindings["x"]?.value.summary == "dataset lines: train [21, 9, 2], test [21, 1, 2]")
        #expect(check.bindings["y"]?.value.tensor?.shape == [21, 9, 2])
    }

    /// A directory jumpy may not write to (made immutable, which binds root too).
    @Test func readOnlyDirectoryFailsTheSaveAndKeepsTheOldFile() throws {
        let directory = TemporaryDirectory()
        let console = BufferConsole()
        let interpreter = Interpreter(console: console)
        interpreter.sessionDirectory = directory.root
        let path = directory.path("d.safetensors")
        try interpreter.execute(line: #"small = dataset lines n=10 seed=0; save small "\#(path)""#)
        let before = directory.contents("d.safetensors")
        try #require(ReadOnly.make(directory.root), "cannot make a read-only directory here")
        defer { ReadOnly.undo(directory.root) }

        try interpreter.execute(line: "big = dataset lines n=200 seed=1")
        let bindings = interpreter.bindings.mapValues(\.statement)
        for line in [#"save big "\#(path)""#, #"export big.train "\#(directory.path("t.npy"))""#, "save session s"] {
            #expect(throws: WorkbenchError.self, "\(line)") { try interpreter.execute(line: line) }
        }
        #expect(directory.contents("d.safetensors") == before)
        #expect(directory.listing() == ["d.safetensors"])
        #expect(interpreter.bindings.mapValues(\.statement) == bindings)
        try interpreter.execute(line: "say \"alive\"")
        #expect(console.text.hasSuffix("alive\n"))
    }
}

/// `chattr +i` where it works (root ignores permission bits), else `chmod 555`.
enum ReadOnly {
    static func make(_ path: String) -> Bool {
        if Subprocess.run("chattr", ["+i", path]).status != 0 { chmod(path, 0o555) }
        let probe = path + "/probe"
        if FileManager.default.createFile(atPath: probe, contents: Data()) {
            unlink(probe)
            undo(path)
            return false
        }
        return true
    }

    static func undo(_ path: String) {
        _ = Subprocess.run("chattr", ["-i", path])
        chmod(path, 0o755)
    }
}

extension Tmux {
    /// Types a line and presses Enter.
    func type(_ line: String) {
        send(literal: line)
        send(keys: "Enter")
    }
}
