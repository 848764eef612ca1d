import Foundation
import Workbench

/// Script replay: `jumpy FILE`, `jumpy -c`, piped stdin.
enum Batch {
    /// Runs `text` and reports how it ended; returns the exit status.
    static func run(_ text: String, source: String, interpreter: Interpreter, options: ReplayOptions) -> Int32 {
        let result = interpreter.runScript(text, source: source, options: options)
        interpreter.report(result, source: source, options: options)
        return result.exitCode
    }

    static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
    }
}
