import ArgumentParser
import Foundation
import LineEditor
import Sweeps
import Tensor
import Workbench

/// `jumpy`: the REPL, or a script replayed (`jumpy FILE`, `-c`, `--echo`, `--step`,
/// `--check`). Piped stdin runs as a script (lesson mode: `make run < lesson.jumpy`).
@main
struct Jumpy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jumpy",
        abstract: "A workbench for Jumpy RNNs: a REPL whose sessions replay as scripts.",
        discussion: """
            With no FILE and a terminal on stdin, jumpy starts the REPL. With stdin piped, it \
            runs the piped script. Exit status: 0 done, 1 a statement failed, 2 --check found a \
            different result, 130 interrupted, 131 Ctrl-\\ during a statement. Sweeps: jumpy sweep FILE --out DIR, jumpy \
            merge DIR (see jumpy sweep --help).
            """)

    @Argument(help: "A script to replay (.jumpy), e.g. a saved session.")
    var file: String?

    @Option(name: .customShort("c"), help: "Statements to run (separated by ';' or newlines).")
    var statements: String?

    @Flag(help: "Print each statement before its output.")
    var echo = false

    @Flag(help: "Echo each statement and ask before running it: Enter runs it, q (or Ctrl-C, Ctrl-D) leaves (teaching).")
    var step = false

    @Flag(help: "Replay and compare each result with its recorded '# ->' summary (or, for a .ipynb, each code cell's text output).")
    var check = false

    @Option(help: ArgumentHelp("Threads that training, evaluation and rollouts split batches across.",
                               discussion: "Default: the machine's cores. The count changes only the speed: every result is the same at any count."))
    var threads: Int?

    @Flag(help: "Replay FILE and rewrite its '# ->' lines with the results (for lessons; atomic).")
    var record = false

    @Option(help: ArgumentHelp("Replay FILE as a notebook: DIR/index.md with each statement, its output and its pictures.",
                               valueName: "FILE"))
    var render: String?

    @Option(help: ArgumentHelp("The directory --render writes (created if missing).", valueName: "DIR"))
    var out: String?

    @Option(help: ArgumentHelp("What --render writes: md (DIR/index.md, the default), ipynb (DIR/index.ipynb, a Jupyter notebook), or md,ipynb.",
                               valueName: "FORMAT"))
    var format: String?

    @Flag(help: "Print the command reference (docs/commands.md) generated from the command table.")
    var commandsMarkdown = false

    static func main() {
        if let bad = KernelPath.invalidEnvironmentValue {
            FileHandle.standardError.write(Data("jumpy: JUMPY_KERNEL=\(bad) names no kernel path (portable, avx2, avx512); using \(KernelPath.current)\n".utf8))
        }
        if Subcommands.run(CommandLine.arguments) { return }
        main(nil)
    }

    func validate() throws {
        if file != nil && statements != nil { throw ValidationError("give a FILE or -c, not both") }
        if check && file == nil && statements == nil { throw ValidationError("--check needs a FILE") }
        if render != nil && out == nil { throw ValidationError("--render needs --out DIR") }
        if out != nil && render == nil { throw ValidationError("--out goes with --render FILE") }
        if format != nil && render == nil { throw ValidationError("--format goes with --render FILE") }
        if let format, case .failure(let error) = NotebookFormat.list(format) { throw ValidationError(error.description) }
        if render != nil && (file != nil || statements != nil || check || step) {
            throw ValidationError("--render replays its own FILE: give no other FILE, -c, --check or --step")
        }
        if record && (file == nil || statements != nil || check || step) { throw ValidationError("--record needs a FILE, and no -c, --check or --step") }
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be in 1...256, got \(threads)") }
    }


    func run() throws {
        if commandsMarkdown {
            print(CommandReference.markdown(.standard), terminator: "")
            return
        }
        Interrupt.install()
        Threads.set(threads ?? Threads.cores)   // see --threads
        if record, let file {
            let code = Record.run(file)
            if code != 0 { throw ExitCode(code) }
            return
        }
        if let render, let out {
            let formats = (try? NotebookFormat.list(format ?? "md").get()) ?? [.markdown]
            let code = Render.run(render, into: out, formats: formats)
            if code != 0 { throw ExitCode(code) }
            return
        }
        let interpreter = Interpreter()
        // --check writes what the script writes (pictures, saves, sessions) into a scratch
        // directory, removed afterwards, never over the user's files (docs/decisions.md).
        var scratch: String?
        if check {
            let directory = NSTemporaryDirectory() + "jumpy-check-" + UUID().uuidString
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            interpreter.outputDirectory = directory
            scratch = directory
        }
        defer { if let scratch { try? FileManager.default.removeItem(atPath: scratch) } }
        let options = ReplayOptions(echo: echo || step, step: step, check: check)
        let interactive = statements == nil && file == nil && LineEditor.stdinIsTerminal
        if step {
            // The one pause handler: each `--step` statement, and each `pause`, asks; q, quit,
            // Ctrl-C, Ctrl-D and Ctrl-\ there leave the lesson. The line editor reads the
            // answer so that those keys arrive as keys (a plain read ignored Ctrl-C, and
            // Ctrl-\ raised SIGQUIT).
            let answers = LineEditor(program: "jumpy", prompt: "")
            interpreter.pauseHandler = { message in
                answers.setPrompt("(\(message)) ")
                // Off a terminal the editor shows no prompt; the question is still asked.
                if !answers.isInteractive { interpreter.console.write("(\(message)) ") }
                switch answers.readLine() {
                case .line(let text):
                    let word = text.trimmingCharacters(in: .whitespaces).lowercased()
                    return ["q", "quit", "exit"].contains(word) ? .leave : .goOn
                case .interrupted, .end, .quit:
                    return .leave
                }
            }
        } else if interactive {
            // In the REPL a `pause` (in `run FILE`) waits for Enter.
            interpreter.pauseHandler = { message in
                interpreter.console.write("(\(message)) ")
                _ = readLine()
                return .goOn
            }
        }
        let code: Int32
        if let statements {
            code = Batch.run(statements, source: "-c", interpreter: interpreter, options: options)
        } else if let file, check, file.hasSuffix(".ipynb") {
            code = CheckNotebook.run(file, scratch: scratch ?? NSTemporaryDirectory())
        } else if let file {
            guard let text = Batch.read(file) else {
                interpreter.console.error("jumpy: cannot read \(file)\n")
                throw ExitCode(1)
            }
            code = Batch.run(text, source: file, interpreter: interpreter, options: options)
        } else if !LineEditor.stdinIsTerminal {
            var lines = [String]()
            while let line = readLine(strippingNewline: true) { lines.append(line) }
            code = Batch.run(lines.joined(separator: "\n"), source: "<stdin>", interpreter: interpreter, options: options)
        } else {
            code = REPL(interpreter: interpreter).run()
        }
        if code != 0 { throw ExitCode(code) }
    }
}
