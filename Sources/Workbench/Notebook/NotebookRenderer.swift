import Foundation
import Tensor

/// `jumpy --render FILE --out DIR [--format md,ipynb]`: replays a session or lesson and
/// writes `DIR/index.md` (and or `DIR/index.ipynb`, nbformat 4), a notebook a reader sees on
/// GitHub without running anything.
///
///     let result = NotebookRenderer(directory: "docs/lessons/01-lines")
///         .render(text, source: "examples/01-lines.jumpy")
///     // docs/lessons/01-lines/index.md, figure-1.png, rollout.gif, …
///
/// Narration (`say`) becomes prose, each run of statements a code block followed by what it
/// printed, and every `plot`, `animate`, `play` and `compare figure=` a PNG or GIF file
/// beside `index.md`, shown inline (see `PictureRedirect`). `pause` marks a stop. Recorded
/// `# ->` lines are left out: the output shows the results.
public struct NotebookRenderer {
    public let directory: String
    /// What to write: `index.md`, `index.ipynb` (nbformat 4), or both.
    public let formats: [NotebookFormat]
    /// Results the replay printed; the interpreter's console is this buffer.
    public let console = BufferConsole()

    public init(directory: String, formats: [NotebookFormat] = [.markdown]) {
        self.directory = directory
        self.formats = formats
    }

    public struct Rendered: Sendable {
        /// How the replay ended; the notebook is written only when it completed.
        public var result: ScriptResult
        public var cells: [NotebookCell]
        /// The notebook files written (`DIR/index.md`, `DIR/index.ipynb`), in `formats` order.
        public var files: [String] = []
        /// The first of them, when written.
        public var index: String? { files.first }
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case notADirectory(String)
        case cannotCreate(String, String)
        case cannotWrite(String, String)

        public var description: String {
            switch self {
            case .notADirectory(let path): "--out \(path): a file is in the way (expected a directory)"
            case .cannotCreate(let path, let why): "--out \(path): cannot create the directory: \(why)"
            case .cannotWrite(let path, let why): "cannot write \(path): \(why)"
            }
        }
    }

