import Workbench

/// `{name}` in a template line: where each placeholder sits and what replaces it.
///
///     Placeholders.find(in: "m = model {kind} d seed={seed}")   // [kind at 10..<16, seed at 24..<30]
///
/// Braces have no other meaning in the language, so any `{` opens a placeholder; a
/// comment line (`# …`) is copied with only known names replaced.
enum Placeholders {
    struct Occurrence: Equatable {
        var name: String
        var span: SourceSpan
    }

    static func find(in line: String) throws(WorkbenchError) -> [Occurrence] {
        let chars = Array(line)
        var found = [Occurrence]()
        var i = 0
        while i < chars.count {
            if chars[i] == "}" { throw WorkbenchError("'}' without a '{' before it", at: SourceSpan(start: i, end: i + 1)) }
            guard chars[i] == "{" else { i += 1; continue }
            var j = i + 1
            while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
            guard j < chars.count, chars[j] == "}" else {
                throw WorkbenchError("expected '}' to close the placeholder, as in {seed}", at: SourceSpan(start: i, end: j + 1))
            }
            guard j > i + 1 else { throw WorkbenchError("empty placeholder '{}'", at: SourceSpan(start: i, end: j + 1)) }
            found.append(Occurrence(name: String(chars[(i + 1)..<j]), span: SourceSpan(start: i, end: j + 1)))
            i = j + 1
        }
        return found
    }

    /// `line` with each `{name}` replaced by `values[name]`; unknown names stay as written.
    static func substitute(_ line: String, _ values: [String: String]) -> String {
        guard let occurrences = try? find(in: line), !occurrences.isEmpty else { return line }
        let chars = Array(line)
        var out = ""
        var at = 0
        for o in occurrences {
            out += String(chars[at..<o.span.start])
            out += values[o.name] ?? String(chars[o.span.start..<o.span.end])
            at = o.span.end
        }
        return out + String(chars[at...])
    }
}
