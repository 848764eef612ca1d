/// The text of `help` and `help CMD`, generated from the declarations.
enum Help {
    /// Every command with its summary, in table order.
    static func overview(_ table: CommandTable) -> String {
        let width = table.commands.map(\.name.count).max() ?? 0
        var lines = ["commands:"]
        for command in table.commands {
            lines.append("  " + command.name.padding(width) + "  " + command.summary)
        }
        lines.append("type 'help COMMAND' for its arguments and an example; Tab completes")
        return lines.joined(separator: "\n")
    }

    /// Usage, arguments with types, defaults and help, the example.
    static func detail(_ command: Command) -> String {
        var lines = ["usage: " + command.usage, "  " + command.summary]
        if let returns = command.returns { lines.append("  gives: " + returns + " (bind it: name = \(command.name) …)") }
        if !command.parameters.isEmpty {
            lines.append("arguments:")
            let width = command.parameters.map { $0.name.count + ($0.isPositional ? 0 : 1) }.max() ?? 0
            for p in command.parameters {
                let label = (p.isPositional ? p.name : p.name + "=").padding(width)
                var text = p.help + " (" + p.type.description
                if let d = p.defaultDescription { text += "; default " + d }
                if case .absent = p.defaultValue, p.isPositional { text += "; optional" }
                lines.append("  " + label + "  " + text + ")")
            }
        }
        if !command.discussion.isEmpty { lines.append(command.discussion) }
        lines.append("example:")
        lines.append("  " + command.example)
        return lines.joined(separator: "\n")
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
