@testable import Workbench

extension WorkbenchError {
    /// The text of `line` the error's caret underlines (what its span covers).
    func underlined(in line: String) -> String {
        String(Array(line)[min(span.start, line.count)..<min(span.end, line.count)])
    }
}
