/// An error placed in its source: file, line and column, the line itself and a caret under
/// the offending part, as compilers print them.
///
///     let d = Diagnostic(error: e, source: "lesson.jumpy", line: 3, text: "show dta")
///     print(d)
///     // lesson.jumpy:3:6: error: undefined variable 'dta'; did you mean 'data'?
///     //   show dta
///     //        ^~~
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible, Error {
    public var error: WorkbenchError
    /// A file path, or `input` for the REPL, `-c` for inline statements.
    public var source: String
    /// 1-based line number in `source`.
    public var line: Int
    /// The whole source line.
    public var text: String

    public init(error: WorkbenchError, source: String, line: Int, text: String) {
        self.error = error
        self.source = source
        self.line = line
        self.text = text
    }

    /// `FILE:LINE:COL: error: MESSAGE`
    public var headline: String { "\(source):\(line):\(error.span.column): error: \(error)" }

    public var description: String {
        let chars = Array(text)
        let start = min(error.span.start, chars.count)
        let width = max(1, min(error.span.end, chars.count) - start)
        // Tabs stay tabs under the caret so it lines up whatever the tab width.
        let pad = String(chars[0..<start].map { $0 == "\t" ? "\t" : " " })
        var lines = [headline, "  " + text, "  " + pad + "^" + String(repeating: "~", count: width - 1)]
        lines += error.notes.map { "  " + $0 }
        return lines.joined(separator: "\n")
    }
}
