import Workbench

/// Reads the grid from a sweep file's first statement:
///
///     sweep kind=[rnn, jumpy] seed=0:2      # 2 × 2 points; 0:2 is 0, 1 (stop excluded)
///
/// The line goes through the workbench's own parser, so lists, ranges, strings and the
/// errors (with a caret) are the language's.
enum SweepLine {
    /// More points than this is a typo, not a sweep.
    static let maximumPoints = 100_000

    static func axes(of statement: Statement) throws(WorkbenchError) -> [SweepAxis] {
        guard statement.command.text == "sweep" else {
            throw WorkbenchError("a sweep file starts with a 'sweep' statement naming the grid, found '\(statement.command.text)'",
                                 at: statement.command.span, notes: ["e.g. sweep kind=[rnn, jumpy] seed=0:3"])
        }
        if let target = statement.target {
            throw WorkbenchError("'sweep' gives no value to bind", at: target.span)
        }
        guard !statement.arguments.isEmpty else {
            throw WorkbenchError("'sweep' names no axes", at: statement.command.span, notes: ["e.g. sweep kind=[rnn, jumpy] seed=0:3"])
        }
        var axes = [SweepAxis]()
        var points = 1.0
        for argument in statement.arguments {
            guard let label = argument.label else {
                throw WorkbenchError("expected an axis as name=values, e.g. seed=0:3", at: argument.value.span)
            }
            if axes.contains(where: { $0.name == label.text }) {
                throw WorkbenchError("axis '\(label.text)' is named twice", at: label.span)
            }
            let values = try Self.values(of: argument.value, axis: label.text)
            if let repeated = values.enumerated().first(where: { values[..<$0.offset].contains($0.element) }) {
                throw WorkbenchError("axis '\(label.text)' lists '\(repeated.element)' twice: the points would repeat", at: argument.value.span)
            }
            points *= Double(values.count)
            guard points <= Double(maximumPoints) else {
                throw WorkbenchError("the grid has more than \(maximumPoints) points", at: argument.value.span)
            }
            axes.append(SweepAxis(name: label.text, values: values))
        }
        return axes
    }

    private static func values(of expression: Expression, axis: String) throws(WorkbenchError) -> [String] {
        switch expression.kind {
        case .list(let items):
            guard !items.isEmpty else {
                throw WorkbenchError("axis '\(axis)' is an empty list: the grid has no points", at: expression.span)
            }
            var values = [String]()
            for item in items { values.append(try scalar(item)) }
            return values
        case .range(let start, let stop, let step):
            guard case .number(let a) = start.kind, case .number(let b) = stop.kind else {
                throw WorkbenchError("a range in a sweep takes numbers", at: expression.span)
            }
            var by = 1.0
            if let step {
                guard case .number(let s) = step.kind else { throw WorkbenchError("a range step must be a number", at: step.span) }
                by = s
            }
            let range = NumberRange(start: a, stop: b, step: by)
            guard range.count >= 1 else {
                throw WorkbenchError("the range \(range) is empty (the stop is excluded): the grid has no points", at: expression.span)
            }
            guard range.count <= Double(maximumPoints) else {
                throw WorkbenchError("the range \(range) has more than \(maximumPoints) values", at: expression.span)
            }
            return range.values.map(Printer.number)
        default:
            return [try scalar(expression)]
        }
    }

    /// A value as it will be substituted: numbers and words as written, strings unquoted.
    private static func scalar(_ expression: Expression) throws(WorkbenchError) -> String {
        switch expression.kind {
        case .number: return Printer.expression(expression)
        case .name(let word): return word
        case .string(let text):
            guard !text.contains("\n") else { throw WorkbenchError("a sweep value cannot hold a line break", at: expression.span) }
            return text
        default:
            throw WorkbenchError("a sweep value is a number, a word or a string", at: expression.span)
        }
    }
}
