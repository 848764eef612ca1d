import CEditLine
#if canImport(Glibc)
import Glibc
#endif

/// Reads lines from the terminal with libedit (Emacs keys, history, Tab completion), or
/// plainly from stdin when it is not a terminal.
///
///     let editor = LineEditor(program: "jumpy", prompt: "jumpy> ",
///                             history: HistoryFile(path: HistoryFile.defaultPath()))
///     editor.completer = { prefix in (start: …, candidates: …) }
///     loop: while true {
///         switch editor.readLine() {
///         case .line(let text): editor.remember(text); run(text)
///         case .interrupted: continue          // Ctrl-C discarded the line
///         case .end: break loop                // Ctrl-D on an empty line, or end of input
///         }
///     }
///     try editor.saveHistory()
///
/// On a terminal: UTF-8 (the locale is set first), `~/.editrc` is read (`el_source`), Ctrl-C
/// discards the line being typed, Tab calls `completer`. Off a terminal: no prompt, no escape
/// codes, no history.
public final class LineEditor {
    public enum Input: Equatable, Sendable {
        case line(String)
        /// Ctrl-C at the prompt.
        case interrupted
        /// Ctrl-D on an empty line, or the end of the input.
        case end
        /// Ctrl-\ at the prompt (a key there, as Ctrl-C is, not SIGQUIT).
        case quit
    }

    /// Given the line up to the cursor, where the word being completed starts (a character
    /// offset) and the full words that could replace it.
    public typealias Completer = (String) -> (start: Int, candidates: [String])

    public var completer: Completer?
    public let isInteractive: Bool
    public private(set) var history: HistoryFile?

    private var editLine: OpaquePointer?
    private var libeditHistory: OpaquePointer?
    private var promptText: UnsafeMutablePointer<CChar>
    private var discarded = false
    private var quitPressed = false

    /// Whether stdin is a terminal.
    public static var stdinIsTerminal: Bool { jumpy_isatty(0) != 0 }

    public init(program: String, prompt: String, history: HistoryFile? = nil,
                interactive: Bool = LineEditor.stdinIsTerminal) {
        self.isInteractive = interactive
        self.history = interactive ? history : nil
        promptText = strdup(prompt)!
        guard interactive else { return }

        jumpy_set_locale()
        editLine = jumpy_el_init(program)
        libeditHistory = jumpy_history_init()
        guard let el = editLine else { return }
        jumpy_el_set_client_data(el, Unmanaged.passUnretained(self).toOpaque())
        jumpy_el_set_prompt(el) { el in
            guard let el, let data = jumpy_el_get_client_data(el) else { return nil }
            return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().promptText
        }
        jumpy_el_set_editor(el, "emacs")
        jumpy_el_set_signal(el, 1)
        jumpy_el_set_history(el, libeditHistory)
        jumpy_el_edit_mode_without_signals(el)
        jumpy_el_add_function(el, "jumpy-complete", "complete the word before the cursor") { el, _ in
            guard let el, let data = jumpy_el_get_client_data(el) else { return UInt8(CC_ERROR) }
            return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().complete(el)
        }
        jumpy_el_add_function(el, "jumpy-discard", "discard the line (Ctrl-C)") { el, _ in
            guard let el, let data = jumpy_el_get_client_data(el) else { return UInt8(CC_ERROR) }
            Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().discarded = true
            return UInt8(CC_NEWLINE)
        }
        jumpy_el_add_function(el, "jumpy-quit", "leave (Ctrl-\\)") { el, _ in
            guard let el, let data = jumpy_el_get_client_data(el) else { return UInt8(CC_ERROR) }
            Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().quitPressed = true
            return UInt8(CC_NEWLINE)
        }
        jumpy_el_bind(el, "^I", "jumpy-complete")
        jumpy_el_bind(el, "^C", "jumpy-discard")
        jumpy_el_bind(el, "^\\", "jumpy-quit")
        // ~/.editrc (or $EDITRC) last, so personal bindings win.
        _ = el_source(el, nil)
        for line in history?.entries ?? [] { jumpy_history_enter(libeditHistory, line) }
    }

    deinit {
        if let editLine { el_end(editLine) }
        if let libeditHistory { history_end(libeditHistory) }
        free(promptText)
    }

    /// Changes the prompt (shown from the next `readLine`).
    public func setPrompt(_ prompt: String) {
        free(promptText)
        promptText = strdup(prompt)!
    }

