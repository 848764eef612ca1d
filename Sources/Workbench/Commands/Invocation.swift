import Foundation
import Tensor

/// What a command handler receives: its arguments, already checked against the declaration
/// (types, ranges, defaults filled in), and the interpreter it runs in.
///
///     let burnIn = call[.burnIn]                         // a CommandOption: Int, checked
///     let path = call[.path]                             // a CommandArgument: String
///     let data = try call[.dataset]                      // an object argument: DatasetValue
///     let radius = call.optionalNumber("radius")         // by name (extensions)
///     call.print("generated \(n) trajectories")
///     if call.isInterrupted { … stop at a safe point … }
///
/// Accessors trap if the command does not declare the argument, or declares it with another
/// type: that is a bug in the handler or the declaration, not bad input.
public struct Invocation {
    public let command: Command
    public let interpreter: Interpreter
    /// Checked arguments by parameter name; absent optional ones are missing.
    public let arguments: [String: Value]
    /// The expressions as typed, for messages and labels (`compare base net data` names its
    /// rows after the expressions).
    public let expressions: [String: Expression]

    public init(command: Command, interpreter: Interpreter, arguments: [String: Value],
                expressions: [String: Expression] = [:]) {
        self.command = command
        self.interpreter = interpreter
        self.arguments = arguments
        self.expressions = expressions
    }

    /// The source text of each item of a variadic argument (or of a single one), for labels
    /// (`compare base net data` names its rows after the expressions).
    public func expressionTexts<Value>(_ argument: CommandArgument<Value>) -> [String] {
        checkDeclared(argument)
        guard let e = expressions[argument.name] else { return [] }
        if case .list(let items) = e.kind { return items.map(Printer.expression) }
        return [Printer.expression(e)]
    }

    // MARK: By name
    //
    // For extensions that declare parameters by name (`.option("steps", .integer(1...100),
    // default: 10, help: …)`) rather than as `CommandOption`/`CommandArgument`, as
    // `ExtensionTests` does. The standard commands read every argument through a declaration.

    public func optionalNumber(_ name: String) -> Double? {
        guard let value = arguments[name] else { return nil }
        guard case .number(let x) = value else { preconditionFailure("\(command.name): '\(name)' is not a number") }
        return x
    }

    public func number(_ name: String) -> Double {
        guard let x = optionalNumber(name) else { preconditionFailure("\(command.name): no argument '\(name)'") }
        return x
    }

    public func optionalInt(_ name: String) -> Int? { optionalNumber(name).map { Int($0) } }
    public func int(_ name: String) -> Int { Int(number(name)) }

    /// Strings, paths, words and names.
    public func optionalString(_ name: String) -> String? {
        guard let value = arguments[name] else { return nil }
        guard case .string(let s) = value else { preconditionFailure("\(command.name): '\(name)' is not text") }
        return s
    }

    public func string(_ name: String) -> String {
        guard let s = optionalString(name) else { preconditionFailure("\(command.name): no argument '\(name)'") }
        return s
    }

    // MARK: -

    /// Prints a line of output.
    /// A progress line still showing is erased first.
    public func print(_ text: String) {
        interpreter.progressLine.clear()
        interpreter.console.write(text + "\n")
    }

    /// Prints a line that differs from run to run (timings) to stderr, so a replay's
    /// output compares equal.
    public func note(_ text: String) {
        interpreter.progressLine.clear()
        interpreter.console.error(text + "\n")
    }

    /// True once Ctrl-C was pressed during this statement: stop at a safe point and say so.
    public var isInterrupted: Bool { interpreter.isInterruptRequested() }

    /// A progress line for a loop of `total` steps, shown when the settings allow; its rate
    /// is in `unit` per second ("steps", "frames", "candidates").
    public func progress(total: Int, label: String, unit: String) -> Progress {
        Progress(total: total, label: label, unit: unit, enabled: interpreter.settings.showsProgress,
                 line: interpreter.progressLine)
    }

    /// Where to write the file a statement names: `path` itself, or with an output directory
    /// (`Interpreter.outputDirectory`), a relative path inside it (its folders created). A path
    /// already inside the output directory (`--render`'s pictures) and an absolute path stay.
    public func writingPath(_ path: String) -> String {
        guard let directory = interpreter.outputDirectory, !path.hasPrefix("/"),
              !path.hasPrefix(directory + "/") else { return path }
        let target = directory + "/" + path
        let folder = (target as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return target
    }

    /// Where to read the file a statement names: the output directory's copy when a statement
    /// wrote one there, else `path` as given.
    public func readingPath(_ path: String) -> String {
        guard let directory = interpreter.outputDirectory, !path.hasPrefix("/") else { return path }
        let written = directory + "/" + path
        return FileManager.default.fileExists(atPath: written) ? written : path
    }

    /// The session's settings (threads, seeds, progress).
    public var settings: Settings { interpreter.settings }

    /// Waits for Enter in interactive use; returns at once in batch mode. Leaving there
    /// ends the script that is running (`Interpreter.leaveRequested`).
    public func pause(_ message: String) {
        if interpreter.pauseHandler?(message) == .leave { interpreter.leaveRequested = true }
    }
}
