/// Reads a source line into statements (`;` separates them; empty ones are skipped).
///
///     let statements = try Parser.parse("data = dataset lines n=100; show data")
///     statements.count        // 2
///     statements[0].target    // "data"
///
/// Grammar (one line):
///
///     line       := statement? (';' statement?)*
///     statement  := [name '='] name argument*
///     argument   := name '=' expression | expression
///     expression := postfix (':' postfix (':' postfix)?)?       a range
///     postfix    := primary ('.' name | '[' expression ']')*     no space before '.' or '['
///     primary    := number | string | name | '[' [expression (',' expression)*] ']'
public struct Parser {
    private var tokens: [Token]
    private var position = 0
    /// Brackets and `.`/`[…]` links open around the current token. Parsing, evaluating,
    /// printing and freeing an expression all recurse this deep, so it is bounded well below
    /// what the stack holds.
    private var depth = 0
    public static let maximumNesting = 100

    /// The statements of one source line.
    public static func parse(_ line: String) throws(WorkbenchError) -> [Statement] {
        var parser = Parser(tokens: try Lexer.tokens(in: line))
        return try parser.line()
    }

    /// Exactly one statement (for tests and the printer's round trip).
    public static func statement(_ text: String) throws(WorkbenchError) -> Statement {
        let statements = try parse(text)
        guard statements.count == 1 else {
            throw WorkbenchError("expected one statement, found \(statements.count)",
                                 at: SourceSpan(start: 0, end: text.count))
        }
        return statements[0]
    }

    private init(tokens: [Token]) { self.tokens = tokens }

    private var current: Token { tokens[position] }
    private var next: Token { tokens[min(position + 1, tokens.count - 1)] }

    private mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func isSymbol(_ token: Token, _ c: Character) -> Bool { token.kind == .symbol(c) }

    private mutating func line() throws(WorkbenchError) -> [Statement] {
        var statements = [Statement]()
        while current.kind != .end {
            if isSymbol(current, ";") {
                _ = advance()
                continue
            }
            statements.append(try statement())
            if !isSymbol(current, ";") && current.kind != .end {
                throw WorkbenchError("expected ';' or the end of the line, found \(current.quoted)", at: current.span)
            }
        }
        return statements
    }

    private mutating func word(_ what: String) throws(WorkbenchError) -> Statement.Word {
        guard case .identifier(let name) = current.kind else {
            throw WorkbenchError("expected \(what), found \(current.quoted)", at: current.span)
        }
        return Statement.Word(name, span: advance().span)
    }

    private mutating func statement() throws(WorkbenchError) -> Statement {
        // `data.test[0]` alone: a value to show (a name directly followed by '.' or '[').
        if case .identifier(let name) = current.kind, !next.spaced, isSymbol(next, ".") || isSymbol(next, "[") {
            let first = Statement.Word(name, span: current.span)
            return Statement(showing: try expression(), first: first)
        }
        var target: Statement.Word?
        if case .identifier = current.kind, isSymbol(next, "=") {
            target = try word("a name")
            _ = advance()
        }
        let command = try word(target == nil ? "a command" : "a command after '='")
        var arguments = [Statement.Argument]()
        while current.kind != .end && !isSymbol(current, ";") {
            if case .identifier = current.kind, isSymbol(next, "=") {
                let label = try word("an option name")
                _ = advance()
                if current.kind == .end || isSymbol(current, ";") || (current.spaced && !isValueStart(current)) {
                    throw WorkbenchError("expected a value after '\(label.text)='", at: current.span)
                }
                arguments.append(Statement.Argument(label: label, value: try expression()))
            } else {
                arguments.append(Statement.Argument(value: try expression()))
            }
        }
        return Statement(target: target, command: command, arguments: arguments)
    }

    private func isValueStart(_ token: Token) -> Bool {
        switch token.kind {
        case .identifier, .number, .string: return true
        case .symbol(let c): return c == "["
        case .end: return false
        }
    }

    private mutating func nest() throws(WorkbenchError) {
        depth += 1
        guard depth <= Self.maximumNesting else {
            throw WorkbenchError("expressions nest at most \(Self.maximumNesting) deep", at: current.span)
        }
    }

    private mutating func expression() throws(WorkbenchError) -> Expression {
        try nest()
        defer { depth -= 1 }
        let start = try postfix()
        guard isSymbol(current, ":") else { return start }
        _ = advance()
        let stop = try postfix()
        var step: Expression?
        if isSymbol(current, ":") {
            _ = advance()
            step = try postfix()
        }
        let span = start.span.joined(step?.span ?? stop.span)
        return Expression(.range(start, stop, step), span: span)
    }

    private mutating func postfix() throws(WorkbenchError) -> Expression {
        var value = try primary()
        let outer = depth
        defer { depth = outer }
        while !current.spaced {
            if isSymbol(current, ".") {
                try nest()
                _ = advance()
                let field = try word("a field name after '.'")
                value = Expression(.field(value, field.text), span: value.span.joined(field.span))
            } else if isSymbol(current, "[") {
                try nest()
                _ = advance()
                let index = try expression()
                let close = try expect("]", closing: "[")
                value = Expression(.index(value, index), span: value.span.joined(close))
            } else {
                break
            }
        }
        return value
    }

    private mutating func expect(_ c: Character, closing open: Character) throws(WorkbenchError) -> SourceSpan {
        guard isSymbol(current, c) else {
            throw WorkbenchError("expected '\(c)' to close '\(open)', found \(current.quoted)", at: current.span)
        }
        return advance().span
    }

    private mutating func primary() throws(WorkbenchError) -> Expression {
        let token = current
        switch token.kind {
        case .number(let value):
            _ = advance()
            return Expression(.number(value), span: token.span)
        case .string(let text):
            _ = advance()
            return Expression(.string(text), span: token.span)
        case .identifier(let name):
            _ = advance()
            return Expression(.name(name), span: token.span)
        case .symbol("["):
            _ = advance()
            var items = [Expression]()
            if !isSymbol(current, "]") {
                items.append(try expression())
                while isSymbol(current, ",") {
                    _ = advance()
                    items.append(try expression())
                }
            }
            let close = try expect("]", closing: "[")
            return Expression(.list(items), span: token.span.joined(close))
        default:
            throw WorkbenchError("expected a value, found \(token.quoted)", at: token.span)
        }
    }
}
