import Foundation
import Tensor

extension Command {
    static let runFile = Command(
        "run", summary: "Run a script file here, as if typed (nesting is limited)",
        parameters: [
            .argument(.path, help: "the script (.jumpy)"),
            .option(.echo),
        ],
        example: #"run "sessions/demo.jumpy""#,
        discussion: "Statements of the script are recorded one by one; those before an error keep their effect.",
        recorded: false
    ) { call in
        let interpreter = call.interpreter
        let path = call[.path]
        guard interpreter.depth < Interpreter.maximumDepth else {
            throw CommandError("run is nested \(Interpreter.maximumDepth) deep; does the script run itself?", argument: .path)
        }
        guard let data = FileManager.default.contents(atPath: call.readingPath(path)) else {
            throw CommandError("cannot read \(path)", argument: .path)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandError("\(path) is not UTF-8 text", argument: .path)
        }
        interpreter.depth += 1
        defer { interpreter.depth -= 1 }
        let result = interpreter.runScript(text, source: path, options: ReplayOptions(echo: call[.echo] == "on"))
        // A `quit` inside the file ends the file, not the session that ran it.
        interpreter.quitRequested = false
        switch result {
        // Leaving at a pause inside the file leaves the lesson that ran it too.
        case .completed, .quit, .left: return .done
        case .failed(let diagnostic): throw diagnostic
        case .mismatch(let message): throw CommandError(message)
        case .interrupted: throw CommandError("interrupted")
        }
    }

    static let saveSession = Command(
        "save session", summary: "Write this session's statements to sessions/NAME.jumpy",
        parameters: [.argument(.sessionName)],
        example: "save session demo",
        discussion: "The file replays with `jumpy sessions/NAME.jumpy`; `jumpy --check` compares the results.\nNames with '-' go in quotes: save session \"billiards-demo\".",
        recorded: false
    ) { call in
        let name = call[.sessionName]
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }),
              !name.hasPrefix(".") else {
            throw CommandError("a session name uses letters, digits, '-', '_' and '.'", argument: .sessionName)
        }
        let recorder = call.interpreter.recorder
        // Under --check and --render the file goes into the replay's own directory; the
        // message names it as the session would have.
        let path = call.interpreter.sessionDirectory + "/sessions/" + name + ".jumpy"
        try AtomicFile.write(Data(recorder.script(name: name).utf8), to: call.writingPath(path))
        call.print("saved \(recorder.entries.count) statement\(recorder.entries.count == 1 ? "" : "s") to \(path.hasPrefix("./") ? String(path.dropFirst(2)) : path)")
        return .done
    }

    static let quit = Command("quit", summary: "Leave jumpy (Ctrl-D does too)", example: "quit", recorded: false) { call in
        call.interpreter.quitRequested = true
        return .done
    }
}

// The positional arguments of run (path is shared: SharedOptions.swift) and save session.
extension CommandArgument where Value == String {
    fileprivate static var sessionName: Self { .name("name", help: "the session's name (letters, digits, - and _)") }
}

extension CommandOption where Value == String {
    fileprivate static var echo: Self { .word("echo", ["on", "off"], default: "off", help: "print each statement before its output") }
}
