import Workbench

/// Runs a script through a fresh interpreter and returns everything it printed (results and
/// diagnostics, interleaved) plus how it ended.
func transcript(_ script: String, interpreter: Interpreter? = nil, options: ReplayOptions = ReplayOptions())
    -> (text: String, result: ScriptResult, interpreter: Interpreter) {
    let console = BufferConsole()
    let interpreter = interpreter ?? Interpreter(console: console)
    let result = interpreter.runScript(script, source: "t.jumpy", options: options)
    var text = (interpreter.console as! BufferConsole).text
    if case .failed(let diagnostic) = result { text += diagnostic.description + "\n" }
    if case .mismatch(let message) = result { text += message + "\n" }
    return (text, result, interpreter)
}

/// The diagnostic one failing line gives in a fresh interpreter after `setup`.
func diagnostic(_ line: String, after setup: String = "") -> String {
    let interpreter = Interpreter(console: BufferConsole())
    _ = interpreter.runScript(setup, source: "setup")
    do {
        try interpreter.execute(line: line)
        return "(no error)"
    } catch {
        return Diagnostic(error: error, source: "t", line: 1, text: line).description
    }
}
