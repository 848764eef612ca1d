import Tensor

/// Runs statements against a set of bindings: the heart of the workbench. The REPL, script
/// replay, `jumpy -c` and `run FILE` all go through `execute`.
///
///     let interpreter = Interpreter(console: BufferConsole())
///     try interpreter.execute(line: "data = dataset lines n=100 seed=0")
///     interpreter.bindings["data"]?.value.summary   // "dataset lines: train [21, 90, 2], …"
///
/// A statement either succeeds completely (bindings, settings and the session record change
/// together) or fails with a `WorkbenchError` and changes nothing. Handlers validate before
/// they mutate; the interpreter commits after they return.
/// What the person at a pause or `--step` prompt chose.
public enum PauseAnswer: Sendable, Equatable {
    /// Enter: run the statement, or go on past the `pause`.
    case goOn
    /// q, quit, Ctrl-C, Ctrl-D: leave the lesson.
    case leave
}

public final class Interpreter {
    public private(set) var commands: CommandTable
    /// Readers for `load "FILE.safetensors"`, tried in order.
    public var loaders: [FileLoader]
    public private(set) var bindings: [String: Binding] = [:]
    /// Variable names in the order they were first bound (for `vars`).
    public private(set) var order: [String] = []
    public var settings = Settings()
    public let console: Console
    /// The progress line long commands draw on stderr; erased before a result line.
    public let progressLine = ProgressLine()
    /// Where files that statements write to relative paths go instead of the working
    /// directory: a scratch directory for `--check`, DIR for `--render`, so replaying a script
    /// never writes over the user's files. Reads look here first, then in the working
    /// directory (a script may load what it saved). Nil (the REPL, a plain replay): paths are
    /// used as given. See `Invocation.writingPath` and `readingPath`.
    public var outputDirectory: String?
    public private(set) var recorder = SessionRecorder()
    /// Waits for Enter (REPL, `--step`) and says whether to go on or leave; nil in batch
    /// mode, where `pause` does nothing.
    public var pauseHandler: ((String) -> PauseAnswer)?
    /// The lines `history` lists: the line editor's history in the REPL, the session's
    /// statements otherwise.
    public var historyProvider: (() -> [String])?
    /// Set by `quit`; whoever reads statements stops.
    public internal(set) var quitRequested = false
    /// Set when the person at a pause or `--step` prompt chose to leave: every script being
    /// read (a `run FILE` and the lesson around it) stops with `.left`.
    public internal(set) var leaveRequested = false
    /// Whether Ctrl-C stopped the last statement's command (scripts stop there).
    public private(set) var lastStatementInterrupted = false
    /// Whether Ctrl-C has been pressed during the current statement. The process-wide flag
    /// by default; tests give an interpreter its own.
    public var isInterruptRequested: @Sendable () -> Bool = { Interrupt.isRequested }
    /// Where `save session` writes `sessions/NAME.jumpy` (a fuzzer keeps it in a scratch
    /// directory).
    public var sessionDirectory = "."
    /// A front end that shows pictures itself (the Jupyter kernel): each picture a statement
    /// writes is handed to it too, and `plot` and `play` without a file draw a PNG or GIF for
    /// it instead of terminal text. Nil: pictures go to the terminal and to files only.
    public var pictureDisplay: ((DisplayedPicture) -> Void)?
    /// How deep `run FILE` is nested.
    var depth = 0
    public static let maximumDepth = 8

    public init(commands: CommandTable = .standard, loaders: [FileLoader] = [DatasetValue.loader, ModelValue.loader],
                console: Console = StandardConsole()) {
        self.commands = commands
        self.loaders = loaders
        self.console = console
    }

    public func add(_ command: Command) { commands.add(command) }

    /// Parses and runs one source line (statements separated by `;`), stopping at the first
    /// error. Returns the outcomes of the statements that ran.
    @discardableResult
    public func execute(line: String) throws(WorkbenchError) -> [Outcome] {
        var outcomes = [Outcome]()
        for statement in try Parser.parse(line) {
            outcomes.append(try execute(statement))
            if quitRequested { break }
        }
        return outcomes
    }

