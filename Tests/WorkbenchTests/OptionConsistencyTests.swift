import Testing
@testable import Workbench
import Learning
import TestSupport

/// Options declared once (`CommandOption`): a name several commands take means one type and
/// range everywhere, and the handlers read the values the declarations promise.
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
        #expect(Set(shared.keys) == ["seed", "burnin", "trajectory", "fps"])
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
        ]
        for (name, uses) in shared { #expect(uses.allSatisfy { $0.rule == declared[name] }, "\(name)") }
        #expect(declared["burnin"] == "an integer in 1...1000")
        #expect(declared["seed"] == "an integer in 0...9007199254740992")
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
            let text = Array(line)[error.span.start..<min(error.span.end, line.count)]
            #expect(String(text) == "burnin=20")
        }
        #expect(interpreter.order == names)
        try interpreter.execute(line: template.replacingOccurrences(of: "B", with: "19"))
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
        #expect(throws: WorkbenchError.self) { try interpreter.execute(line: "probe fps=17") }
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
