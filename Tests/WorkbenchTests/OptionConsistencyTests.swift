import Foundation
import Testing
@testable import Workbench
import Learning
import Physics
import TestSupport

/// Options and positional arguments declared once (`CommandOption`, `CommandArgument`): a
/// name several commands take means one type and range everywhere (for positionals, one kind
/// of input), and the handlers read the values the declarations promise, and only those.
@Suite struct OptionConsistencyTests {
    /// Names that mean different things in different commands, each kept on purpose:
    /// `dataset split=0.9` (a fraction) and `eval split=train` (which split).
    static let homonyms: Set<String> = ["split"]

    @Test func aSharedOptionHasOneRuleInEveryCommand() {
        var rules: [String: [(command: String, rule: String)]] = [:]
        for command in CommandTable.standard.commands {
            for parameter in command.parameters where !parameter.isPositional {
                rules[parameter.name, default: []].append((command.name, parameter.type.description))
            }
        }
        let shared = rules.filter { $0.value.count > 1 && !Self.homonyms.contains($0.key) }
        #expect(Set(shared.keys) == ["seed", "burnin", "trajectory", "fps", "slow", "start", "physics"])
        for (name, uses) in shared {
            let distinct = Set(uses.map(\.rule))
            #expect(distinct.count == 1, "\(name): \(uses.map { "\($0.command): \($0.rule)" })")
        }
        // And each is the shared declaration's rule.
        let declared: [String: String] = [
            "seed": CommandOption<Int>.seed.parameter.type.description,
            "burnin": CommandOption<Int>.burnIn.parameter.type.description,
            "trajectory": CommandOption<Int>.trajectory.parameter.type.description,
            "fps": CommandOption<Int>.fps.parameter.type.description,
            "slow": CommandOption<Int>.slow.parameter.type.description,
            "start": CommandOption<ShotStart>.start.parameter.type.description,
            "physics": CommandOption<BallPhysics>.physics.parameter.type.description,
        ]
        for (name, uses) in shared { #expect(uses.allSatisfy { $0.rule == declared[name] }, "\(name)") }
        #expect(declared["burnin"] == "an integer in 1...1000")
        #expect(declared["seed"] == "an integer in 0...9007199254740992")
        #expect(declared["start"] == "one of moving, rest, mixed" && declared["physics"] == "one of exact, reference")
    }

    /// `burnin` against the data: the same bound, and the same words, in each command.
    @Test(arguments: ["train net data steps=1 burnin=B", "eval net data burnin=B", "r = rollout net data.test[0:2] burnin=B",
                      "compare net data burnin=B"])
    func burnInMustLeaveTwoFramesEverywhere(_ template: String) throws {
        let interpreter = Interpreter(console: BufferConsole())
        try interpreter.execute(line: "data = dataset lines n=40 seed=0")      // 21 frames
        try interpreter.execute(line: "net = model jumpy data hidden=8 seed=1")
        let names = interpreter.order
        let line = template.replacingOccurrences(of: "B", with: "20")
        do {
            try interpreter.execute(line: line)
            Issue.record("burnin=20 of 21 frames should be refused")
        } catch {
            #expect(error.message == "burnin must be below 20: the data has 21 frames, and two must follow the burn-in")
            // The caret is under the burnin argument.
            #expect(error.underlined(in: line) == "burnin=20")
        }
        #expect(interpreter.order == names)
        try interpreter.execute(line: template.replacingOccurrences(of: "B", with: "19"))
    }

    /// Positional names that mean two kinds of input, each kept on purpose: `train model`
    /// is the variable it rebinds, `eval model` and `rollout model` the model value.
    static let positionalHomonyms: Set<String> = ["model"]

    /// The kind of input a positional parameter takes: its type, except that the object types
    /// a value may have are the command's choice (`plot` draws more than `animate` animates),
    /// and so is whether it may be left out (`plot`'s path).
    static func kind(_ parameter: CommandParameter) -> String {
        switch parameter.type {
        case .value: return "a value"
        case .wordOrValue: return "a word or a value"
        default: return parameter.type.description
        }
    }

    /// Positional names used by several commands with two kinds of input, and what each says.
    static func positionalConflicts(_ table: CommandTable) -> [String: [String]] {
        var kinds: [String: [(command: String, kind: String)]] = [:]
        for command in table.commands {
            for parameter in command.parameters where parameter.isPositional {
                kinds[parameter.name, default: []].append((command.name, kind(parameter)))
            }
        }
        return kinds.filter { Set($0.value.map(\.kind)).count > 1 }.mapValues { $0.map { "\($0.command): \($0.kind)" } }
    }

    @Test func aPositionalNameHasOneKindInEveryCommand() {
        var names: [String: Int] = [:]
        for command in CommandTable.standard.commands {
            for parameter in command.parameters where parameter.isPositional { names[parameter.name, default: 0] += 1 }
        }
        #expect(Set(names.filter { $0.value > 1 }.keys) == ["value", "path", "data", "model"])
        let conflicts = Self.positionalConflicts(.standard)
        #expect(Set(conflicts.keys) == Self.positionalHomonyms, "\(conflicts)")
        #expect(conflicts["model"]?.sorted() == ["eval: a value", "rollout: a value", "train: a variable"])

        // A new command whose `path` is plain text, or whose `data` is a word, is caught.
        var table = CommandTable.standard
        table.add(Command("note", summary: "writes a note", parameters: [.positional("path", .string, help: "where")],
                          example: #"note "n.txt""#) { _ in .done })
        table.add(Command("pick", summary: "picks", parameters: [.argument(CommandArgument<String>.word("data", ["a", "b"], help: "which"))],
                          example: "pick a") { _ in .done })
        #expect(Set(Self.positionalConflicts(table).keys) == Self.positionalHomonyms.union(["path", "data"]))
    }

    /// `call[argument]` gives the declared Swift type: the enum's case, String?, the object,
    /// the variadic items; an object of the right type name but another Swift type is refused
    /// with the caret under it, as `call.object` did.
    @Test func typedArgumentsReadWhatTheDeclarationsSay() throws {
        let seen = Seen()
        let probe = Command("probe", summary: "reads its positional arguments",
                            parameters: [.argument(.probeCellArgument), .argument(.probeData), .argument(.probeFile, help: "reworded")],
                            example: "probe gru data") { call in
            let data = try call[.probeData]
            seen.record("cell \(call[.probeCellArgument].rawValue) data \(data.world) \(call.expressionTexts(.probeData)) file \(call[.probeFile] ?? "none")")
            return .done
        }
        let names = Command("names", summary: "reads a variadic argument", parameters: [.argument(.probeNames)],
                            example: "names a") { call in
            seen.record("names \(call[.probeNames])")
            return .done
        }
        let fake = Command("fake", summary: "an object named dataset that is not one", returns: "dataset", example: "f = fake") { _ in
            .value(.object(FakeDataset()))
        }
        var table = CommandTable.standard
        for command in [probe, names, fake] { table.add(command) }
        let interpreter = Interpreter(commands: table, console: BufferConsole())
        try interpreter.execute(line: "d = dataset lines n=10 seed=0")
        try interpreter.execute(line: "probe lstm d")
        try interpreter.execute(line: #"probe gru d "a.txt""#)
        try interpreter.execute(line: "names d d")
        try interpreter.execute(line: "names names=d")            // by name: one item
        #expect(seen.lines == ["cell lstm data lines [\"d\"] file none", "cell gru data lines [\"d\"] file a.txt", "names [\"d\", \"d\"]",
                               "names [\"d\"]"])
        #expect(Help.detail(probe).contains("  file  reworded (a file path in quotes; optional)"))

        try interpreter.execute(line: "f = fake")
        let line = "probe gru f"
        do {
            try interpreter.execute(line: line)
            Issue.record("a fake dataset should be refused")
        } catch {
            #expect(error.message == "expected a dataset")
            #expect(error.underlined(in: line) == "f")
        }
        #expect(seen.lines.count == 4)
    }

    /// A handler that reads a positional argument its command does not declare (or declares
    /// as an option) is stopped by a precondition, not handed nil: run in a child process.
    @Test func readingAnUndeclaredArgumentTraps() async {
        await #expect(processExitsWith: .failure) {
            let sneaky = Command("sneaky", summary: "reads what it does not declare", example: "sneaky") { call in
                _ = call[.probeFile]      // String?: would read as nil without the check
                return .done
            }
            var table = CommandTable.standard
            table.add(sneaky)
            try? Interpreter(commands: table, console: BufferConsole()).execute(line: "sneaky")
        }
        await #expect(processExitsWith: .failure) {
            let byName = Command("byname", summary: "declares file= as an option",
                                 parameters: [.option("file", .path, help: "a file")], example: "byname") { call in
                _ = call[.probeFile]
                return .done
            }
            var table = CommandTable.standard
            table.add(byName)
            try? Interpreter(commands: table, console: BufferConsole()).execute(line: #"byname file="a.txt""#)
        }
    }

    /// Every standard handler reads only what its command declares: each command's example,
    /// and the branches the examples leave out, run in a child process, where a read of an
    /// undeclared argument traps (a statement that fails makes it fail too). To see which
    /// statement, call `runEveryCommand()` in a test of its own: it names each on stderr first.
    @Test func everyStandardHandlerReadsOnlyWhatItsCommandDeclares() async {
        await #expect(processExitsWith: .success, "a handler reads an argument its command does not declare, or a statement failed") {
            try OptionConsistencyTests.runEveryCommand()
        }
    }

