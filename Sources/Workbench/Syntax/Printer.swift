/// The canonical text of syntax: the inverse of `Parser`, so `parse(print(s)) == s`.
///
///     Printer.statement(try Parser.statement("d=dataset  lines n=1e2"))
///     // "d = dataset lines n=100"
///
/// Numbers print as integers when they are whole (below 10¹⁵), otherwise in Swift's shortest
/// round-tripping form (`0.001`, `1e-05`); strings are double-quoted with escapes.
public enum Printer {
    public static func statement(_ s: Statement) -> String {
        if let shown = s.shown { return expression(shown) }
        var parts = [String]()
        if let target = s.target { parts.append(target.text + " =") }
        parts.append(s.command.text)
        for argument in s.arguments {
            let value = expression(argument.value)
            parts.append(argument.label.map { $0.text + "=" + value } ?? value)
        }
        return parts.joined(separator: " ")
    }

    public static func expression(_ e: Expression) -> String {
        switch e.kind {
        case .number(let value): return number(value)
        case .string(let text): return string(text)
        case .name(let name): return name
        case .list(let items): return "[" + items.map(expression).joined(separator: ", ") + "]"
        case let .range(start, stop, step):
            return [start, stop].map(operand).joined(separator: ":") + (step.map { ":" + operand($0) } ?? "")
        case let .field(base, name): return operand(base) + "." + name
        case let .index(base, index): return operand(base) + "[" + expression(index) + "]"
        }
    }

    /// A range inside a range or before a postfix needs no brackets in our grammar, because
    /// ranges only appear at the top of an expression; postfix operands are primaries.
    private static func operand(_ e: Expression) -> String { expression(e) }

    public static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int(value))
        }
        return String(value)
    }

    public static func string(_ text: String) -> String {
        var out = "\""
        for c in text {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.append(c)
            }
        }
        return out + "\""
    }
}
