import Testing
@testable import Workbench
import TestSupport
import Foundation

@Suite struct RoundTripTests {
    /// Statements beyond the examples: every value form, labels, lists, ranges, escapes.
    static let extra = [
        #"x = load "a \"quoted\" name\\path.npy""#,
        "show data.test[0:8]",
        "show [1, -2.5, 1e-05, [3, 4], 0:45:0.25, data.train[3].frames]",
        "dataset billiards2d n=2000 seed=0 split=0.75 radius=0.05 balls=3",
        "set threads=2 seed=1 progress=on",
        "del a b c",
        "run \"s.jumpy\" echo=on",
        "data.test[0:8]",               // a value alone, to show
        "r.times[2].frames",
    ]

    @Test(arguments: CommandTable.standard.commands.map(\.example) + extra)
    func parsePrintParse(_ text: String) throws {
        let statement = try Parser.statement(text)
        let printed = Printer.statement(statement)
        #expect(try Parser.statement(printed) == statement, "\(text) printed as \(printed)")
        // Printing is canonical: printing again changes nothing.
        #expect(Printer.statement(try Parser.statement(printed)) == printed)
    }

    /// What the recorder keeps (options in declaration order, seeds written out) also parses
    /// back to itself, for every command's example.
    @Test(arguments: CommandTable.standard.commands)
    func recordedFormRoundTrips(_ command: Command) throws {
        let directory = TemporaryDirectory()
        let interpreter = Interpreter(console: BufferConsole())
        // Give the examples something to work on.
        try interpreter.execute(line: "data = dataset lines n=50 seed=3")
        try interpreter.execute(line: "base = model rnn data hidden=8 seed=1")
        try interpreter.execute(line: "net = model jumpy data hidden=8 seed=2")
        try interpreter.execute(line: "r = rollout net data.test")
        let example = command.example
            .replacingOccurrences(of: "data/", with: directory.root + "/")
            .replacingOccurrences(of: "sessions/demo.jumpy", with: directory.root + "/demo.jumpy")
            .replacingOccurrences(of: "billiards2d n=2000", with: "lines n=20")
            .replacingOccurrences(of: "hidden=64", with: "hidden=8")
        if command.name == "load" { try interpreter.execute(line: #"save data "\#(directory.root)/billiards.safetensors""#) }
        if command.name == "run" { try "say \"nested\"".write(toFile: directory.root + "/demo.jumpy", atomically: true, encoding: .utf8) }
        if command.name == "save session" { return }  // writes into the working directory; SessionTests cover it
        try interpreter.execute(line: example)
        guard command.isRecorded, let recorded = interpreter.recorder.entries.last?.statement else { return }
        let statement = try Parser.statement(recorded)
        #expect(Printer.statement(statement) == recorded)
        #expect(statement.command.text == command.name.split(separator: " ")[0].description)
    }

    @Test func canonicalFormOrdersOptionsAndWritesSeeds() throws {
        let interpreter = Interpreter(console: BufferConsole())
        try interpreter.execute(line: "set seed=5")
        try interpreter.execute(line: "d = dataset  split=0.5 world=lines   n=1e1")
        #expect(interpreter.bindings["d"]?.statement == "d = dataset lines n=10 seed=5 split=0.5")
    }
}

extension Command: CustomTestStringConvertible {
    public var testDescription: String { name }
}
