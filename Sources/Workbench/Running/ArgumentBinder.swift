/// Matches a statement's arguments to a command's parameters and checks each one against
/// its declared type and range; fills defaults, drawing seeds from the session.
///
///     dataset billiards2d n=2000
///     // world = "billiards2d", n = 2000, seed = <next seed>, split = 0.9
///
/// The result also holds the canonical statement the recorder keeps: parameters in
/// declaration order, seeds written out.
struct ArgumentBinder {
    let command: Command
    let evaluator: Evaluator
    var nextSeed: Int

    struct Bound {
        var values: [String: Value] = [:]
        var spans: [String: SourceSpan] = [:]
        /// The expression each given or seeded argument was written as.
        var expressions: [String: Expression] = [:]
        var seedsDrawn = 0
    }

    mutating func bind(_ statement: Statement, arguments: [Statement.Argument]) throws(WorkbenchError) -> Bound {
        var bound = Bound()
        var positional = command.parameters.filter(\.isPositional)
        var variadicItems: [Expression] = []
        var variadicParameter: CommandParameter?

        for argument in arguments {
            let parameter: CommandParameter
            if let label = argument.label {
                guard let declared = command.parameter(label.text) else {
                    let names = command.parameters.map(\.name)
                    throw WorkbenchError("'\(command.name)' has no option '\(label.text)'", at: label.span,
                                         suggestion: Suggestion.nearest(to: label.text, in: names),
                                         notes: names.isEmpty ? ["it takes no arguments"] : ["options: " + names.joined(separator: ", ")])
                }
                guard bound.expressions[declared.name] == nil else {
                    throw WorkbenchError("'\(declared.name)' is given twice", at: label.span)
                }
                parameter = declared
                positional.removeAll { $0.name == declared.name }
                if parameter.isVariadic {
                    // By name, a variadic argument takes one item (`compare items=e`).
                    bound.spans[parameter.name] = argument.span
                    bound.spans[CommandParameter.itemName(parameter.name, 0)] = argument.value.span
                    bound.expressions[parameter.name] = Expression(.list([argument.value]))
                    bound.values[parameter.name] = .list([try convert(argument.value, for: parameter)])
                    continue
                }
            } else {
                if let variadic = variadicParameter {
                    bound.spans[CommandParameter.itemName(variadic.name, variadicItems.count)] = argument.value.span
                    variadicItems.append(argument.value)
                    bound.spans[variadic.name] = bound.spans[variadic.name]!.joined(argument.value.span)
                    continue
                }
                guard !positional.isEmpty else {
                    let takes = command.parameters.filter(\.isPositional).count
                    let options = command.parameters.filter { !$0.isPositional }.map { $0.name + "=" }
                    throw WorkbenchError("unexpected argument: '\(command.name)' takes \(takes) positional argument\(takes == 1 ? "" : "s")",
                                         at: argument.value.span,
                                         notes: options.isEmpty ? [] : ["options go by name: " + options.joined(separator: ", ")])
                }
                parameter = positional.removeFirst()
                if parameter.isVariadic {
                    variadicParameter = parameter
                    variadicItems = [argument.value]
                    bound.spans[parameter.name] = argument.value.span
                    bound.spans[CommandParameter.itemName(parameter.name, 0)] = argument.value.span
                    bound.expressions[parameter.name] = argument.value
                    continue
                }
            }
            bound.spans[parameter.name] = argument.span
            bound.expressions[parameter.name] = argument.value
            bound.values[parameter.name] = try convert(argument.value, for: parameter)
        }

        if let variadic = variadicParameter {
            var items = [Value]()
            for item in variadicItems { items.append(try convert(item, for: variadic)) }
            bound.values[variadic.name] = .list(items)
            bound.expressions[variadic.name] = Expression(.list(variadicItems))
        }

        for parameter in command.parameters where bound.values[parameter.name] == nil {
            switch parameter.defaultValue {
            case .required:
                throw WorkbenchError("'\(command.name)' needs \(parameter.isPositional ? "" : "option ")'\(parameter.name)' (\(parameter.type.description))",
                                     at: SourceSpan(start: statement.span.end, end: statement.span.end + 1),
                                     notes: ["usage: " + command.usage])
            case .absent:
                break
            case .value(let value):
                bound.values[parameter.name] = value
            case .seed:
                let seed = nextSeed
                nextSeed += 1
                bound.seedsDrawn += 1
                bound.values[parameter.name] = .number(Double(seed))
                bound.expressions[parameter.name] = Expression(.number(Double(seed)))
            }
        }
        return bound
    }

