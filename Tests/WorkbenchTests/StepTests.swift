import Foundation
import Testing
import TestSupport

/// `jumpy --step` in a tmux terminal, one key at a time: each way out of a step prompt leaves
/// the lesson (status 0, "left the lesson at line N"), one Enter passes a `pause`, Ctrl-C
/// stops only the statement that runs, Ctrl-\ never prints a backtrace.
@Suite(.serialized) struct StepTests {
    static let prompt = "(Enter runs it, q quits)"

    /// A lesson of three lines: a `say`, a dataset, a `pause`, a `say`.
    static let lesson = """
        say "first"
        d = dataset lines n=20 seed=0
        pause "look at d"
        say "last"
        """

    /// Starts `jumpy --step` on `script` in a shell that, like an interactive one, outlives
    /// Ctrl-C and Ctrl-\ and prints jumpy's exit status as `exit=N`.
    /// The directory holds the script and lives as long as the terminal (end both with `end`).
    static func start(_ script: String) throws -> (Tmux, TemporaryDirectory) {
        let binary = try #require(InteractiveTests.jumpyBinary(), "build the jumpy product first")
        let directory = TemporaryDirectory()
        let file = directory.path("lesson.jumpy")
        try script.write(toFile: file, atomically: true, encoding: .utf8)
        let terminal = try Tmux(command: "cd \(directory.root) && trap : INT QUIT; "
                                + "JUMPY_HISTORY=\(directory.path("history")) EDITRC=/dev/null \(binary) --step lesson.jumpy; "
                                + "echo \"exit=$?\"")
        return (terminal, directory)
    }

    static func end(_ terminal: Tmux, _ directory: TemporaryDirectory) {
        terminal.kill()
        withExtendedLifetime(directory) {}
    }

    /// How many times `text` occurs on the screen.
    static func count(_ text: String, in screen: String) -> Int {
        screen.components(separatedBy: text).count - 1
    }

    /// The keys that leave at a step prompt, each at line 2 (after Enter ran line 1).
    static let leavingKeys: [(literal: String?, key: String)] = [
        ("q", "Enter"), ("quit", "Enter"), (nil, "C-c"), (nil, "C-d"), (nil, "C-\\"),
    ]

    @Test(arguments: leavingKeys.indices)
    func eachQuitKeyLeavesAtTheStepPrompt(index: Int) throws {
        let (literal, key) = Self.leavingKeys[index]
        let (terminal, terminalDirectory) = try Self.start(Self.lesson)
        defer { Self.end(terminal, terminalDirectory) }
        try terminal.waitFor("> say \"first\"\n\(Self.prompt)")
        terminal.send(keys: "Enter")
        try terminal.waitFor("first\n> d = dataset lines n=20 seed=0\n\(Self.prompt)")
        if let literal { terminal.send(literal: literal) }
        terminal.send(keys: key)
        try terminal.waitFor("exit=")
        let screen = terminal.screen()
        #expect(screen.contains("left the lesson at line 2\nexit=0"), "\(key): \(screen)")
        #expect(!screen.contains("d: dataset lines"), "\(key) ran the statement: \(screen)")
        #expect(!screen.contains("Backtrace") && !screen.contains("Crash"), "\(key): \(screen)")
    }

    /// Runs the lesson's first two statements, an Enter each, and waits at its pause.
    static func walkToThePause(_ terminal: Tmux) throws {
        try terminal.waitFor(Self.prompt)
        terminal.send(keys: "Enter")
        try terminal.waitFor("> d = dataset lines n=20 seed=0\n\(Self.prompt)")
        terminal.send(keys: "Enter")
        try terminal.waitFor("> pause \"look at d\"\n(look at d)")
    }

    /// A `pause` line asks once, with its own message; one Enter goes on. q there leaves too.
    @Test func onePausePerEnterAndQAtAPause() throws {
        let (terminal, terminalDirectory) = try Self.start(Self.lesson)
        defer { Self.end(terminal, terminalDirectory) }
        try Self.walkToThePause(terminal)
        #expect(terminal.screen().contains("d: dataset lines"))
        #expect(Self.count(Self.prompt, in: terminal.screen()) == 2)
        terminal.send(keys: "Enter")
        // One Enter: the next statement's prompt, not a second one for the pause.
        try terminal.waitFor("> say \"last\"\n\(Self.prompt)")
        terminal.send(keys: "Enter")
        try terminal.waitFor("last\nexit=0")
        #expect(Self.count(Self.prompt, in: terminal.screen()) == 3)
        #expect(Self.count("(look at d)", in: terminal.screen()) == 1)

        let (again, againDirectory) = try Self.start(Self.lesson)
        defer { Self.end(again, againDirectory) }
        try Self.walkToThePause(again)
        again.send(literal: "q")
        again.send(keys: "Enter")
        try again.waitFor("left the lesson at line 3\nexit=0")
        #expect(!again.screen().contains("last\n"))
    }

    /// A long `train` with Ctrl-C and Ctrl-\ while it runs.
    static let training = """
        data = dataset lines n=300 seed=0
        net = model jumpy data hidden=16 seed=1
        train net data steps=100000 batch=32
        show net.steps
        """

    /// Runs the first two lines and starts the training; returns once its progress shows.
    static func startTraining() throws -> (Tmux, TemporaryDirectory) {
        let (terminal, directory) = try start(training)
        try terminal.waitFor(prompt)
        terminal.send(keys: "Enter")
        try terminal.waitFor("> net = model")
        terminal.send(keys: "Enter")
        try terminal.waitFor("net: jumpy gru model", timeout: 20)
        try terminal.waitFor { count(prompt, in: $0) == 3 }
        terminal.send(keys: "Enter")
        try terminal.waitFor("/100000", timeout: 20)         // the progress line is up
        return (terminal, directory)
    }

    /// Ctrl-C stops the training as in the REPL (the model keeps its steps) and the next
    /// statement is asked for.
    @Test func controlCDuringAStatementStopsItAndAsksForTheNext() throws {
        let (terminal, terminalDirectory) = try Self.startTraining()
        defer { Self.end(terminal, terminalDirectory) }
        terminal.send(keys: "C-c")
        try terminal.waitFor("interrupted at step", timeout: 20)
        try terminal.waitFor("> show net.steps\n\(Self.prompt)")
        #expect(!terminal.screen().contains("exit="))
        terminal.send(keys: "Enter")
        try terminal.waitFor("exit=0")
        let screen = terminal.screen()
        let lines = screen.split(separator: "\n")
        let steps = lines.last { Int($0) != nil }.flatMap { Int($0) }
        #expect(steps.map { $0 > 0 && $0 < 100_000 } == true, "\(screen)")
        #expect(!screen.contains("interrupted\n"))
    }

    /// Ctrl-\ (SIGQUIT) while a statement runs leaves at once with a short line and status
    /// 131, never the runtime's crash backtrace.
    @Test func controlBackslashDuringAStatementExitsWithoutABacktrace() throws {
        let (terminal, terminalDirectory) = try Self.startTraining()
        defer { Self.end(terminal, terminalDirectory) }
        terminal.send(keys: "C-\\")
        try terminal.waitFor("exit=", timeout: 20)
        let screen = terminal.screen()
        #expect(screen.contains("jumpy: quit (Ctrl-\\)\nexit=131"), "\(screen)")
        #expect(!screen.contains("Backtrace") && !screen.contains("Crash") && !screen.contains("Fatal"), "\(screen)")
    }
}
