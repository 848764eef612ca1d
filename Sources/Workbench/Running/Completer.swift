import Foundation

/// Tab completion from the command table and the bindings: command names (and variables at
/// the start of a statement, where a name alone shows the variable), the options of
/// the command being typed, variables, `var.` fields, the words a parameter accepts, and
/// file paths inside quotes.
///
///     interpreter.completions(for: "dat")              // (0, ["data", "dataset"])
///     interpreter.completions(for: "data = dat")       // (7, ["dataset"])
///     interpreter.completions(for: "dataset lines s")  // (14, ["seed=", "split="])
///     interpreter.completions(for: "show data.t")      // (5, ["data.test", "data.train"])
///     interpreter.completions(for: #"load "sess"#)     // (6, ["sessions/"])
extension Interpreter {
    /// Where the word before the cursor starts (a character offset in `prefix`) and the
    /// words that could replace it, sorted.
    public func completions(for prefix: String) -> (start: Int, candidates: [String]) {
        let chars = Array(prefix)
        // The statement being typed starts after the last ';' outside quotes.
        var statementStart = 0
        var quote: Int?
        var i = 0
        while i < chars.count {
            switch chars[i] {
            case "\\" where quote != nil: i += 1
            case "\"": quote = quote == nil ? i : nil
            case ";" where quote == nil: statementStart = i + 1
            default: break
            }
            i += 1
        }
        if let quote { return (quote + 1, Self.paths(String(chars[(quote + 1)...]))) }

        var start = chars.count
        while start > statementStart, chars[start - 1].isLetter || chars[start - 1].isNumber
                || chars[start - 1] == "_" || chars[start - 1] == "." { start -= 1 }
        let word = String(chars[start...])
        let before = String(chars[statementStart..<start])
        return (start, Array(Set(candidates(word: word, before: before).filter { $0.hasPrefix(word) })).sorted())
    }

    private func candidates(word: String, before: String) -> [String] {
        if let dot = word.lastIndex(of: ".") {
            return fields(of: String(word[..<dot]))
        }
        guard let tokens = try? Lexer.tokens(in: before).dropLast().map(\.kind) else { return [] }
        let variables = bindings.keys.sorted()
        // Nothing yet: a command, or a variable's name alone (which shows it). After
        // `name =`: a command.
        if tokens.isEmpty { return commands.names + variables }
        if tokens.count == 2 && tokens[1] == .symbol("=") { return commands.names }
        let commandIndex = tokens.count >= 2 && tokens[1] == .symbol("=") ? 2 : 0
        guard case .identifier(let name)? = tokens.dropFirst(commandIndex).first else { return [] }
        let arguments = Array(tokens.dropFirst(commandIndex + 1))

        // A subcommand chosen by its first argument (`save session …`).
        var command = commands[name]
        var given = arguments
        if case .identifier(let sub)? = arguments.first, let subcommand = commands[name + " " + sub] {
            command = subcommand
            given = Array(arguments.dropFirst())
        }
        guard let command else { return [] }

        // Right after `option=`: what that option accepts.
        if given.count >= 2, given.last == .symbol("="), case .identifier(let option) = given[given.count - 2] {
            return command.parameter(option).map { accepted(by: $0, variables: variables) } ?? []
        }
        // Options not yet given, and what the next positional parameter accepts.
        var labels = Set<String>()
        var positionalCount = 0
        var index = 0
        while index < given.count {
            if case .identifier(let label) = given[index], index + 1 < given.count, given[index + 1] == .symbol("=") {
                labels.insert(label)
                index += 3
            } else {
                positionalCount += 1
                index += 1
            }
        }
        var result = command.parameters.filter { !labels.contains($0.name) && !$0.isPositional }.map { $0.name + "=" }
        let positional = command.parameters.filter { $0.isPositional && !labels.contains($0.name) }
        if let next = positional.dropFirst(positionalCount).first ?? positional.last.flatMap({ $0.isVariadic ? $0 : nil }) {
            result += accepted(by: next, variables: variables)
        }
        if arguments.isEmpty { result += commands.subcommands(of: name) }
        return Array(Set(result)).sorted()
    }

    /// The words a parameter takes: its choices, command names for `help`, or variables.
    private func accepted(by parameter: CommandParameter, variables: [String]) -> [String] {
        switch parameter.type {
        case .word(let words): return words
        case .name: return parameter.name == "command" ? commands.names : []
        case .integer, .number: return variables.filter { if case .number? = bindings[$0]?.value { return true } else { return false } }
        case .path, .string: return []
        case .variable: return variables
        case .value(let types):
            return variables.filter { types.isEmpty || types.contains(bindings[$0]!.value.typeName) }
        case .wordOrValue(let words, let types):
            return words + variables.filter { types.contains(bindings[$0]!.value.typeName) }
        }
    }

    /// `base.field` for every field of the value `base` names.
    private func fields(of base: String) -> [String] {
        guard let statement = try? Parser.statement("show " + base), let expression = statement.arguments.first?.value,
              statement.arguments.count == 1,
              case .object(let object)? = try? Evaluator(bindings: bindings).evaluate(expression) else { return [] }
        return object.fieldNames.map { base + "." + $0 }
    }

    /// Files and directories (with a trailing `/`) starting with `partial`; `~/` is the home
    /// directory. Hidden entries only when asked for with a leading dot.
    static func paths(_ partial: String) -> [String] {
        let slash = partial.lastIndex(of: "/")
        let directoryPart = slash.map { String(partial[...$0]) } ?? ""
        let namePart = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
        var directory = directoryPart.isEmpty ? "." : directoryPart
        if directory.hasPrefix("~/") { directory = NSHomeDirectory() + directory.dropFirst(1) }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { $0.hasPrefix(namePart) && (namePart.hasPrefix(".") || !$0.hasPrefix(".")) }
            .map { name in
                var isDirectory: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory)
                return directoryPart + name + (isDirectory.boolValue ? "/" : "")
            }
            .sorted()
    }
}
