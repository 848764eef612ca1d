import Foundation
import Workbench

/// Script replay: `jumpy FILE`, `jumpy -c`, piped stdin.
enum Batch {
    /// Runs `text` and reports how it ended; returns the exit status.
    static func run(_ text: String, source: String, interpreter: Interpreter, options: ReplayOptions) -> Int32 {
        if options.step {
            // Interactive replay: `pause` and each step wait for Enter.
            interpreter.pauseHandler = { message in
                interpreter.console.write("(\(message))")
                _ = readLine()
            }
        }
        let result = interpreter.runScript(text, source: source, options: options) {
            interpreter.console.write("  [Enter] ")
            _ = readLine()
        }
        switch result {
        case .completed, .quit:
            if options.check { interpreter.console.error("check passed: every recorded result matches\n") }
        case .failed(let diagnostic):
            interpreter.console.error(diagnostic.description + "\n")
        case .mismatch(let message):
            interpreter.console.error(message + "\n")
        case .interrupted:
            interpreter.console.error("\(source): interrupted\n")
        }
        return result.exitCode
    }

    static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
    }
}
