import Foundation
import Workbench

/// The requests a notebook makes while one types: completion (the REPL's Tab), inspection
/// (Shift-Tab: what `help` says), whether a cell is complete, and the history.
extension Kernel {
    /// `complete_request`: the REPL's completer on the cursor's line. Positions are counted
    /// in Unicode code points, as protocol 5.2 and later count them.
    func complete(_ content: JSON) -> JSON {
        let code = Array((content["code"]?.string ?? "").unicodeScalars)
        let cursor = min(max(0, content["cursor_pos"]?.int ?? code.count), code.count)
        let lineStart = code[..<cursor].lastIndex(of: "\n").map { $0 + 1 } ?? 0
        var line = String.UnicodeScalarView()
        line.append(contentsOf: code[lineStart..<cursor])
        let (start, candidates) = interpreter.completions(for: String(line))
        // The completer counts characters; the protocol, code points.
        let startScalars = String(String(line).prefix(start)).unicodeScalars.count
        return ["status": "ok", "matches": JSON(candidates), "cursor_start": JSON(lineStart + startScalars),
                "cursor_end": JSON(cursor), "metadata": [:]]
    }

    /// `inspect_request`: `help` for the command under the cursor, or a variable's details
    /// (what `show` prints).
    func inspect(_ content: JSON) -> JSON {
        let code = Array((content["code"]?.string ?? "").unicodeScalars)
        let cursor = min(max(0, content["cursor_pos"]?.int ?? code.count), code.count)
        let isWord = { (c: Unicode.Scalar) in c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" }
        var start = cursor, end = cursor
        while start > 0, isWord(code[start - 1]) { start -= 1 }
        while end < code.count, isWord(code[end]) { end += 1 }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: code[start..<end])
        let word = String(scalars)
        let text = interpreter.help(for: word) ?? interpreter.bindings[word].map { "\(word): \($0.value.details)" }
        guard let text else { return ["status": "ok", "found": false, "data": [:], "metadata": [:]] }
        return ["status": "ok", "found": true, "data": ["text/plain": .string(text)], "metadata": [:]]
    }

    /// `is_complete_request`: a statement is one line, so a cell whose lines parse is
    /// complete and one that does not is invalid; nothing is ever continued on the next line.
    func isComplete(_ content: JSON) -> JSON {
        let code = content["code"]?.string ?? ""
        for line in code.split(separator: "\n") {
            do { _ = try Parser.parse(String(line)) } catch { return ["status": "invalid"] }
        }
        return ["status": "complete"]
    }

    /// `history_request`: the cells run in this session, as (session 0, number, input):
    /// the last `n` (`tail`), numbers `start..<stop` (`range`), or those matching a glob
    /// (`search`).
    func history(_ content: JSON) -> JSON {
        let all = inputs.enumerated().map { (number: $0.offset + 1, input: $0.element) }
        let chosen: [(number: Int, input: String)]
        switch content["hist_access_type"]?.string ?? "tail" {
        case "range":
            let start = content["start"]?.int ?? 1, stop = content["stop"]?.int ?? all.count + 1
            chosen = all.filter { $0.number >= start && $0.number < stop }
        case "search":
            let pattern = content["pattern"]?.string ?? "*"
            chosen = all.filter { fnmatch(pattern, $0.input, 0) == 0 }.suffix(content["n"]?.int ?? all.count)
        default:
            chosen = Array(all.suffix(max(0, content["n"]?.int ?? all.count)))
        }
        return ["status": "ok", "history": .array(chosen.map { [0, JSON($0.number), .string($0.input)] })]
    }
}