    /// Runs one statement: resolve the command, bind and check arguments, run the handler,
    /// then commit bindings, seeds and the session record, and print the summary.
    @discardableResult
    public func execute(_ statement: Statement) throws(WorkbenchError) -> Outcome {
        // Reset first: a value shown below returns early, and must not report the last
        // statement's Ctrl-C as its own (a notebook's next cell stopped at `m.steps`).
        lastStatementInterrupted = false
        // A variable's name, a field or an element alone shows it, as in any REPL. It changes
        // nothing, so the session does not record it.
        let name = statement.command.text
        let bareVariable = statement.target == nil && statement.arguments.isEmpty && commands[name] == nil && bindings[name] != nil
        if let shown = statement.shown ?? (bareVariable ? Expression(.name(name), span: statement.command.span) : nil) {
            let value = try Evaluator(bindings: bindings).evaluate(shown)
            console.write("\(Printer.expression(shown)): \(value.summary)\n")
            return .summary(value.summary)
        }
        let (command, arguments, subcommand) = try resolve(statement)
        if let target = statement.target, command.returns == nil {
            throw WorkbenchError("'\(command.name)' gives no value to bind to '\(target.text)'", at: target.span)
        }
        var binder = ArgumentBinder(command: command, evaluator: Evaluator(bindings: bindings),
                                    nextSeed: settings.nextSeed)
        let bound = try binder.bind(statement, arguments: arguments)

        Interrupt.clear()
        lastStatementInterrupted = false
        var call = Invocation(command: command, interpreter: self, arguments: bound.values,
                              expressions: bound.expressions)
        let outcome: Outcome
        do {
            outcome = try command.run(&call)
        } catch {
            Interrupt.clear()
            throw placed(error, statement: statement, spans: bound.spans)
        }
        lastStatementInterrupted = isInterruptRequested()
        Interrupt.clear()

        // Commit.
        settings.nextSeed += bound.seedsDrawn
        let canonical = canonicalStatement(statement, command: command, subcommand: subcommand,
                                           bound: bound, recorded: outcome.recorded)
        let text = Printer.statement(canonical)
        for (name, value) in outcome.updates.sorted(by: { $0.key < $1.key }) where bindings[name] != nil {
            bindings[name]!.value = value
        }
        if let target = statement.target?.text, let value = outcome.value {
            if bindings[target] == nil { order.append(target) }
            bindings[target] = Binding(value: value, statement: text)
        }
        if command.isRecorded { recorder.record(text, summary: outcome.summary) }
        if let summary = outcome.summary {
            progressLine.clear()
            console.write((statement.target.map { $0.text + ": " } ?? "") + summary + "\n")
        }
        return outcome
    }

    /// Removes a binding (`del`).
    func unbind(_ name: String) {
        bindings[name] = nil
        order.removeAll { $0 == name }
    }

    /// The command a statement names; a bare first argument may select a subcommand.
    private func resolve(_ s: Statement) throws(WorkbenchError) -> (Command, [Statement.Argument], String?) {
        let name = s.command.text
        if let first = s.arguments.first, first.label == nil, let word = first.value.name,
           let sub = commands[name + " " + word] {
            return (sub, Array(s.arguments.dropFirst()), word)
        }
        let subcommands = commands.subcommands(of: name)
        if let first = s.arguments.first, first.label == nil, let word = first.value.name,
           bindings[word] == nil, commands[name] == nil || !subcommands.isEmpty,
           let near = Suggestion.nearest(to: word, in: subcommands) {
            throw WorkbenchError("'\(name)' has no subcommand '\(word)' and no variable is called so",
                                 at: first.value.span, suggestion: near)
        }
        guard let command = commands[name] else {
            let known = commands.names
            throw WorkbenchError("unknown command '\(name)'", at: s.command.span,
                                 suggestion: Suggestion.nearest(to: name, in: known),
                                 notes: bindings[name] != nil
                                    ? ["'\(name)' is a variable: its name alone shows it, 'show \(name)' in detail"]
                                    : ["type 'help' for the list of commands"])
        }
        return (command, s.arguments, nil)
    }

    /// A handler's error, placed under the argument it names (or the command).
    private func placed(_ error: any Error, statement: Statement, spans: [String: SourceSpan]) -> WorkbenchError {
        switch error {
        case let e as WorkbenchError:
            return e
        case let e as CommandError:
            let span = e.argument.flatMap { spans[$0] } ?? statement.command.span
            return WorkbenchError(e.message, at: span, suggestion: e.suggestion)
        case let d as Diagnostic:
            return WorkbenchError("error in \(d.source)", at: statement.span, notes: d.description.split(separator: "\n").map(String.init))
        case let e as TensorFileError:
            // File commands name their file parameter `path`.
            return WorkbenchError(e.description, at: spans["path"] ?? statement.command.span)
        default:
            return WorkbenchError(String(describing: error), at: statement.command.span)
        }
    }

    /// The statement as the session keeps it: positional parameters first, then options in
    /// declaration order, seeds written out, handler overrides (`steps=N`) applied.
    private func canonicalStatement(_ s: Statement, command: Command, subcommand: String?,
                                    bound: ArgumentBinder.Bound, recorded: [String: Value]) -> Statement {
        var arguments = [Statement.Argument]()
        if let subcommand { arguments.append(Statement.Argument(value: Expression(.name(subcommand)))) }
        var positionalRun = true
        for parameter in command.parameters {
            var expression = bound.expressions[parameter.name]
            if let value = recorded[parameter.name], let literal = Self.literal(value) { expression = literal }
            guard let expression else {
                if parameter.isPositional { positionalRun = false }
                continue
            }
            if parameter.isPositional && positionalRun {
                if parameter.isVariadic, case .list(let items) = expression.kind {
                    arguments += items.map { Statement.Argument(value: $0) }
                } else {
                    arguments.append(Statement.Argument(value: expression))
                }
            } else {
                arguments.append(Statement.Argument(label: Statement.Word(parameter.name), value: expression))
            }
        }
        return Statement(target: s.target, command: Statement.Word(s.command.text), arguments: arguments)
    }

    private static func literal(_ value: Value) -> Expression? {
        switch value {
        case .number(let x): return Expression(.number(x))
        case .string(let s): return Expression(.string(s))
        default: return nil
        }
    }
}
