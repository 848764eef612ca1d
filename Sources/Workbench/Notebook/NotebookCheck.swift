import Foundation

/// `jumpy --check NOTEBOOK.ipynb`: replays a notebook's code cells and compares what each
/// printed with the text output it holds, as `--check` compares a script's `# ->` lines.
/// Pictures are drawn as `--render` draws them (into a scratch directory), so a notebook
/// that `--render --format ipynb` wrote checks cell for cell; Markdown cells are skipped.
///
///     let cells = try NotebookCheck.codeCells(of: data, source: "index.ipynb")
///     let result = NotebookCheck.run(cells, source: "index.ipynb", scratch: dir) { print($0, terminator: "") }
public enum NotebookCheck {
    /// A code cell's statements and the standard output recorded under it.
    public struct CodeCell: Sendable, Equatable {
        public var source: String
        public var output: String

        public init(source: String, output: String) {
            self.source = source
            self.output = output
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The code cells of an nbformat 4 notebook, in order.
    public static func codeCells(of data: Data, source: String) throws -> [CodeCell] {
        guard let notebook = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Failure(description: "\(source): not a JSON notebook")
        }
        guard notebook["nbformat"] as? Int == 4, let cells = notebook["cells"] as? [[String: Any]] else {
            throw Failure(description: "\(source): not an nbformat 4 notebook (no 'nbformat': 4 and 'cells')")
        }
        return cells.filter { $0["cell_type"] as? String == "code" }.map { cell in
            let outputs = cell["outputs"] as? [[String: Any]] ?? []
            let printed = outputs.filter { $0["output_type"] as? String == "stream" && $0["name"] as? String == "stdout" }
                .map { text($0["text"]) }.joined()
            return CodeCell(source: text(cell["source"]), output: printed)
        }
    }

    /// nbformat's multi-line strings are a string or a list of lines.
    private static func text(_ value: Any?) -> String {
        if let s = value as? String { return s }
        return (value as? [String] ?? []).joined()
    }

    /// Runs each cell; stops at the first error or differing output. `echo` hears what
    /// each cell printed.
    public static func run(_ cells: [CodeCell], source: String, scratch: String, echo: (String) -> Void = { _ in }) -> ScriptResult {
        let console = BufferConsole()
        let interpreter = Interpreter(console: console)
        interpreter.outputDirectory = scratch
        var redirect = PictureRedirect(directory: scratch)
        for (n, cell) in cells.enumerated() {
            let place = "\(source) cell \(n + 1)"
            let start = console.output.utf8.count
            var written: [String] = []
            for (i, line) in cell.source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                do {
                    for statement in try Parser.parse(String(line)) {
                        let (run, files) = redirect.rewrite(statement)
                        try interpreter.execute(run)
                        written += files.map { scratch + "/" + $0 }
                        if interpreter.lastStatementInterrupted { return .interrupted }
                    }
                } catch {
                    return .failed(Diagnostic(error: error, source: place, line: i + 1, text: String(line)))
                }
            }
            let printed = PictureRedirect.withoutWrittenLines(String(decoding: console.output.utf8.dropFirst(start), as: UTF8.self),
                                                              written: written)
            if !printed.isEmpty { echo(printed + "\n") }
            let got = printed.split(separator: "\n", omittingEmptySubsequences: false)
            let want = cell.output.trimmingCharacters(in: .newlines).split(separator: "\n", omittingEmptySubsequences: false)
            guard got != want else { continue }
            let k = zip(got, want).prefix { $0 == $1 }.count
            let firstStatement = cell.source.split(separator: "\n").first { !String($0).trimmingSpaces.hasPrefix("#") }.map(String.init) ?? ""
            return .mismatch(RecordedCheck.mismatch(
                want: k < want.count ? String(want[k]) : "(no more output)", got: k < got.count ? String(got[k]) : "(no more output)",
                at: "\(place), output line \(k + 1)", statement: firstStatement, statementAt: place))
        }
        return .completed
    }
}
