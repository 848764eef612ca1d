import Tensor

/// Seeded inputs for the interpreter: lines of bytes, as a terminal or a script delivers them.
/// Most are grammar-aware mutations of real statements (the lessons, sessions and every
/// command's example); the rest are random bytes, huge numbers, deep nesting, long lines and
/// invalid UTF-8. The same seed gives the same inputs.
///
///     var generator = StatementGenerator(seed: 1, corpus: StatementGenerator.examples)
///     let line = generator.next()      // [UInt8]
public struct StatementGenerator {
    private var random: SeededGenerator
    private let corpus: [String]
    /// Words worth trying anywhere: commands, options, fields, the fuzzer's bindings.
    private let words: [String]

    /// Each command's positional parameters, in order: `plan m` may be written `plan dynamics=m`.
    private let positional: [String: [String]]

    public init(seed: UInt64, corpus: [String], words: [String] = [], positional: [String: [String]] = [:]) {
        random = SeededGenerator(seed: seed)
        self.corpus = corpus.isEmpty ? ["show 1"] : corpus
        self.words = words.isEmpty ? ["data", "show"] : words
        self.positional = positional
    }

    public mutating func next() -> [UInt8] {
        switch random.int(below: 100) {
        case 0..<55: return Array(mutated(pick(corpus)).utf8)
        case 55..<70: return Array(spliced().utf8)
        case 70..<78: return randomBytes()
        case 78..<84: return Array(hugeNumber().utf8)
        case 84..<90: return Array(deepNesting().utf8)
        case 90..<94: return Array(longLine().utf8)
        default: return invalidUTF8()
        }
    }

    // MARK: - Mutations of real statements

    /// One to four edits on the tokens of `line`.
    mutating func mutated(_ line: String) -> String {
        var tokens = Self.tokens(line)
        for _ in 0...random.int(below: 4) {
            let i = tokens.isEmpty ? 0 : random.int(below: tokens.count)
            switch random.int(below: 10) {
            case 0 where !tokens.isEmpty: tokens.remove(at: i)
            case 1 where !tokens.isEmpty: tokens.insert(tokens[i], at: i)
            case 2 where tokens.count > 1: tokens.swapAt(i, random.int(below: tokens.count))
            case 3: tokens.insert(pick(Self.punctuation), at: i)
            case 4: tokens.insert(pick(words), at: i)
            case 5: replace(&tokens, where: { $0.first?.isNumber == true || $0.first == "-" }, with: pick(Self.numbers))
            case 6: replace(&tokens, where: { $0.hasPrefix("\"") }, with: pick(Self.strings))
            case 7: replace(&tokens, where: { $0.first?.isLetter == true }, with: pick(words))
            case 8: nameAPositionalArgument(&tokens)
            default: tokens = Array(tokens.prefix(i))
            }
        }
        return tokens.joined()
    }

    /// Writes one of the statement's positional arguments by a parameter's name: `plan m r`
    /// becomes `plan dynamics=m r` or `plan m dynamics=r` (or names it after another parameter).
    private mutating func nameAPositionalArgument(_ tokens: inout [String]) {
        let words = tokens.indices.filter { tokens[$0].first.map { $0.isLetter || $0.isNumber || $0 == "\"" || $0 == "-" } ?? false }
        // The command is the first word, or the first after `name =`.
        let assigns = words.count > 1 && tokens[words[0]...].dropFirst().first { $0 != " " } == "="
        let at = assigns ? 1 : 0
        guard words.count > at + 1, let names = positional[tokens[words[at]]], !names.isEmpty else { return }
        let argument = pick(Array(words[(at + 1)...]))
        tokens[argument] = pick(names) + "=" + tokens[argument]
    }

    private mutating func replace(_ tokens: inout [String], where matches: (String) -> Bool, with new: String) {
        let candidates = tokens.indices.filter { matches(tokens[$0]) }
        if candidates.isEmpty { tokens.append(" " + new) } else { tokens[pick(candidates)] = new }
    }