    /// Replays `text` and, when every statement succeeded, writes `index.md` atomically. A
    /// directory that cannot hold the output is refused before anything runs.
    public func render(_ text: String, source: String) throws(Failure) -> Rendered {
        try prepareDirectory()
        let interpreter = Interpreter(console: console)
        // Whatever else the script writes (save, export, save session) goes into DIR as well.
        interpreter.outputDirectory = directory
        var cells = [NotebookCell]()
        var redirect = PictureRedirect(directory: directory)
        var code = [String]()
        var opening = true  // still in the script's leading comments
        var paragraph = false  // the last cell is prose that the next narration continues
        func addProse(_ text: String) {
            if paragraph, case .prose(let before)? = cells.last {
                cells[cells.count - 1] = .prose(before + "\n" + text)
            } else {
                cells.append(.prose(text))
            }
            paragraph = true
        }
        func flushCode() {
            if !code.isEmpty { cells.append(.code(code.joined(separator: "\n"))) }
            code = []
        }

        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var result = ScriptResult.completed
        lineLoop: for (offset, line) in lines.enumerated() {
            let trimmed = line.trimmingSpaces
            if trimmed.hasPrefix(SessionRecorder.summaryPrefix) { continue }
            if trimmed.isEmpty { flushCode(); paragraph = false; continue }
            if trimmed.hasPrefix("#") {
                let comment = String(trimmed.drop { $0 == "#" }).trimmingSpaces
                if opening && cells.isEmpty { cells.append(.title(comment)) } else if opening { addProse(comment) } else { code.append(line) }
                continue
            }
            if opening { opening = false; paragraph = false }  // narration starts its own paragraph
            let statements: [Statement]
            do {
                statements = try Parser.parse(line)
            } catch {
                result = .failed(Diagnostic(error: error, source: source, line: offset + 1, text: line))
                break
            }
            if statements.count == 1, statements[0].target == nil,
               let narration = Self.narration(statements[0]) {
                flushCode()
                do { try interpreter.execute(statements[0]) } catch {
                    result = .failed(Diagnostic(error: error, source: source, line: offset + 1, text: line))
                    break
                }
                if case .prose(let text) = narration { addProse(text) } else { cells.append(narration); paragraph = false }
                continue
            }
            paragraph = false
            code.append(line)
            let start = console.output.utf8.count
            var pictures = [NotebookCell]()
            var written = [String]()
            for statement in statements {
                let (run, files) = redirect.rewrite(statement)
                do {
                    try interpreter.execute(run)
                } catch {
                    result = .failed(Diagnostic(error: error, source: source, line: offset + 1, text: line))
                    break lineLoop
                }
                for file in files where FileManager.default.fileExists(atPath: directory + "/" + file) {
                    pictures.append(.picture(file: file, statement: Printer.statement(statement)))
                    written.append(directory + "/" + file)
                }
                if interpreter.lastStatementInterrupted { result = .interrupted; break lineLoop }
                if interpreter.quitRequested { result = .quit; break lineLoop }
            }
            // "wrote DIR/x.png" says where the picture went; the notebook shows it instead.
            let printed = PictureRedirect.withoutWrittenLines(String(decoding: console.output.utf8.dropFirst(start), as: UTF8.self),
                                                              written: written)
            if !printed.isEmpty || !pictures.isEmpty {
                flushCode()
                if !printed.isEmpty { cells.append(.output(printed)) }
                cells += pictures
            }
        }
        flushCode()
        guard result == .completed || result == .quit else { return Rendered(result: result, cells: cells) }
        var files: [String] = []
        for format in formats {
            let index = directory + "/index." + format.rawValue
            let name = Self.scriptName(source)
            let text = switch format {
            case .markdown: Data(NotebookCell.markdown(cells, source: name).utf8)
            case .ipynb: NotebookCell.ipynb(cells, source: name, pictures: directory)
            }
            do {
                try AtomicFile.write(text, to: index)
            } catch {
                throw .cannotWrite(index, "\(error)")
            }
            files.append(index)
        }
        return Rendered(result: result, cells: cells, files: files)
    }

    /// The script as the notebook names it: as given, but never an absolute path (which would
    /// say where it was rendered): one under `directory` (the working directory) is made
    /// relative to it, any other is its file name.
    ///
    ///     NotebookRenderer.scriptName("examples/01-lines.jumpy")              // unchanged
    ///     NotebookRenderer.scriptName("/home/me/jumpy/examples/01-lines.jumpy",
    ///                                 from: "/home/me/jumpy")                 // "examples/01-lines.jumpy"
    ///     NotebookRenderer.scriptName("/tmp/x/mine.jumpy", from: "/home/me")   // "mine.jumpy"
    public static func scriptName(_ source: String,
                                  from directory: String = FileManager.default.currentDirectoryPath) -> String {
        guard source.hasPrefix("/") else { return source }
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        if source.hasPrefix(base), source.count > base.count { return String(source.dropFirst(base.count)) }
        return (source as NSString).lastPathComponent
    }

    /// `say` is prose and `pause` a stop; nil for everything else.
    private static func narration(_ statement: Statement) -> NotebookCell? {
        let text: String? = statement.arguments.first.flatMap {
            if case .string(let s) = $0.value.kind { return s } else { return nil }
        }
        switch statement.command.text {
        case "say": return text.map(NotebookCell.prose)
        case "pause": return .pause(text ?? "press Enter to continue")
        default: return nil
        }
    }

    private func prepareDirectory() throws(Failure) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .notADirectory(directory) }
            guard FileManager.default.isWritableFile(atPath: directory) else { throw .cannotCreate(directory, "not writable") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreate(directory, (error as NSError).localizedDescription)
        }
    }
}