    /// The next line, without its newline.
    public func readLine() -> Input {
        guard let el = editLine else {
            guard let line = Swift.readLine(strippingNewline: true) else { return .end }
            return .line(line)
        }
        discarded = false
        quitPressed = false
        var count: Int32 = 0
        errno = 0
        let raw = el_gets(el, &count)
        // Checked before the count: on an empty line the key's function ends the read with
        // nothing in the buffer, which el_gets reports exactly as it reports end of input.
        if discarded {
            FileOutput.write("^C\n")
            return .interrupted
        }
        if quitPressed {
            FileOutput.write("^\\\n")
            return .quit
        }
        guard let raw, count > 0 else {
            // A SIGINT while the editor waits (Ctrl-C pressed as a statement ended, before the
            // editor turned signals off, or `kill -INT`) makes el_gets fail with EINTR: that is
            // Ctrl-C, not the end of input, so the session goes on.
            // el_gets reports an error as count -1 and the end of input as count 0. errno alone
            // cannot tell them apart: a read that a resize (SIGWINCH) interrupted and libedit
            // retried leaves EINTR behind, and Ctrl-D after it would read as Ctrl-C.
            if count < 0, errno == EINTR {
                FileOutput.write("^C\n")
                return .interrupted
            }
            // EOF (Ctrl-D on an empty line): end the prompt's line so the shell starts clean.
            FileOutput.write("\n")
            return .end
        }
        var line = String(cString: raw)
        while line.hasSuffix("\n") || line.hasSuffix("\r") { line.removeLast() }
        return .line(line)
    }

    /// Adds a typed line to the history (blank lines are skipped; a repeated line moves to
    /// the end, so entries stay unique).
    public func remember(_ line: String) {
        guard isInteractive, var history else { return }
        let moved = history.add(line)
        self.history = history
        guard let libeditHistory else { return }
        if moved {
            jumpy_history_clear(libeditHistory)
            for entry in history.entries { jumpy_history_enter(libeditHistory, entry) }
        } else if history.entries.last == line {
            jumpy_history_enter(libeditHistory, line)
        }
    }

    /// Writes the history file whole and renames it into place.
    public func saveHistory() throws {
        try history?.save()
    }

    /// Tab: completes the unique candidate (with a space after a finished word), or the
    /// candidates' common prefix, or lists them.
    private func complete(_ el: OpaquePointer) -> UInt8 {
        guard let completer, let info = el_line(el) else { return UInt8(CC_ERROR) }
        let start = UnsafeRawPointer(info.pointee.buffer!)
        let cursor = UnsafeRawPointer(info.pointee.cursor!)
        let prefix = String(decoding: UnsafeRawBufferPointer(start: start, count: cursor - start), as: UTF8.self)
        let (wordStart, candidates) = completer(prefix)
        let typed = String(Array(prefix).dropFirst(wordStart))
        let matching = candidates.filter { $0.hasPrefix(typed) }
        guard !matching.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        if matching.count == 1 {
            let word = matching[0]
            let finished = !(word.hasSuffix("=") || word.hasSuffix("/") || word.hasSuffix("."))
            _ = el_insertstr(el, String(word.dropFirst(typed.count)) + (finished ? " " : ""))
            return UInt8(CC_REFRESH)
        }
        let common = Self.commonPrefix(matching)
        if common.count > typed.count {
            _ = el_insertstr(el, String(common.dropFirst(typed.count)))
            return UInt8(CC_REFRESH)
        }
        FileOutput.write("\n" + Self.columns(matching) + "\n")
        return UInt8(CC_REDISPLAY)
    }

    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first.map(Array.init) else { return "" }
        for word in words.dropFirst() {
            let chars = Array(word)
            var n = 0
            while n < prefix.count, n < chars.count, prefix[n] == chars[n] { n += 1 }
            prefix = Array(prefix[0..<n])
        }
        return String(prefix)
    }

    /// Candidates laid out in columns for an 80-column terminal.
    static func columns(_ words: [String]) -> String {
        let width = (words.map(\.count).max() ?? 0) + 2
        let perLine = max(1, 78 / width)
        return stride(from: 0, to: words.count, by: perLine).map { i in
            words[i..<min(i + perLine, words.count)].map { $0.padding(toLength: width) }.joined()
                .trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }
}

extension String {
    func padding(toLength width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

/// Unbuffered writes to stdout (the editor draws there too; no C `FILE` buffering between).
enum FileOutput {
    static func write(_ text: String) {
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(1, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            done += n
        }
    }
}