    static func runEveryCommand() throws {
        let directory = TemporaryDirectory()
        try "say \"nested\"".write(toFile: directory.path("demo.jumpy"), atomically: true, encoding: .utf8)
        let examples = CommandTable.standard.commands.filter { $0.name != "save session" && $0.name != "quit" }.map { command in
            command.example
                .replacingOccurrences(of: "data/", with: directory.root + "/")
                .replacingOccurrences(of: "sessions/demo.jumpy", with: directory.root + "/demo.jumpy")
                .replacingOccurrences(of: "billiards2d n=2000", with: "lines n=20")
                .replacingOccurrences(of: "hidden=64", with: "hidden=8")
        }
        let branches = [
            #"plot r "\#(directory.root)/r.svg""#, "help", "history", #"pause "wait""#, "del base net",
            "eval net data.test[0:4]", "e1 = plan sim episodes=2 budget=5 seed=0; compare e1 e1",
            "x = interpolate r [1, 2.5]", #"export r "\#(directory.root)/r.npy""#, #"save net "\#(directory.root)/net.safetensors""#,
            "save session probe",
        ]
        for statement in examples + branches {
            FileHandle.standardError.write(Data("running: \(statement)\n".utf8))
            let interpreter = Interpreter(console: BufferConsole())
            interpreter.sessionDirectory = directory.root
            for line in ["data = dataset lines n=50 seed=3", "base = model rnn data hidden=8 seed=1",
                         "net = model jumpy data hidden=8 seed=2", "r = rollout net data.test",
                         #"save data "\#(directory.root)/billiards.safetensors""#] {
                try interpreter.execute(line: line)
            }
            try interpreter.execute(line: statement)
        }
    }

