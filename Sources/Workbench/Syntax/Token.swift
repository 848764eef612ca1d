/// One lexical unit of a statement line.
struct Token: Equatable {
    enum Kind: Equatable {
        case identifier(String)
        case number(Double)
        case string(String)
        /// One of `= [ ] , : . ;`
        case symbol(Character)
        case end
    }

    var kind: Kind
    var span: SourceSpan
    /// Whether whitespace separates this token from the previous one: `x[0]` indexes `x`,
    /// while `x [0]` is two arguments, a variable and a list.
    var spaced: Bool

    /// How an error message names the token.
    var quoted: String {
        switch kind {
        case .identifier(let name): return "'\(name)'"
        case .number(let value): return "'\(Printer.number(value))'"
        case .string: return "a string"
        case .symbol(let c): return "'\(c)'"
        case .end: return "the end of the line"
        }
    }
}
