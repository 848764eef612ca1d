/// The text of `help` and `help CMD`, generated from the declarations.
enum Help {
    /// Every command with its summary, in table order.
    /// `columns`: the terminal's width; lines wrap at word boundaries with a hanging indent,
    /// so a long one never splits a word such as `[clip`.
    static func overview(_ table: CommandTable, columns: Int = .max) -> String {
        let width = table.commands.map(\.name.count).max() ?? 0
        var lines = ["commands:"]
        for command in table.commands {
            lines.append(("  " + command.name.padding(width) + "  " + command.summary)
                .wrapped(columns: columns, hangingIndent: width + 4))
        }
        lines.append("type 'help COMMAND' for its arguments and an example; Tab completes"
            .wrapped(columns: columns, hangingIndent: 0))
        return lines.joined(separator: "\n")
    }

    /// Usage, arguments with types, defaults and help, the example.
    static func detail(_ command: Command, columns: Int = .max) -> String {
        var lines = [("usage: " + command.usage).wrapped(columns: columns, hangingIndent: 7),
                     ("  " + command.summary).wrapped(columns: columns, hangingIndent: 2)]
        if let returns = command.returns {
            lines.append(("  gives: " + returns + " (bind it: name = \(command.name) …)")
                .wrapped(columns: columns, hangingIndent: 4))
        }
        if !command.parameters.isEmpty {
            lines.append("arguments:")
            let width = command.parameters.map { $0.name.count + ($0.isPositional ? 0 : 1) }.max() ?? 0
            for p in command.parameters {
                let label = (p.isPositional ? p.name : p.name + "=").padding(width)
                var text = p.help + " (" + p.type.description
                if let d = p.defaultDescription { text += "; default " + d }
                if case .absent = p.defaultValue, p.isPositional { text += "; optional" }
                lines.append(("  " + label + "  " + text + ")").wrapped(columns: columns, hangingIndent: width + 4))
            }
        }
        if !command.discussion.isEmpty {
            lines.append(command.discussion.wrapped(columns: columns, hangingIndent: 0))
        }
        lines.append("example:")
        lines.append("  " + command.example)
        return lines.joined(separator: "\n")
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    /// Each line broken at spaces to fit `columns`; continuation lines start with
    /// `hangingIndent` spaces. A word longer than a whole line stays whole (an example or a
    /// path is worth more unbroken than inside the margin).
    func wrapped(columns: Int, hangingIndent: Int) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.count > columns else { return String(line) }
            let indent = String(repeating: " ", count: min(hangingIndent, max(0, columns / 2)))
            // Words with the spaces before each, so a label's padding survives on its row.
            var pieces: [(gap: Substring, word: Substring)] = []
            var rest = line[...]
            while !rest.isEmpty {
                let gap = rest.prefix { $0 == " " }
                rest = rest.dropFirst(gap.count)
                let word = rest.prefix { $0 != " " }
                rest = rest.dropFirst(word.count)
                pieces.append((gap, word))
            }
            var rows: [String] = []
            var row = ""
            for (gap, word) in pieces {
                let isFirstWord = row.allSatisfy { $0 == " " }
                if !isFirstWord, row.count + gap.count + word.count > columns {
                    rows.append(row)
                    row = indent + word
                } else {
                    row += gap + word
                }
            }
            rows.append(row)
            return rows.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
