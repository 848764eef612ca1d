import Tensor
/// Replays a script (a saved session, a lesson, `-c` statements, piped stdin) through the
/// interpreter, stopping at the first error.
///
///     let result = interpreter.runScript(text, source: "demo.jumpy", options: .init(check: true))
///     result.exitCode   // 0 done, 1 error, 2 a result differs from its `# ->` comment
public struct ReplayOptions: Sendable {
    /// Print each statement line (`> …`) before its output.
    public var echo: Bool
    /// Echo, then wait for Enter before running each line (`stepHandler`).
    public var step: Bool
    /// Compare each result with the `# -> …` comment recorded under it.
    public var check: Bool

    public init(echo: Bool = false, step: Bool = false, check: Bool = false) {
        self.echo = echo
        self.step = step
        self.check = check
    }
}

public enum ScriptResult: Sendable, Equatable {
    case completed
    /// `quit` ran.
    case quit
    /// A statement failed; the diagnostic names file, line and column.
    case failed(Diagnostic)
    /// `--check`: a result differs from its recorded summary (the message says where).
    case mismatch(String)
    /// Ctrl-C stopped a command.
    case interrupted

    /// The process exit status for this result.
    public var exitCode: Int32 {
        switch self {
        case .completed, .quit: return 0
        case .failed: return 1
        case .mismatch: return 2
        case .interrupted: return 130
        }
    }
}

extension Interpreter {
    /// Runs every line of `text`. `source` names it in diagnostics. `stepHandler` is called
    /// before each statement line in step mode (it waits for Enter).
    public func runScript(_ text: String, source: String, options: ReplayOptions = ReplayOptions(),
                          stepHandler: (() -> Void)? = nil) -> ScriptResult {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let expected = Self.recordedSummaries(lines)
        if options.check, let note = Self.environmentMismatch(lines) { console.error("\(source): note: \(note)\n") }
        for (index, line) in lines.enumerated() {
            let number = index + 1
            let statements: [Statement]
            do {
                statements = try Parser.parse(line)
            } catch {
                return .failed(Diagnostic(error: error, source: source, line: number, text: line))
            }
            guard !statements.isEmpty else { continue }
            if options.echo || options.step { console.write("> " + line.trimmingSpaces + "\n") }
            if options.step { stepHandler?() }
            var summaries = [String]()
            for statement in statements {
                do {
                    if let summary = try execute(statement).summary { summaries.append(summary) }
                } catch {
                    return .failed(Diagnostic(error: error, source: source, line: number, text: line))
                }
                if lastStatementInterrupted { return .interrupted }
                if quitRequested { return .quit }
            }
            if options.check, let recorded = expected[index] {
                for (offset, want) in recorded.enumerated() {
                    let got = offset < summaries.count ? summaries[offset] : "(no result)"
                    if got != want.text {
                        return .mismatch("\(source):\(want.line): check failed: recorded '\(want.text)', replay gave '\(got)'")
                    }
                }
            }
        }
        return .completed
    }

    /// The `# -> …` comments under each statement line, keyed by that line's index.
    static func recordedSummaries(_ lines: [String]) -> [Int: [(line: Int, text: String)]] {
        var result = [Int: [(line: Int, text: String)]]()
        var owner: Int?
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingSpaces
            if line.hasPrefix(SessionRecorder.summaryPrefix) {
                if let owner { result[owner, default: []].append((index + 1, String(line.dropFirst(SessionRecorder.summaryPrefix.count)))) }
            } else if line.isEmpty || line.hasPrefix("#") {
                owner = nil
            } else {
                owner = index
            }
        }
        return result
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" { s = s.dropLast() }
        return String(s)
    }
}

extension Interpreter {
    /// A note when the session header's thread count or OpenBLAS kernel differs from this
    /// process's: numbers are reproducible only with the same of both, so a `--check`
    /// failure then says why.
    static func environmentMismatch(_ lines: [String]) -> String? {
        guard let header = lines.prefix(3).first(where: { $0.hasPrefix("# saved ") }) else { return nil }
        var problems: [String] = []
        if let range = header.range(of: "threads "), let threads = Int(header[range.upperBound...].prefix { $0.isNumber }),
           threads != Threads.count {
            problems.append("recorded with \(threads) thread(s), replaying with \(Threads.count)")
        }
        if let range = header.range(of: "OpenBLAS kernel ") {
            let kernel = String(header[range.upperBound...]).trimmingCharacters(in: .whitespaces)
            if kernel != BLASKernel.coreName {
                problems.append("recorded with the OpenBLAS kernel \(kernel), replaying with \(BLASKernel.coreName)")
            }
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ") + "; results may differ in the last digits"
    }
}
