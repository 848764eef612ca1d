import Foundation
import LineEditor
import Tensor
import Workbench

/// Every file jumpy reads, damaged on purpose: each truncation of a small valid file and
/// seeded byte flips, read the way the workbench reads it. Each damaged file must be refused
/// with an error that names it, or read; a crash ends the process.
///
///     let counts = CorruptFiles(directory: scratch).run(kind: .dataset, flips: 1000, seed: 1)
///     counts.unnamedErrors == 0
public struct CorruptFiles {
    public enum Kind: String, CaseIterable, Sendable {
        case checkpoint, dataset, npy, session, history

        var fileName: String {
            switch self {
            case .checkpoint: return "net.safetensors"
            case .dataset: return "data.safetensors"
            case .npy: return "train.npy"
            case .session: return "sessions/s.jumpy"
            case .history: return "history"
            }
        }
    }

    public struct Counts: Sendable, CustomStringConvertible {
        public var kind: Kind
        public var size = 0
        public var truncations = 0, flips = 0
        /// Refused with an error naming the file.
        public var refused = 0
        /// Read, and equal to the undamaged file's value (a flip in ignored padding).
        public var readSame = 0
        /// Read, with different content (a flipped float, a flipped character in a script).
        public var readDifferent = 0
        /// Truncations read as different content: data lost without an error.
        public var truncationsReadDifferent = 0
        /// Refused with an error that does not name the file.
        public var unnamedErrors = 0
        public var examples: [String] = []

        public var description: String {
            "\(kind.rawValue) (\(size) bytes): \(truncations) truncations + \(flips) flips: \(refused) refused naming the file, "
                + "\(readSame) read unchanged, \(readDifferent) read with changed content "
                + "(\(truncationsReadDifferent) of them truncations), \(unnamedErrors) errors without the file's name"
        }
    }

    public let directory: String
    public init(directory: String) { self.directory = directory }

    /// Writes the valid file of `kind`, then reads every damaged variant of it.
    public func run(kind: Kind, flips: Int, seed: UInt64) -> Counts {
        let path = directory + "/" + kind.fileName
        let original = makeValidFile(kind, at: path)
        let reference = read(kind, path: path)
        var counts = Counts(kind: kind, size: original.count)
        func classify(_ bytes: [UInt8], truncation: Bool) {
            try! AtomicFile.write(bytes, to: path)
            switch read(kind, path: path) {
            case .refused(let message):
                if message.contains(kind.fileName) { counts.refused += 1 } else {
                    counts.unnamedErrors += 1
                    if counts.examples.count < 5 { counts.examples.append(message) }
                }
            case .read(let fingerprint):
                if case .read(fingerprint) = reference { counts.readSame += 1 } else {
                    counts.readDifferent += 1
                    if truncation { counts.truncationsReadDifferent += 1 }
                }
            }
        }
        for length in 0..<original.count {
            counts.truncations += 1
            classify(Array(original.prefix(length)), truncation: true)
        }
        var random = SeededGenerator(seed: seed)
        for _ in 0..<flips {
            var bytes = original
            bytes[random.int(below: bytes.count)] ^= UInt8(1 + random.int(below: 255))
            counts.flips += 1
            classify(bytes, truncation: false)
        }
        return counts
    }

    enum Outcome: Equatable {
        case refused(String)
        case read(String)
    }

    /// Reads `path` as jumpy does: `load` for tensors files, `run` for a script, the line
    /// editor's loader for history.
    func read(_ kind: Kind, path: String) -> Outcome {
        if kind == .history {
            return .read(HistoryFile(path: path).entries.joined(separator: "\n"))
        }
        let interpreter = freshInterpreter()
        let line = kind == .session ? "run \"\(kind.fileName)\"" : "x = load \"\(kind.fileName)\""
        do {
            try interpreter.execute(line: line)
        } catch {
            return .refused(Diagnostic(error: error, source: "corrupt", line: 1, text: line).description)
        }
        if kind == .session {
            return .read(interpreter.bindings.keys.sorted().map { $0 + " " + interpreter.bindings[$0]!.value.summary }.joined(separator: "\n"))
        }
        return .read(Self.fingerprint(interpreter.bindings["x"]!.value))
    }

    /// The value's full content: every scalar, not only its summary.
    static func fingerprint(_ value: Value) -> String {
        var tensors = [Tensor]()
        switch value {
        case .tensor(let t): tensors = [t]
        case .object(let dataset as DatasetValue): tensors = [dataset.train, dataset.test]
        case .object(let model as ModelValue): tensors = model.model.parameters.map(\.value)
        case .object(let object): tensors = ((object as? any TensorBacked)?.tensor).map { [$0] } ?? []
        default: break
        }
        return value.summary + "\n" + value.details + "\n" + tensors.map { "\($0.shape)" + $0.scalars.map { String($0.bitPattern, radix: 16) }.joined(separator: ",") }.joined(separator: ";")
    }

    private func freshInterpreter() -> Interpreter {
        let interpreter = Interpreter(commands: FuzzLimits().table(.standard, directory: directory), console: DiscardConsole())
        interpreter.sessionDirectory = directory
        interpreter.isInterruptRequested = { false }
        return interpreter
    }

    /// A small valid file of `kind`, written by jumpy itself; returns its bytes.
    private func makeValidFile(_ kind: Kind, at path: String) -> [UInt8] {
        let interpreter = freshInterpreter()
        try? FileManager.default.createDirectory(atPath: directory + "/sessions", withIntermediateDirectories: true)
        let setup: [String]
        switch kind {
        case .checkpoint: setup = ["d = dataset lines n=4 seed=0", "net = model jumpy d hidden=2 seed=1", "save net \"net.safetensors\""]
        case .dataset: setup = ["d = dataset lines n=3 seed=0", "save d \"data.safetensors\""]
        case .npy: setup = ["d = dataset lines n=3 seed=0", "export d.train[0:2] \"train.npy\""]
        case .session: setup = ["d = dataset lines n=4 seed=0", "say \"lines\"", "show d.n", "e = dataset circles n=2 seed=1", "save session s"]
        case .history:
            var history = HistoryFile(path: path)
            for line in ["d = dataset lines n=4 seed=0", "show d", "say \"é∂\"", "net = model jumpy d hidden=4"] { history.add(line) }
            try! history.save()
            setup = []
        }
        for line in setup { try! interpreter.execute(line: line) }
        return Array(FileManager.default.contents(atPath: path)!)
    }
}
