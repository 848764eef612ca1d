import LineEditor
import Workbench

/// The interactive loop: the line editor feeds the interpreter's one input path, which
/// reports each error with a caret and carries on.
struct REPL {
    let interpreter: Interpreter

    func run() -> Int32 {
        let editor = LineEditor(program: "jumpy", prompt: "jumpy> ",
                                history: HistoryFile(path: HistoryFile.defaultPath()))
        editor.completer = { interpreter.completions(for: $0) }
        interpreter.historyProvider = { editor.history?.entries ?? [] }
        interpreter.console.write("jumpy \(WorkbenchInfo.version), a workbench for Jumpy RNNs. Type 'help' for the commands; Ctrl-D leaves.\n")

        _ = interpreter.run(reading: {
            while true {
                switch editor.readLine() {
                case .line(let text):
                    editor.remember(text)
                    // Saved after every line (it is small), so nothing typed is lost if jumpy dies.
                    try? editor.saveHistory()
                    return text
                case .interrupted:
                    continue
                case .end, .quit:
                    return nil
                }
            }
        }, source: "input", keepGoing: true)
        do {
            try editor.saveHistory()
        } catch {
            interpreter.console.error("jumpy: \(error)\n")
        }
        return 0
    }
}
