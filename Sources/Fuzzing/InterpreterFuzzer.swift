import Foundation
import Tensor
import Workbench

/// Runs generated lines through the interpreter's reader → parser → evaluator, with small
/// data bound first, and checks the workbench's promise: a line that fails changes no
/// binding, no setting and no session record. Crashes end the process (the bench runs
/// workers in child processes to count them).
///
///     let fuzzer = InterpreterFuzzer(seed: 1, directory: scratch, corpus: corpus)
///     let report = fuzzer.run(first: 0, count: 10_000)
///     report.changedBindings.isEmpty
public final class InterpreterFuzzer {
    public struct Report: Sendable {
        public var inputs = 0
        public var parseErrors = 0
        public var failed = 0
        public var succeeded = 0
        /// Inputs whose failure changed the interpreter's state: (input number, line, what changed).
        public var changedBindings: [(Int, String, String)] = []
        /// Inputs over `hangLimit` seconds of CPU time: (input number, seconds, line's first 200
        /// characters). CPU time, not wall time: on a shared machine under `nice` an input
        /// waits for the processor far longer than it runs.
        public var hangs: [(Int, Double, String)] = []
        /// The input that took the most CPU time, and the one that took the most wall time.
        public var slowest: (index: Int, seconds: Double) = (0, 0)
        public var slowestWall: (index: Int, seconds: Double) = (0, 0)
        /// The ten inputs that took the most CPU time: (seconds, input number, line's first 120 characters).
        public var slowestInputs: [(Double, Int, String)] = []

        public mutating func add(_ other: Report) {
            inputs += other.inputs; parseErrors += other.parseErrors
            failed += other.failed; succeeded += other.succeeded
            changedBindings += other.changedBindings; hangs += other.hangs
            if other.slowest.seconds > slowest.seconds { slowest = other.slowest }
            if other.slowestWall.seconds > slowestWall.seconds { slowestWall = other.slowestWall }
        }
    }

    /// Statements run before the fuzzed ones (and again after every `resetEvery` inputs).
    public static let setup = [
        "set progress=off",
        "data = dataset lines n=24 seed=0", "balls = dataset billiards2d n=12 seed=1",
        "net = model jumpy data hidden=8 seed=2", "base = model rnn data hidden=8 seed=3",
        "r = rollout net data.test[0:2]",
    ]
    public let seed: UInt64
    public let directory: String
    public let corpus: [String]
    public var limits = FuzzLimits()
    public var resetEvery = 500
    public var hangLimit = 1.0
    /// Called before each input with its number (the bench notes it, to name a crash).
    public var willRun: ((Int) -> Void)?
    private var interpreter: Interpreter!

    public init(seed: UInt64, directory: String, corpus: [String]) {
        self.seed = seed
        self.directory = directory
        self.corpus = corpus
    }

    /// The lines of the lessons and sessions under `root` plus every command's example.
    public static func corpus(root: String) -> [String] {
        var lines = CommandTable.standard.commands.map(\.example) + setup
        for folder in ["examples", "sessions"] {
            let path = root + "/" + folder
            for name in (try? FileManager.default.contentsOfDirectory(atPath: path))?.sorted() ?? [] where name.hasSuffix(".jumpy") {
                let text = (try? String(contentsOfFile: path + "/" + name, encoding: .utf8)) ?? ""
                lines += text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
            }
        }
        return lines
    }

    /// The line input number `index` is: the same for the same seed, whatever ran before.
    public func input(_ index: Int) -> [UInt8] {
        var generator = StatementGenerator(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(index), corpus: corpus, words: Self.words,
                                           positional: Self.positional)
        return generator.next()
    }

    static let words = CommandTable.standard.names + CommandTable.standard.commands.flatMap { $0.parameters.map(\.name) }
        + ["data", "balls", "net", "base", "r", "train", "test", "n", "seed", "steps", "frames", "world", "x", "y"]

    /// Positional parameters by command, so that the generator also writes them by name (`plan
    /// dynamics=m`), as the binder allows and the corpus almost never does.
    static let positional = Dictionary(CommandTable.standard.commands.map { ($0.name, $0.parameters.filter(\.isPositional).map(\.name)) },
                                       uniquingKeysWith: { first, _ in first })

