/// A value as written in a statement, before evaluation.
///
///     2000            .number(2000)
///     "d.npy"         .string("d.npy")
///     [1, 2]          .list([1, 2])
///     0:45:0.25       .range(0, 45, 0.25)
///     data            .name("data")       a variable, or a bare word where a command wants one
///     data.test       .field(data, "test")
///     data.test[0]    .index(data.test, 0)
///     data.test[0:8]  .index(data.test, 0:8)   a range index slices
///
/// Equality ignores spans.
public struct Expression: Sendable, Equatable, CustomStringConvertible {
    public indirect enum Kind: Sendable, Equatable {
        case number(Double)
        case string(String)
        case name(String)
        case list([Expression])
        case range(Expression, Expression, Expression?)
        case field(Expression, String)
        case index(Expression, Expression)
    }

    public var kind: Kind
    public var span: SourceSpan

    public init(_ kind: Kind, span: SourceSpan = SourceSpan(start: 0, end: 0)) {
        self.kind = kind
        self.span = span
    }

    public static func == (a: Expression, b: Expression) -> Bool { a.kind == b.kind }

    /// The canonical text (see `Printer`).
    public var description: String { Printer.expression(self) }

    /// The bare word, if the expression is just a name.
    public var name: String? {
        if case .name(let name) = kind { return name }
        return nil
    }
}