    /// The front of one statement, the back of another.
    private mutating func spliced() -> String {
        let a = pick(corpus), b = pick(corpus)
        return String(a.prefix(random.int(below: a.count + 1))) + String(b.suffix(random.int(below: b.count + 1)))
    }

    /// Words, numbers, strings and single symbols, spaces kept (they matter to the grammar).
    static func tokens(_ line: String) -> [String] {
        var tokens = [String]()
        var current = ""
        var inString = false
        for c in line {
            if inString {
                current.append(c)
                if c == "\"" { inString = false; tokens.append(current); current = "" }
            } else if c == "\"" {
                if !current.isEmpty { tokens.append(current) }
                current = "\""
                inString = true
            } else if c.isLetter || c.isNumber || c == "_" || (c == "." && current.first?.isNumber == true) || (c == "-" && current.isEmpty) {
                current.append(c)
            } else {
                if !current.isEmpty { tokens.append(current) }
                current = ""
                tokens.append(String(c))
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    static let punctuation = ["[", "]", ":", "=", ";", ".", ",", "\"", "#", " ", "[0]", "[0:2]", "\t", "\\"]
    static let numbers = ["0", "-1", "-0", "1e308", "1e309", "-1e308", "4.9e-324", "1e-320", "9007199254740993",
                          "18446744073709551616", "99999999999999999999999999999", "0.5", "2147483648", "1e6", "1000001",
                          "0x10", "1_000", "1.", ".5", "1e", "nan", "inf", "3:2", "0:45:0.0001", "0:1e300", "5:5"]
    static let strings = ["\"\"", "\"../escape.safetensors\"", "\"/tmp/x.npy\"", "\"d/\"", "\"a.npy\"", "\"a.safetensors\"",
                          "\"x.jumpy\"", "\"sessions/s.jumpy\"", "\"\\u{0}\"", "\"é∂t\"", "\"\\\"\"", "\"unterminated"]

    // MARK: - Hostile shapes

    private mutating func randomBytes() -> [UInt8] {
        (0..<random.int(below: 200)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    }

    private mutating func hugeNumber() -> String {
        let digits = String((0..<(1 + random.int(below: 400))).map { _ in Character(String(random.int(below: 10))) })
        let forms = [digits, "1e" + digits, "-" + digits, "0." + digits, digits + ":" + digits]
        let number = pick(forms)
        let templates = ["show N", "d = dataset lines n=N", "show data.train[N]", "set seed=N", "x = rollout net data.test[0] burnin=N",
                         "train net data steps=N", "interpolate r N", "show [N, N]", "history N"]
        return pick(templates).replacingOccurrences(of: "N", with: number)
    }

    private mutating func deepNesting() -> String {
        // Mostly past the parser's limit of 100; now and then far past it.
        let depth = 1 + random.int(below: random.int(below: 8) == 0 ? 20_000 : 2_000)
        switch random.int(below: 4) {
        case 0: return "show " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        case 1: return "show data" + String(repeating: "[0]", count: depth)
        case 2: return "show data" + String(repeating: ".train", count: depth)
        default: return "show " + String(repeating: "[1, ", count: depth)
        }
    }

    private mutating func longLine() -> String {
        // Long in bytes; the statement and item counts stay modest, or the time goes to
        // running thousands of statements rather than to reading one line.
        let length = 1000 + random.int(below: random.int(below: 8) == 0 ? 200_000 : 20_000)
        switch random.int(below: 4) {
        case 0: return "say \"" + String(repeating: "x", count: length) + "\""
        case 1: return String(repeating: "show 1; ", count: min(length / 8, 500))
        case 2: return "show " + String(repeating: " ", count: length) + "1" + String(repeating: "\t", count: length)
        default: return "show [" + Array(repeating: "1", count: min(length / 2, 5000)).joined(separator: ",") + "]"
        }
    }

    private mutating func invalidUTF8() -> [UInt8] {
        var bytes = Array(mutated(pick(corpus)).utf8)
        let bad: [[UInt8]] = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x00], [0x1B, 0x5B]]
        bytes.insert(contentsOf: pick(bad), at: random.int(below: bytes.count + 1))
        return bytes
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[random.int(below: items.count)] }
}
