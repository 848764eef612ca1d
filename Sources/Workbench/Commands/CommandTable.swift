/// The commands an interpreter knows, in the order `help` lists them.
///
///     var table = CommandTable.standard
///     table.add(.model)          // one declaration each
///     table.add(.train)
///     let interpreter = Interpreter(commands: table)
///
/// Names are unique; adding a command with a known name replaces it (so a fuller
/// `save` can take over from the standard one).
public struct CommandTable: Sendable {
    public private(set) var commands: [Command] = []

    public init(_ commands: [Command] = []) {
        for command in commands { add(command) }
    }

    public mutating func add(_ command: Command) {
        if let i = commands.firstIndex(where: { $0.name == command.name }) {
            commands[i] = command
        } else {
            commands.append(command)
        }
    }

    public subscript(name: String) -> Command? { commands.first { $0.name == name } }

    /// First words of every command (`save` for `save session`), for suggestions.
    public var names: [String] {
        var seen = Set<String>()
        return commands.compactMap { command in
            let first = String(command.name.split(separator: " ")[0])
            return seen.insert(first).inserted ? first : nil
        }
    }

    /// Second words of the subcommands of `name` (`["session"]` for `save`).
    public func subcommands(of name: String) -> [String] {
        // Every statement asks this: a prefix test, not a split of every name.
        let prefix = name + " "
        return commands.compactMap { $0.name.hasPrefix(prefix) ? String($0.name.dropFirst(prefix.count)) : nil }
    }
}
