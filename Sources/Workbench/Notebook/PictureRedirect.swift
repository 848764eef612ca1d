import Foundation

/// Sends every picture a statement would draw into one directory, for `--render`.
///
/// `plot r` (terminal) becomes `plot r path="DIR/figure-3.png"`; `plot r "plots/t.png"` and
/// `animate r "x.gif"` keep their file names but move into DIR; `compare … figure="c.png"`
/// likewise; `play r` becomes an `animate` (a notebook cannot play in a terminal). The
/// statement is otherwise unchanged, so the commands' own checks and errors still apply.
struct PictureRedirect {
    /// Where pictures go.
    let directory: String
    /// File names already given out: a name is never reused, so no picture replaces another.
    private var used: Set<String> = []
    private var count = 0

    init(directory: String) { self.directory = directory }

    /// What a statement printed, less the "wrote DIR/x.png" lines of the pictures it was
    /// sent to write (the notebook shows the picture instead), without surrounding newlines.
    static func withoutWrittenLines(_ printed: String, written paths: [String]) -> String {
        printed.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { line in !paths.contains { line.hasPrefix("wrote " + $0) } }
            .joined(separator: "\n").trimmingCharacters(in: .newlines)
    }

    /// The statement to run instead, and the files (names inside `directory`) it will write.
    mutating func rewrite(_ statement: Statement) -> (statement: Statement, files: [String]) {
        var s = statement
        switch statement.command.text {
        case "plot":
            guard let file = redirect(&s, parameter: "path", position: 1, fallback: "png") else { return (statement, []) }
            return (s, [file])
        case "animate":
            guard let file = redirect(&s, parameter: "path", position: 1, fallback: "gif") else { return (statement, []) }
            return (s, [file])
        case "play":
            s.command = Statement.Word("animate", span: statement.command.span)
            // play's default speed, so the GIF shows what the terminal would have.
            if !s.arguments.contains(where: { $0.label?.text == "fps" }) {
                s.arguments.append(Statement.Argument(label: Statement.Word("fps"), value: Expression(.number(2))))
            }
            guard let file = redirect(&s, parameter: "path", position: 1, fallback: "gif") else { return (statement, []) }
            return (s, [file])
        case "compare":
            guard let i = s.arguments.firstIndex(where: { $0.label?.text == "figure" }),
                  let file = place(s.arguments[i].value, fallback: "png") else { return (statement, []) }
            s.arguments[i].value = Expression(.string(directory + "/" + file), span: s.arguments[i].value.span)
            return (s, [file])
        default:
            return (statement, [])
        }
    }

    /// Points the path argument (labelled, or the `position`-th unlabelled one) into the
    /// directory, adding one when it is absent; nil when it is not a picture path (the
    /// command then reports it as it always does).
    private mutating func redirect(_ s: inout Statement, parameter: String, position: Int, fallback: String) -> String? {
        let unlabelled = s.arguments.indices.filter { s.arguments[$0].label == nil }
        let index = s.arguments.firstIndex { $0.label?.text == parameter }
            ?? (unlabelled.count > position ? unlabelled[position] : nil)
        if let index {
            guard let file = place(s.arguments[index].value, fallback: fallback) else { return nil }
            s.arguments[index].value = Expression(.string(directory + "/" + file), span: s.arguments[index].value.span)
            return file
        }
        let file = fresh(base: "figure", ext: fallback)
        s.arguments.append(Statement.Argument(label: Statement.Word(parameter), value: Expression(.string(directory + "/" + file))))
        return file
    }

    /// A file name in the directory for a written path: its own name when free.
    private mutating func place(_ path: Expression, fallback: String) -> String? {
        guard case .string(let text) = path.kind else { return nil }
        let name = (text as NSString).lastPathComponent
        guard let ext = PictureFile.Format(path: name)?.rawValue else { return nil }
        let base = (name as NSString).deletingPathExtension
        return fresh(base: base.isEmpty ? "figure" : base, ext: ext)
    }

    private mutating func fresh(base: String, ext: String) -> String {
        count += 1
        var name = base == "figure" ? "figure-\(count).\(ext)" : "\(base).\(ext)"
        if used.contains(name) { name = "\(base)-\(count).\(ext)" }
        used.insert(name)
        return name
    }
}