    /// Runs inputs `first ..< first + count`; the interpreter starts afresh at every multiple
    /// of `resetEvery`, so any input reproduces from the nearest multiple below it.
    public func run(first: Int, count: Int) -> Report {
        var report = Report()
        for index in first..<(first + count) {
            if interpreter == nil || index % resetEvery == 0 || interpreter.quitRequested { reset() }
            willRun?(index)
            let bytes = input(index)
            let (start, cpuStart) = (DispatchTime.now().uptimeNanoseconds, Self.cpuSeconds())
            run(bytes, index: index, into: &report)
            let seconds = Self.cpuSeconds() - cpuStart
            let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if wall > report.slowestWall.seconds { report.slowestWall = (index, wall) }
            if seconds > report.slowest.seconds { report.slowest = (index, seconds) }
            if report.slowestInputs.count < 10 || seconds > report.slowestInputs[9].0 {
                report.slowestInputs.append((seconds, index, String(String(decoding: bytes, as: UTF8.self).prefix(120))))
                report.slowestInputs = Array(report.slowestInputs.sorted { $0.0 > $1.0 }.prefix(10))
            }
            if seconds > hangLimit { report.hangs.append((index, seconds, String(String(decoding: bytes, as: UTF8.self).prefix(200)))) }
        }
        return report
    }

    /// CPU time of the whole process (the interpreter and any threads it starts).
    static func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    private func reset() {
        interpreter = Interpreter(commands: limits.table(.standard, directory: directory), console: DiscardConsole())
        interpreter.sessionDirectory = directory
        interpreter.isInterruptRequested = { false }
        for line in Self.setup { try! interpreter.execute(line: line) }
    }

    /// One line, statement by statement, as `Interpreter.run(reading:)` takes it; the state
    /// is compared before and after each statement that fails. Values' summaries (which see
    /// a model changed in place) are taken once a line; names, statements, the seed and the
    /// record before every statement.
    private func run(_ bytes: [UInt8], index: Int, into report: inout Report) {
        report.inputs += 1
        // A terminal's bytes become text as `readLine` makes them: invalid UTF-8 → U+FFFD.
        let line = String(decoding: bytes, as: UTF8.self)
        let before = State(interpreter, summaries: true)
        let statements: [Statement]
        do {
            statements = try Parser.parse(line)
        } catch {
            report.parseErrors += 1
            check(before, index: index, line: line, into: &report)
            return
        }
        for (position, statement) in statements.enumerated() {
            let current = position == 0 ? before : State(interpreter, summaries: false)
            do {
                try interpreter.execute(statement)
            } catch {
                report.failed += 1
                // `run FILE` keeps the effect of the file's statements before its error.
                if statement.command.text != "run" { check(current, index: index, line: line, into: &report) }
                return
            }
            if interpreter.quitRequested { break }
        }
        report.succeeded += 1
    }

    private func check(_ before: State, index: Int, line: String, into report: inout Report) {
        let after = State(interpreter, summaries: before.hasSummaries)
        if let difference = before.difference(after) {
            report.changedBindings.append((index, String(line.prefix(200)), difference))
        }
    }

    /// What a failed statement must leave alone.
    public struct State {
        var bindings: [String: String]
        var order: [String]
        var nextSeed: Int
        var recorded: Int

        let hasSummaries: Bool

        public init(_ interpreter: Interpreter, summaries: Bool = true) {
            hasSummaries = summaries
            bindings = interpreter.bindings.mapValues { summaries ? $0.statement + " -> " + $0.value.summary : $0.statement }
            order = interpreter.order
            nextSeed = interpreter.settings.nextSeed
            recorded = interpreter.recorder.entries.count
        }

        /// What changed between `self` and `other`, or nil.
        public func difference(_ other: State) -> String? {
            if bindings != other.bindings {
                let names = Set(bindings.keys).symmetricDifference(other.bindings.keys)
                    .union(bindings.keys.filter { other.bindings[$0] != nil && other.bindings[$0] != bindings[$0] })
                return "bindings changed: " + names.sorted().joined(separator: ", ")
            }
            if order != other.order { return "order changed" }
            if nextSeed != other.nextSeed { return "next seed \(nextSeed) → \(other.nextSeed)" }
            if recorded != other.recorded { return "session record \(recorded) → \(other.recorded) statements" }
            return nil
        }
    }
}

/// Output nobody reads (a million inputs print a lot).
public final class DiscardConsole: Console {
    public init() {}
    public func write(_ text: String) {}
    public func error(_ text: String) {}
}
