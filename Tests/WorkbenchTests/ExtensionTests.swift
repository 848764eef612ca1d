import Testing
import Workbench

/// The extension API as a model or training command uses it: one declaration, one handler,
/// typed arguments, an object value with fields, seeds, `recording` and `updates`.
@Suite struct ExtensionTests {
    struct Counter: WorkbenchObject {
        static let typeName = "counter"
        var steps: Int
        var seed: Int
        var summary: String { "counter: \(steps) steps, seed \(seed)" }
        var fieldNames: [String] { ["steps"] }
        func field(_ name: String) -> Value? { name == "steps" ? .number(Double(steps)) : nil }
    }

    static let counter = Command(
        "counter", summary: "Make a counter",
        parameters: [.option("seed", .integer(0...1000), default: .seed, help: "seed")],
        returns: Counter.typeName,
        example: "c = counter seed=1"
    ) { call in
        .value(.object(Counter(steps: 0, seed: call.int("seed"))))
    }

    /// Counts up to `steps`; stops early at `stop` as Ctrl-C would, and records what was done.
    static let count = Command(
        "count", summary: "Advance a counter",
        parameters: [
            .positional("counter", .variable, help: "the counter to advance"),
            .option("steps", .integer(1...1_000_000), default: 10, help: "steps"),
            .option("stop", .integer(0...1_000_000), help: "pretend Ctrl-C at this step"),
        ],
        example: "count c steps=5"
    ) { call in
        let name = call.string("counter")
        guard case .object(let object as Counter)? = call.interpreter.bindings[name]?.value else {
            throw CommandError("expected a counter", argument: "counter")
        }
        var counter = object
        var progress = call.progress(total: call.int("steps"), label: "count", unit: "steps")
        for step in 0..<call.int("steps") {
            if step == call.optionalInt("stop") || call.isInterrupted {
                call.print("interrupted at step \(step)")
                break
            }
            counter.steps += 1
            progress.update(step: step + 1, loss: 1 / Double(step + 1))
        }
        progress.finish()
        let outcome = Outcome.summary("\(name) at \(counter.steps) steps").updating(name, to: .object(counter))
        return counter.steps < call.int("steps") ? outcome.recording("steps", Double(counter.steps)) : outcome
    }

    @Test func addedCommandsParseRunRecordAndHelp() throws {
        var table = CommandTable.standard
        table.add(Self.counter)
        table.add(Self.count)
        let (text, result, interpreter) = transcript("""
            set seed=40
            c = counter
            count c steps=5 stop=3
            show c.steps
            help count
            """, interpreter: Interpreter(commands: table, console: BufferConsole()))
        #expect(result == .completed)
        #expect(text.hasPrefix("""
            c: counter: 0 steps, seed 40
            interrupted at step 3
            c at 3 steps
            3
            usage: count counter [steps=INT] [stop=INT]
            """))
        #expect(interpreter.recorder.entries.map(\.statement) == ["set seed=40", "c = counter seed=40", "count c steps=3 stop=3", "show c.steps"])
        #expect(interpreter.completions(for: "count c s").candidates == ["steps=", "stop="])
        #expect(interpreter.completions(for: "show c.").candidates == ["c.steps"])
    }

    @Test func progressLine() {
        #expect(Progress.line(label: "train", step: 50, total: 200, loss: 0.5, elapsed: 10)
                == "train  50/200  loss 0.5  5 steps/s  ETA 0:30")
        #expect(Progress.line(label: "t", step: 0, total: 9, loss: nil, elapsed: 0) == "t  0/9")
        #expect(Progress.line(label: "animate", step: 10, total: 20, loss: nil, unit: "frames", elapsed: 2)
                == "animate  10/20  5 frames/s  ETA 0:02")
    }

    /// A line printed while a progress line shows starts on a cleared line: the terminal text
    /// has an erase (`\r ESC[K`) between the last progress text and the result.
    @Test func printingErasesTheProgressLine() {
        var screen = ""
        let line = ProgressLine { screen += $0 }
        var progress = Progress(total: 4, label: "animate", unit: "frames", enabled: true, line: line)
        progress.update(step: 4)
        #expect(line.isShowing)
        line.clear()
        screen += "wrote x.gif\n"
        progress.finish()   // already erased: writes nothing more
        #expect(screen.hasSuffix("4/4\r\u{1B}[Kwrote x.gif\n") || screen.contains("\r\u{1B}[Kwrote x.gif\n"))
        #expect(!line.isShowing)
        #expect(screen.components(separatedBy: "\r\u{1B}[K").count == 3)   // drawn once, erased once
    }
}
