/// The subset of Python literal syntax that `.npy` headers use, e.g.
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`.
///
/// A small recursive-descent parser rather than pattern matching, so that spacing, quote
/// style, trailing commas and key order written by any NumPy version are all accepted.
enum PythonLiteral: Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case none
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    case dict([String: PythonLiteral])

    struct ParseError: Error { let message: String }

    static func parse(_ text: String) throws(ParseError) -> PythonLiteral {
        var parser = Parser(bytes: Array(text.utf8))
        let value = try parser.value()
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw parser.error("unexpected text after the literal") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        func error(_ message: String) -> ParseError {
            ParseError(message: "\(message) at offset \(index)")
        }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        /// Consumes `byte` (after spaces) if it is next.
        mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func value() throws(ParseError) -> PythonLiteral {
            skipSpace()
            guard index < bytes.count else { throw error("unexpected end") }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var dict = [String: PythonLiteral]()
                for item in try items(until: UInt8(ascii: "}"), pairs: true) {
                    guard case .tuple(let pair) = item, case .string(let key) = pair[0] else {
                        throw error("dictionary keys must be strings")
                    }
                    dict[key] = pair[1]
                }
                return .dict(dict)
            case UInt8(ascii: "("):
                index += 1
                return .tuple(try items(until: UInt8(ascii: ")"), pairs: false))
            case UInt8(ascii: "["):
                index += 1
                return .list(try items(until: UInt8(ascii: "]"), pairs: false))
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return .int(try integer())
            default:
                let start = index
                while index < bytes.count, isIdentifier(bytes[index]) { index += 1 }
                switch String(decoding: bytes[start..<index], as: UTF8.self) {
                case "True": return .bool(true)
                case "False": return .bool(false)
                case "None": return .none
                default: index = start; throw error("unexpected character")
                }
            }
        }

        /// Comma-separated values (or `key: value` pairs, returned as 2-tuples) up to
        /// `close`, allowing a trailing comma.
        mutating func items(until close: UInt8, pairs: Bool) throws(ParseError) -> [PythonLiteral] {
            var result = [PythonLiteral]()
            while !take(close) {
                var item = try value()
                if pairs {
                    guard take(UInt8(ascii: ":")) else { throw error("expected ':'") }
                    item = .tuple([item, try value()])
                }
                result.append(item)
                if !take(UInt8(ascii: ",")) {
                    guard take(close) else { throw error("expected ',' or closing bracket") }
                    break
                }
            }
            return result
        }

        mutating func string() throws(ParseError) -> String {
            let quote = bytes[index]
            index += 1
            var out = [UInt8]()
            while index < bytes.count, bytes[index] != quote {
                // Backslash escapes: only the escaped character matters for dtype strings.
                if bytes[index] == UInt8(ascii: "\\") { index += 1 }
                guard index < bytes.count else { break }
                out.append(bytes[index])
                index += 1
            }
            guard index < bytes.count else { throw error("unterminated string") }
            index += 1
            return String(decoding: out, as: UTF8.self)
        }

        mutating func integer() throws(ParseError) -> Int {
            let start = index
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            guard let value = Int(String(decoding: bytes[start..<index], as: UTF8.self)) else {
                throw error("bad integer")
            }
            // Python 2 wrote long integers as `3L`.
            if index < bytes.count, bytes[index] == UInt8(ascii: "L") { index += 1 }
            return value
        }

        func isIdentifier(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || byte == UInt8(ascii: "_")
        }
    }
}
