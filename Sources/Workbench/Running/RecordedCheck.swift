/// `--check`, streamed: each `# -> …` line is compared with the next result of the statement
/// line above it, so the REPL loop needs no look-ahead.
struct RecordedCheck {
    /// The results of the statement line that owns the `# ->` lines to come; nil after a
    /// blank or comment line.
    private var summaries: [String]?
    private var offset = 0
    /// The statement line that owns them, and its number.
    private var statement = (text: "", number: 0)

    /// Called with every line before it runs; a mismatch message, or nil.
    mutating func compare(_ raw: String, number: Int, source: String) -> String? {
        let line = raw.trimmingSpaces
        let prefix = SessionRecorder.summaryPrefix
        guard line.hasPrefix(prefix) else {
            summaries = line.isEmpty || line.hasPrefix("#") ? nil : []
            offset = 0
            if summaries != nil { statement = (line, number) }
            return nil
        }
        guard let summaries else { return nil }
        let want = String(line.dropFirst(prefix.count))
        let got = offset < summaries.count ? summaries[offset] : "(no result)"
        offset += 1
        return got == want ? nil : Self.mismatch(want: want, got: got, at: "\(source):\(number)",
                                                 statement: statement.text, statementAt: "\(source):\(statement.number)")
    }

    /// The message for a result that differs: where, which statement, both values, and a
    /// caret under the first character that differs.
    static func mismatch(want: String, got: String, at place: String, statement: String, statementAt: String) -> String {
        let first = zip(want, got).prefix { $0 == $1 }.count
        return "\(place): check failed: recorded '\(want)', replay gave '\(got)'\n"
            + "\(statementAt): note: the result of `\(statement)`\n"
            + "  recorded: \(want)\n"
            + "  replayed: \(got)\n"
            + "  " + String(repeating: " ", count: "replayed: ".count + first) + "^ first difference, character \(first + 1)"
    }

    /// The results of the statement line just run.
    mutating func ran(_ results: [String]) { summaries = results }
}