    /// Checks one argument against its parameter's type.
    func convert(_ e: Expression, for parameter: CommandParameter) throws(WorkbenchError) -> Value {
        let what = "'\(parameter.name)' must be \(parameter.type.description)"
        switch parameter.type {
        case .integer(let range):
            let x = try number(e, what)
            guard x == x.rounded(), abs(x) < 1e15 else { throw WorkbenchError("\(what), got \(Printer.number(x))", at: e.span) }
            if let range, !range.contains(Int(x)) {
                throw WorkbenchError("\(parameter.name) = \(Printer.number(x)) is out of range: \(what)", at: e.span)
            }
            return .number(x)
        case .number(let range):
            let x = try number(e, what)
            if let range, !range.contains(x) {
                throw WorkbenchError("\(parameter.name) = \(Printer.number(x)) is out of range: \(what)", at: e.span)
            }
            return .number(x)
        case .word(let words):
            let word: String
            switch e.kind {
            case .name(let w), .string(let w): word = w
            default: throw WorkbenchError("\(what), got \(kindName(e))", at: e.span)
            }
            guard words.contains(word) else {
                throw WorkbenchError("unknown \(parameter.name) '\(word)'", at: e.span,
                                     suggestion: Suggestion.nearest(to: word, in: words),
                                     notes: ["\(parameter.name): " + words.joined(separator: ", ")])
            }
            return .string(word)
        case .string, .path:
            if case .string(let s) = e.kind { return .string(s) }
            // A variable holding a string is fine; a bare unknown word probably wanted quotes.
            if case .name(let name) = e.kind, evaluator.bindings[name] == nil {
                throw WorkbenchError("\(what); put text in quotes: \"\(name)\"", at: e.span)
            }
            guard case .string(let s) = try evaluator.evaluate(e) else {
                throw WorkbenchError("\(what), got \(kindName(e))", at: e.span)
            }
            return .string(s)
        case .name:
            switch e.kind {
            case .name(let w), .string(let w): return .string(w)
            default: throw WorkbenchError("\(what), got \(kindName(e))", at: e.span)
            }
        case .variable:
            guard case .name(let name) = e.kind else { throw WorkbenchError("\(what), got \(kindName(e))", at: e.span) }
            guard evaluator.bindings[name] != nil else {
                throw WorkbenchError("undefined variable '\(name)'", at: e.span,
                                     suggestion: Suggestion.nearest(to: name, in: evaluator.bindings.keys.sorted()))
            }
            return .string(name)
        case .wordOrValue(let words, let types):
            if case .name(let word) = e.kind, words.contains(word) { return .string(word) }
            let value = try evaluator.evaluate(e)
            guard types.contains(value.typeName) else {
                throw WorkbenchError("\(what), got \(article(value.typeName)) \(value.typeName)", at: e.span)
            }
            return value
        case .value(let types):
            let value = try evaluator.evaluate(e)
            guard types.isEmpty || types.contains(value.typeName) else {
                throw WorkbenchError("\(what), got \(article(value.typeName)) \(value.typeName)", at: e.span)
            }
            return value
        }
    }

    private func number(_ e: Expression, _ what: String) throws(WorkbenchError) -> Double {
        let value = try evaluator.evaluate(e)
        guard case .number(let x) = value else {
            throw WorkbenchError("\(what), got \(article(value.typeName)) \(value.typeName)", at: e.span)
        }
        return x
    }

    private func kindName(_ e: Expression) -> String {
        switch e.kind {
        case .number: return "a number"
        case .string: return "a string"
        case .name: return "a name"
        case .list: return "a list"
        case .range: return "a range"
        case .field, .index: return "an expression"
        }
    }
}
