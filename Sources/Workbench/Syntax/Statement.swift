/// One statement: `[target =] command argument…`, or a value alone to show it.
///
///     data = dataset billiards2d n=2000 seed=0
///     // target "data", command "dataset", arguments [billiards2d, n=2000, seed=0]
///     data.test[0]
///     // shown: data.test[0] (command "data", its first word)
///
/// Equality ignores spans, so a statement equals its reprint.
public struct Statement: Sendable, Equatable, CustomStringConvertible {
    /// A name with where it was written.
    public struct Word: Sendable, Equatable {
        public var text: String
        public var span: SourceSpan

        public init(_ text: String, span: SourceSpan = SourceSpan(start: 0, end: 0)) {
            self.text = text
            self.span = span
        }

        public static func == (a: Word, b: Word) -> Bool { a.text == b.text }
    }

    /// `value` or `label=value`.
    public struct Argument: Sendable, Equatable {
        public var label: Word?
        public var value: Expression

        public init(label: Word? = nil, value: Expression) {
            self.label = label
            self.value = value
        }

        public var span: SourceSpan { label.map { $0.span.joined(value.span) } ?? value.span }
    }

    public var target: Word?
    public var command: Word
    public var arguments: [Argument]
    /// A field or an element written alone (`data.test`, `r.times[3]`): the interpreter shows
    /// its value. A bare name is a command statement without arguments, shown when it names a
    /// variable rather than a command.
    public var shown: Expression?

    public init(target: Word? = nil, command: Word, arguments: [Argument] = []) {
        self.target = target
        self.command = command
        self.arguments = arguments
    }

    /// `expression` alone, to be shown; `first` is its leading name.
    public init(showing expression: Expression, first: Word) {
        self.init(command: first)
        shown = expression
    }

    /// The canonical text (see `Printer`).
    public var description: String { Printer.statement(self) }

    /// The span of the whole statement.
    public var span: SourceSpan {
        if let shown { return shown.span }
        var span = target?.span ?? command.span
        span = span.joined(command.span)
        if let last = arguments.last { span = span.joined(last.span) }
        return span
    }
}
