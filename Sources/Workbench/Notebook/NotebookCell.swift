/// One block of a rendered session, in reading order.
public enum NotebookCell: Sendable, Equatable {
    /// A heading (the script's first comment line).
    case title(String)
    /// Narration: what `say` printed, or the script's opening comments.
    case prose(String)
    /// A `pause`: where a teacher stops.
    case pause(String)
    /// Statement lines (and the comments between them), as written.
    case code(String)
    /// What the statements above printed.
    case output(String)
    /// A picture file beside the notebook, with the statement that drew it.
    case picture(file: String, statement: String)
}

extension NotebookCell {
    /// Markdown for a list of cells: prose as paragraphs, code and output as fenced blocks,
    /// pictures as inline images linked by relative path.
    public static func markdown(_ cells: [NotebookCell], source: String) -> String {
        var blocks = ["<!-- \(source) replayed by jumpy --render; regenerate rather than edit -->"]
        for cell in cells {
            switch cell {
            case .title(let text): blocks.append("# " + text)
            case .prose(let text): blocks.append(text)
            case .pause(let text): blocks.append("> ⏸ *" + text + "*")
            case .code(let text): blocks.append(fenced(text, info: "jumpy"))
            case .output(let text): blocks.append(fenced(text, info: "text"))
            case .picture(let file, let statement):
                let alt = statement.replacingOccurrences(of: "[", with: "(").replacingOccurrences(of: "]", with: ")")
                blocks.append("![\(alt)](\(file))")
            }
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    /// A fence longer than any run of backticks inside, so output cannot close it early.
    static func fenced(_ text: String, info: String) -> String {
        var longest = 0, run = 0
        for c in text {
            run = c == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + info + "\n" + text + "\n" + fence
    }
}
