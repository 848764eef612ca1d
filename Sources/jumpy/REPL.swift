import LineEditor
import Workbench

/// The interactive loop: read a line, run it, report errors with a caret, carry on.
struct REPL {
    let interpreter: Interpreter

    func run() -> Int32 {
        let editor = LineEditor(program: "jumpy", prompt: "jumpy> ",
                                history: HistoryFile(path: HistoryFile.defaultPath()))
        editor.completer = { interpreter.completions(for: $0) }
        interpreter.historyProvider = { editor.history?.entries ?? [] }
        interpreter.pauseHandler = { message in
            interpreter.console.write("(\(message)) ")
            _ = readLine()
        }
        interpreter.console.write("jumpy \(WorkbenchInfo.version), a workbench for Jumpy RNNs. Type 'help' for the commands; Ctrl-D leaves.\n")

        var lineNumber = 0
        loop: while !interpreter.quitRequested {
            switch editor.readLine() {
            case .line(let text):
                lineNumber += 1
                editor.remember(text)
                // Saved after every line (it is small), so nothing typed is lost if jumpy dies.
                try? editor.saveHistory()
                do {
                    try interpreter.execute(line: text)
                } catch {
                    let diagnostic = Diagnostic(error: error, source: "input", line: lineNumber, text: text)
                    interpreter.console.error(diagnostic.description + "\n")
                }
            case .interrupted:
                continue
            case .end:
                break loop
            }
        }
        do {
            try editor.saveHistory()
        } catch {
            interpreter.console.error("jumpy: \(error)\n")
        }
        return 0
    }
}
