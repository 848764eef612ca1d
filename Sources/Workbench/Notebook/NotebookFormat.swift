import Foundation

/// The files `--render` writes: `md` (the default) and `ipynb`.
public enum NotebookFormat: String, Sendable, CaseIterable {
    case markdown = "md"
    case ipynb

    /// `md`, `ipynb`, `md,ipynb` (`markdown` is `md`); a failure names the word that is neither.
    public static func list(_ text: String) -> Result<[NotebookFormat], NotebookFormatError> {
        var formats: [NotebookFormat] = []
        for word in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            guard let format = NotebookFormat(rawValue: word == "markdown" ? "md" : word) else { return .failure(NotebookFormatError(word: word)) }
            if !formats.contains(format) { formats.append(format) }
        }
        return formats.isEmpty ? .failure(NotebookFormatError(word: text)) : .success(formats)
    }
}

public struct NotebookFormatError: Error, CustomStringConvertible {
    public let word: String
    public var description: String { "--format \(word): expected md, ipynb or md,ipynb" }
}
