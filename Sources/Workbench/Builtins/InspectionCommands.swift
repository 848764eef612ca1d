extension Command {
    static let show = Command(
        "show", summary: "Describe a value in detail",
        parameters: [.argument(.value, help: "what to describe")],
        example: "show data.test[0]"
    ) { call in
        let value = call[.value]
        call.print(value.details)
        if case .object(let timed as any TimedObject) = value { call.note(timed.timings) }
        return .done
    }

    static let vars = Command(
        "vars", summary: "List the variables: type, summary and the statement that made each",
        example: "vars", recorded: false
    ) { call in
        let interpreter = call.interpreter
        if interpreter.order.isEmpty { call.print("no variables yet") }
        let width = interpreter.order.map(\.count).max() ?? 0
        for name in interpreter.order {
            let binding = interpreter.bindings[name]!
            call.print(name.padding(width) + "  " + binding.value.typeName + "  " + binding.value.summary)
            call.print(String(repeating: " ", count: width) + "  from: " + binding.statement)
        }
        return .done
    }

    static let del = Command(
        "del", summary: "Remove variables",
        parameters: [.argument(.names)],
        example: "del data"
    ) { call in
        for name in call[.names] { call.interpreter.unbind(name) }
        return .done
    }

    static let history = Command(
        "history", summary: "List the lines typed so far (the last N)",
        parameters: [.argument(.count)],
        example: "history 20", recorded: false
    ) { call in
        let lines = call.interpreter.historyProvider?() ?? call.interpreter.recorder.entries.map(\.statement)
        let shown = lines.suffix(call[.count] ?? lines.count)
        let first = lines.count - shown.count + 1
        for (offset, line) in shown.enumerated() {
            let number = String(first + offset)
            call.print(String(repeating: " ", count: max(0, 5 - number.count)) + number + "  " + line)
        }
        return .done
    }

    static let help = Command(
        "help", summary: "List the commands, or explain one",
        parameters: [.argument(.command)],
        example: "help dataset", recorded: false
    ) { call in
        let table = call.interpreter.commands
        guard let name = call[.command] else {
            call.print(Help.overview(table, columns: call.interpreter.console.columns))
            return .done
        }
        guard let text = call.interpreter.help(for: name, columns: call.interpreter.console.columns) else {
            throw CommandError("no command '\(name)'", argument: .command,
                               suggestion: Suggestion.nearest(to: name, in: table.names))
        }
        call.print(text)
        return .done
    }
}

extension Interpreter {
    /// What `help NAME` prints for a command (with its subcommands: `save` gives `save` and
    /// `save session`); nil when no command has that name. A notebook's inspector shows it.
    public func help(for name: String, columns: Int = .max) -> String? {
        let matches = commands.commands.filter { $0.name == name || $0.name.hasPrefix(name + " ") }
        return matches.isEmpty ? nil : matches.map { Help.detail($0, columns: columns) }.joined(separator: "\n\n")
    }
}

// The positional arguments of del, history and help (value is shared: SharedOptions.swift).
extension CommandArgument where Value == [String] {
    fileprivate static var names: Self { .variables("names", help: "the variables to remove") }
}

extension CommandArgument where Value == Int? {
    fileprivate static var count: Self { .integer("count", in: 1...100_000, help: "how many of the last lines") }
}

extension CommandArgument where Value == String? {
    fileprivate static var command: Self { .name("command", help: "a command name") }
}
