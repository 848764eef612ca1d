import Tensor
/// Replays a script (a saved session, a lesson, `-c` statements, piped stdin) through the
/// interpreter, stopping at the first error.
///
///     let result = interpreter.runScript(text, source: "demo.jumpy", options: .init(check: true))
///     result.exitCode   // 0 done, 1 error, 2 a result differs from its `# ->` comment
public struct ReplayOptions: Sendable {
    /// Print each statement line (`> …`) before its output.
    public var echo: Bool
    /// Echo, then ask before running each line (`pauseHandler`): Enter runs it; leaving
    /// there ends the script with `.left`, and Ctrl-C during a line stops only that line.
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
    /// The person at a `--step` or `pause` prompt left (q, quit, Ctrl-C, Ctrl-D) before
    /// the statement on this line ran.
    case left(line: Int)

    /// The process exit status for this result.
    public var exitCode: Int32 {
        switch self {
        case .completed, .quit, .left: return 0
        case .failed: return 1
        case .mismatch: return 2
        case .interrupted: return 130
        }
    }
}

extension Interpreter {
    /// Runs every line of `text`. `source` names it in diagnostics.
    public func runScript(_ text: String, source: String, options: ReplayOptions = ReplayOptions()) -> ScriptResult {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
        return run(reading: { lines.next().map(String.init) }, source: source, options: options)
    }

    /// The one input path (lua.c's `dochunk`): every line from `read` is parsed and run, in
    /// order, until `read` returns nil. Scripts (`keepGoing` false) stop at the first error,
    /// Ctrl-C or `quit` and return it for the caller to `report`; the REPL (`keepGoing` true)
    /// reports each error here and carries on until `quit` or end of input.
    public func run(reading read: () -> String?, source: String, options: ReplayOptions = ReplayOptions(),
                    keepGoing: Bool = false) -> ScriptResult {
        var number = 0
        var check = RecordedCheck()
        while let line = read() {
            number += 1
            let result = runLine(line, source: source, number: number, options: options, check: &check)
            switch result {
            case .completed: continue
            case .quit: return .quit
            // `--step`: Ctrl-C stopped one statement, as in the REPL; the next one is asked for.
            case .interrupted where keepGoing || options.step: continue
            // The REPL: leaving a pause in `run FILE` ends the file, not the session.
            case .left where keepGoing: leaveRequested = false
            case .failed where keepGoing, .mismatch where keepGoing: report(result, source: source)
            default: return result
            }
        }
        return .completed
    }

    /// One line: parse it, run its statements, compare with its recorded results.
    private func runLine(_ line: String, source: String, number: Int, options: ReplayOptions,
                         check: inout RecordedCheck) -> ScriptResult {
        let statements: [Statement]
        do {
            statements = try Parser.parse(line)
        } catch {
            return .failed(Diagnostic(error: error, source: source, line: number, text: line))
        }
        if options.check, let mismatch = check.compare(line, number: number, source: source) { return .mismatch(mismatch) }
        guard !statements.isEmpty else { return .completed }
        if options.echo || options.step { console.write("> " + line.trimmingSpaces + "\n") }
        // A line of `pause`s asks by itself: one Enter, not one for the step and one for it.
        let onlyPauses = statements.allSatisfy { $0.command.text == "pause" && $0.target == nil }
        if options.step, !onlyPauses, pauseHandler?(Self.stepMessage) == .leave {
            leaveRequested = true
        }
        if leaveRequested { return .left(line: number) }
        var summaries = [String]()
        for statement in statements {
            do {
                if let summary = try execute(statement).summary { summaries.append(summary) }
            } catch {
                return .failed(Diagnostic(error: error, source: source, line: number, text: line))
            }
            if leaveRequested { return .left(line: number) }
            if lastStatementInterrupted { return .interrupted }
            if quitRequested { return .quit }
        }
        check.ran(summaries)
        return .completed
    }

    /// What `--step` shows before each statement line.
    public static let stepMessage = "Enter runs it, q quits"

    /// The one reporter: how a script or a REPL line ended, on the error stream.
    public func report(_ result: ScriptResult, source: String, options: ReplayOptions = ReplayOptions()) {
        switch result {
        case .completed, .quit:
            if options.check { console.error("check passed: every recorded result matches\n") }
        case .failed(let diagnostic):
            console.error(diagnostic.description + "\n")
        case .mismatch(let message):
            console.error(message + "\n")
        case .interrupted:
            console.error("\(source): interrupted\n")
        case .left(let line):
            console.error("left the lesson at line \(line)\n")
        }
    }

}

extension String {
    /// Without the spaces, tabs and carriage returns at either end (a script line's words).
    public var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" { s = s.dropLast() }
        return String(s)
    }
}
