/// What a parameter accepts; drives conversion, the error for a wrong value, `help` and tab
/// completion.
///
///     .integer(1...1_000_000)            n=2000
///     .number(0...1)                     split=0.9   (bounds inclusive)
///     .word(["lines", "billiards2d"])    a bare word (or string) from a fixed set
///     .string                            "text"
///     .path                              "file.safetensors" (completes file names)
///     .name                              a bare name: a variable to delete, a command for help
///     .variable                          the name of a bound variable
///     .value(of: ["dataset"])            any expression, evaluated; an empty list means any type
public enum ArgumentType: Sendable {
    case integer(ClosedRange<Int>?)
    case number(ClosedRange<Double>?)
    case word([String])
    case string
    case path
    case name
    case variable
    case value(of: [String])
    /// A bare word from a fixed set, else a value of these types (`plan sim`, `plan net`); the
    /// word wins over a variable of the same name.
    case wordOrValue([String], of: [String])

    /// For `help` and messages: `an integer in 1...1000000`.
    public var description: String {
        switch self {
        case .integer(let range): return "an integer" + (range.map { " in \($0.lowerBound)...\($0.upperBound)" } ?? "")
        case .number(let range): return "a number" + (range.map { " in \(Printer.number($0.lowerBound))...\(Printer.number($0.upperBound))" } ?? "")
        case .word(let words): return "one of " + words.joined(separator: ", ")
        case .string: return "a string"
        case .path: return "a file path in quotes"
        case .name: return "a name"
        case .variable: return "a variable"
        case .value(let types):
            if types.isEmpty { return "a value" }
            return types.map { article($0) + " " + $0 }.joined(separator: " or ")
        case .wordOrValue(let words, let types):
            return (words + types.map { article($0) + " " + $0 }).joined(separator: " or ")
        }
    }

    /// Short form for usage lines: `INT`, `NUMBER`, `lines|circles|…`, `"PATH"`, `dataset`.
    public var placeholder: String {
        switch self {
        case .integer: return "INT"
        case .number: return "NUMBER"
        case .word(let words): return words.count <= 4 ? words.joined(separator: "|") : "WORD"
        case .string: return "\"TEXT\""
        case .path: return "\"PATH\""
        case .name: return "NAME"
        case .variable: return "VAR"
        case .value(let types): return types.isEmpty ? "VALUE" : types.joined(separator: "|").uppercased()
        case .wordOrValue(let words, let types): return (words + types.map { $0.uppercased() }).joined(separator: "|")
        }
    }
}

func article(_ word: String) -> String {
    guard let first = word.first else { return "a" }
    return "aeiou".contains(first) ? "an" : "a"
}
