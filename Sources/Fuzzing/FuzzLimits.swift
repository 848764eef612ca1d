import Workbench

/// What a fuzzed statement may do: paths stay inside the scratch directory and sizes stay
/// small, so a million inputs neither write outside it nor train for minutes. A statement
/// over a limit fails like any other bad statement (and must change nothing either).
public struct FuzzLimits: Sendable {
    /// The largest value each numeric option may take. (`plan sim episodes=2020` ran 217 s
    /// before episodes and budget had caps.) `threads` stays 1: `set threads=N` changes the
    /// whole process's worker count, under the tests that run beside the fuzzer's.
    public var caps: [String: Double] = ["n": 64, "steps": 2, "hidden": 16, "rnn": 16, "batch": 16,
                                         "eval_every": 1, "threads": 1, "count": 1000, "episodes": 4, "budget": 250]
    public init() {}

    /// `table` with every command wrapped: arguments checked against the limits and
    /// relative paths resolved inside `directory`.
    public func table(_ table: CommandTable, directory: String) -> CommandTable {
        CommandTable(table.commands.map { wrapped($0, directory: directory) })
    }

    private func wrapped(_ command: Command, directory: String) -> Command {
        let caps = caps
        let paths = Set(command.parameters.filter { if case .path = $0.type { true } else { false } }.map(\.name))
        return Command(command.name, summary: command.summary, parameters: command.parameters, returns: command.returns,
                       example: command.example, discussion: command.discussion, recorded: command.isRecorded) { call in
            var arguments = call.arguments
            for (name, value) in call.arguments {
                if case .number(let x) = value, let cap = caps[name], x > cap {
                    throw CommandError("fuzz limit: \(name) ≤ \(Int(cap))", argument: name)
                }
                if case .string("on") = value, name == "progress" {
                    throw CommandError("fuzz limit: no progress line", argument: name)
                }
                if paths.contains(name), case .string(let path) = value {
                    guard !path.hasPrefix("/"), !path.hasPrefix("~"), !path.split(separator: "/").contains("..") else {
                        throw CommandError("fuzz limit: paths stay in the scratch directory", argument: name)
                    }
                    arguments[name] = .string(directory + "/" + path)
                }
            }
            var inner = Invocation(command: call.command, interpreter: call.interpreter, arguments: arguments,
                                   expressions: call.expressions)
            return try command.run(&inner)
        }
    }
}
