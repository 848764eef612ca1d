import Foundation
import Tensor
import Workbench

/// Runs one grid point's `point.jumpy` and leaves its files beside it: `result.json` (last,
/// so its presence means done), `recorded.jumpy`, a checkpoint per model, `log.txt`; or
/// `failure.txt` with the diagnostic. `jumpy point DIR N` calls this after moving into the
/// point's directory, so relative paths in the session land there too.
public enum PointRunner {
    public enum Ending: Sendable, Equatable {
        case skipped
        case done(seconds: Double)
        case failed(String)
    }

    public static func run(_ point: SweepPoint, in sweep: SweepDirectory) throws -> Ending {
        let dir = sweep.directory(of: point)
        let files = FileManager.default
        if sweep.status(of: point) == .done { return .skipped }
        try? files.removeItem(atPath: dir + "/" + SweepDirectory.failureName)
        guard let data = files.contents(atPath: dir + "/" + SweepDirectory.scriptName) else {
            throw SweepError("\(dir)/\(SweepDirectory.scriptName) is missing; rewrite the sweep with jumpy sweep FILE --out \(sweep.path) --dry-run")
        }
        let text = String(decoding: data, as: UTF8.self)
        let console = LogConsole()
        let interpreter = Interpreter(console: console)
        let start = Date()
        let run = interpreter.record(text, source: point.directory + "/" + SweepDirectory.scriptName, console: console)
        try AtomicFile.write(Data(console.log.utf8), to: dir + "/log.txt")
        switch run {
        case .failure(let message):
            try AtomicFile.write(Data((message + "\n").utf8), to: dir + "/" + SweepDirectory.failureName)
            return .failed(message.split(separator: "\n").first.map(String.init) ?? message)
        case .success(let statements):
            do {
                return try finish(point, in: sweep, interpreter: interpreter, statements: statements, start: start)
            } catch {
                // A run whose files could not be written did not finish: say why, for the report.
                let message = "\(point.directory): cannot write its results: \(error)"
                try AtomicFile.write(Data((message + "\n").utf8), to: dir + "/" + SweepDirectory.failureName)
                return .failed(message)
            }
        }
    }

    /// The checkpoints, the recorded session, then `result.json`.
    private static func finish(_ point: SweepPoint, in sweep: SweepDirectory, interpreter: Interpreter,
                               statements: [PointResult.StatementRecord], start: Date) throws -> Ending {
        let dir = sweep.directory(of: point)
        var checkpoints = [String]()
        for name in interpreter.order {
            guard case .object(let model as ModelValue)? = interpreter.bindings[name]?.value else { continue }
            try model.save(to: dir + "/" + name + ".safetensors")
            checkpoints.append(name + ".safetensors")
        }
        var recorded = interpreter.recorder.script(name: "point \(point.index): \(point.label)")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        recorded[2] = "# replay: jumpy recorded.jumpy   check: jumpy --check recorded.jumpy"
        try AtomicFile.write(Data(recorded.joined(separator: "\n").utf8), to: dir + "/recorded.jumpy")
        let seconds = Date().timeIntervalSince(start)
        let result = PointResult(index: point.index, point: point.values, statements: statements,
                                 checkpoints: checkpoints, seconds: seconds)
        try AtomicFile.write(SweepManifest.encoder().encode(result), to: dir + "/" + SweepDirectory.resultName)
        return .done(seconds: seconds)
    }
}

extension Interpreter {
    enum RecordedRun {
        case success([PointResult.StatementRecord])
        /// The diagnostic (FILE:LINE:COL, the line, a caret), or why the run stopped.
        case failure(String)
    }

    /// Runs a script as `runScript` does, keeping each statement's outcome.
    func record(_ text: String, source: String, console: LogConsole) -> RecordedRun {
        var records = [PointResult.StatementRecord]()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, line) in lines.enumerated() {
            do {
                for statement in try Parser.parse(line) {
                    let recordedBefore = recorder.entries.count
                    console.takeOutput()
                    let outcome = try execute(statement)
                    if lastStatementInterrupted { return .failure("\(source):\(index + 1): interrupted") }
                    let canonical = recorder.entries.count > recordedBefore ? recorder.entries.last!.statement : Printer.statement(statement)
                    records.append(.init(line: index + 1, statement: canonical, command: statement.command.text,
                                         summary: outcome.summary, output: console.takeOutput(), figures: outcome.figures))
                    if quitRequested { return .success(records) }
                }
            } catch {
                return .failure(Diagnostic(error: error, source: source, line: index + 1, text: line).description)
            }
        }
        return .success(records)
    }
}

/// Keeps everything a point's run prints (for `log.txt`), and its standard output since
/// the last `takeOutput()` (for the statement's record).
final class LogConsole: Console {
    private(set) var log = ""
    private var output = ""

    func write(_ text: String) {
        log += text
        output += text
    }

    func error(_ text: String) { log += text }

    @discardableResult
    func takeOutput() -> String {
        defer { output = "" }
        return output
    }
}
