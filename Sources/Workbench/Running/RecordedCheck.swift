/// `--check`, streamed: each `# -> …` line is compared with the next result of the statement
/// line above it, so the REPL loop needs no look-ahead.
struct RecordedCheck {
    /// The results of the statement line that owns the `# ->` lines to come; nil after a
    /// blank or comment line.
    private var summaries: [String]?
    private var offset = 0

    /// Called with every line before it runs; a mismatch message, or nil.
    mutating func compare(_ raw: String, number: Int, source: String) -> String? {
        let line = raw.trimmingSpaces
        let prefix = SessionRecorder.summaryPrefix
        guard line.hasPrefix(prefix) else {
            summaries = line.isEmpty || line.hasPrefix("#") ? nil : []
            offset = 0
            return nil
        }
        guard let summaries else { return nil }
        let want = String(line.dropFirst(prefix.count))
        let got = offset < summaries.count ? summaries[offset] : "(no result)"
        offset += 1
        return got == want ? nil : "\(source):\(number): check failed: recorded '\(want)', replay gave '\(got)'"
    }

    /// The results of the statement line just run.
    mutating func ran(_ results: [String]) { summaries = results }
}