    @Test func typedAccessorsReadWhatTheDeclarationsSay() throws {
        let seen = Seen()
        let probe = Command("probe", summary: "reads its options",
                            parameters: [.option(.burnIn), .option(.probeWidth), .option(.probeCell), .option(.fps, default: 2)],
                            example: "probe") { call in
            seen.record("burnin \(call[.burnIn]) width \(call[.probeWidth].map(String.init) ?? "none") cell \(call[.probeCell].rawValue) fps \(call[.fps])")
            return .done
        }
        var table = CommandTable.standard
        table.add(probe)
        let interpreter = Interpreter(commands: table, console: BufferConsole())
        try interpreter.execute(line: "probe")
        try interpreter.execute(line: "probe burnin=7 width=3 cell=lstm fps=9")
        #expect(seen.lines == ["burnin 4 width none cell gru fps 2", "burnin 7 width 3 cell lstm fps 9"])
        // A command's own default does not change the shared rule.
        #expect(throws: WorkbenchError.self) { try interpreter.execute(line: "probe fps=51") }
        #expect(throws: WorkbenchError.self) { try interpreter.execute(line: "probe cell=tree") }
    }
}

/// What a test command saw (handlers are `@Sendable`).
private final class Seen: @unchecked Sendable {
    var lines: [String] = []
    func record(_ line: String) { lines.append(line) }
}

extension CommandOption where Value == Int? {
    fileprivate static var probeWidth: Self { .integer("width", in: 1...10, help: "a width") }
}

extension CommandOption where Value == CellKind {
    fileprivate static var probeCell: Self { .word("cell", default: .gru, help: "a cell") }
}

extension CommandArgument where Value == CellKind {
    fileprivate static var probeCellArgument: Self { .word("cell", help: "a cell") }
}

extension CommandArgument where Value == DatasetValue {
    fileprivate static var probeData: Self { .object("data", help: "a dataset") }
}

extension CommandArgument where Value == String? {
    fileprivate static var probeFile: Self { .path("file", help: "a file") }
}

extension CommandArgument where Value == [String] {
    fileprivate static var probeNames: Self { .variables("names", help: "variables") }
}

/// Says it is a dataset, but is not a `DatasetValue`.
private struct FakeDataset: WorkbenchObject {
    static let typeName = "dataset"
    var summary: String { "not really a dataset" }
}
