import Foundation

extension Interpreter {
    /// `jumpy --record FILE`: replays a hand-written script (a lesson) and gives back its text
    /// with each statement line followed by its results as `# -> …` lines, replacing the ones
    /// recorded before, so that `--check` can compare them. Narration, pauses and comments stay
    /// as written. The text is nil unless every statement succeeded.
    ///
    ///     let (result, text) = interpreter.recordResults(lesson, source: "examples/03.jumpy")
    public func recordResults(_ text: String, source: String) -> (result: ScriptResult, text: String?) {
        var out = [String]()
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).enumerated() {
            let trimmed = line.trimmingSpaces
            if trimmed.hasPrefix(SessionRecorder.summaryPrefix) || trimmed == SessionRecorder.summaryPrefix.trimmingSpaces { continue }
            out.append(line)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let failed = { (error: WorkbenchError) in ScriptResult.failed(Diagnostic(error: error, source: source, line: offset + 1, text: line)) }
            let statements: [Statement]
            do { statements = try Parser.parse(line) } catch { return (failed(error), nil) }
            for statement in statements {
                let summary: String?
                do { summary = try execute(statement).summary } catch { return (failed(error), nil) }
                if lastStatementInterrupted { return (.interrupted, nil) }
                if let summary {
                    out.append(SessionRecorder.summaryPrefix + summary.replacingOccurrences(of: "\n", with: " "))
                }
                if quitRequested { return (.quit, out.joined(separator: "\n")) }
            }
        }
        return (.completed, out.joined(separator: "\n"))
    }
}
