/// Splits one source line into tokens; `#` starts a comment that runs to the end of the line.
///
///     try Lexer.tokens(in: #"save data "d.safetensors"  # keep it"#)
///     // identifier save, identifier data, string d.safetensors, end
///
/// Numbers are decimal with an optional fraction and exponent (`2000`, `1e-3`, `-0.5`); a `-`
/// belongs to a number only when a digit follows it. Strings are double-quoted with the escapes
/// `\"`, `\\`, `\n` and `\t`.
enum Lexer {
    static func tokens(in line: String) throws(WorkbenchError) -> [Token] {
        let chars = Array(line)
        var tokens = [Token]()
        var i = 0
        var spaced = true
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" || c == "\r" || c == "\n" {
                spaced = true
                i += 1
                continue
            }
            if c == "#" { break }
            let start = i
            let kind: Token.Kind
            if c.startsName {
                while i < chars.count, chars[i].continuesName { i += 1 }
                kind = .identifier(String(chars[start..<i]))
            } else if c.isDigit || (c == "-" || c == "+") && i + 1 < chars.count && (chars[i + 1].isDigit || chars[i + 1] == ".") {
                kind = .number(try number(chars, &i))
            } else if c == "." && i + 1 < chars.count && chars[i + 1].isDigit && spaced {
                kind = .number(try number(chars, &i))
            } else if c == "\"" {
                kind = .string(try string(chars, &i))
            } else if "=[],:.;".contains(c) {
                i += 1
                kind = .symbol(c)
            } else {
                throw WorkbenchError("unexpected character '\(c)'", at: SourceSpan(start: i, end: i + 1))
            }
            tokens.append(Token(kind: kind, span: SourceSpan(start: start, end: i), spaced: spaced))
            spaced = false
        }
        tokens.append(Token(kind: .end, span: SourceSpan(start: chars.count, end: chars.count + 1), spaced: true))
        return tokens
    }

    private static func number(_ chars: [Character], _ i: inout Int) throws(WorkbenchError) -> Double {
        let start = i
        func digits() { while i < chars.count, chars[i].isDigit { i += 1 } }
        if chars[i] == "-" || chars[i] == "+" { i += 1 }
        digits()
        // A '.' is a decimal point only before a digit: `x.1` is not a thing, but `1.` would
        // swallow a field access, so `2.5` yes, `2.` no.
        if i + 1 < chars.count, chars[i] == ".", chars[i + 1].isDigit {
            i += 1
            digits()
        }
        if i < chars.count, chars[i] == "e" || chars[i] == "E" {
            var j = i + 1
            if j < chars.count, chars[j] == "-" || chars[j] == "+" { j += 1 }
            if j < chars.count, chars[j].isDigit {
                i = j
                digits()
            }
        }
        let text = String(chars[start..<i])
        guard let value = Double(text), value.isFinite else {
            throw WorkbenchError("'\(text)' is not a number", at: SourceSpan(start: start, end: i))
        }
        if i < chars.count, chars[i].startsName {
            throw WorkbenchError("a name cannot start with a digit", at: SourceSpan(start: start, end: i + 1))
        }
        return value
    }

    private static func string(_ chars: [Character], _ i: inout Int) throws(WorkbenchError) -> String {
        let start = i
        i += 1
        var text = ""
        while i < chars.count {
            let c = chars[i]
            if c == "\"" {
                i += 1
                return text
            }
            if c == "\\", i + 1 < chars.count {
                switch chars[i + 1] {
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "\"": text.append("\"")
                case "\\": text.append("\\")
                default:
                    throw WorkbenchError("unknown escape '\\\(chars[i + 1])' (use \\\", \\\\, \\n or \\t)",
                                         at: SourceSpan(start: i, end: i + 2))
                }
                i += 2
                continue
            }
            text.append(c)
            i += 1
        }
        throw WorkbenchError("unterminated string; add a closing '\"'", at: SourceSpan(start: start, end: chars.count))
    }
}

// Character's Unicode properties are slow (a table look-up each); most lines are ASCII, so
// answer those from the byte and ask Unicode only for the rest. Same answers either way.
private extension Character {
    /// `0`…`9` only: a number is ASCII digits.
    var isDigit: Bool {
        guard let a = asciiValue else { return false }
        return a >= 48 && a <= 57
    }

    /// A letter (any script) or `_`.
    var startsName: Bool {
        if let a = asciiValue { return a == 95 || (a | 0x20) >= 97 && (a | 0x20) <= 122 }
        return isLetter
    }

    /// A letter, a number (any script) or `_`.
    var continuesName: Bool {
        if let a = asciiValue { return a == 95 || (a | 0x20) >= 97 && (a | 0x20) <= 122 || a >= 48 && a <= 57 }
        return isLetter || isNumber
    }
}
