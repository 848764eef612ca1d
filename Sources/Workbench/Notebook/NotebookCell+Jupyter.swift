import Foundation

/// The rendered cells as a Jupyter notebook (nbformat 4.5), so GitHub, nbviewer and
/// JupyterLab show the lesson executed: narration as Markdown cells, each code block a code
/// cell whose outputs are what it printed (a `stream`) and its pictures (`display_data`,
/// embedded as base64 PNG or GIF, SVG as text).
///
///     let json = NotebookCell.ipynb(cells, source: "examples/01-lines.jumpy", pictures: dir)
///
/// The kernelspec named is `jumpy` (`jumpy kernel install`), so the notebook also runs.
extension NotebookCell {
    static var notebookMetadata: [String: Any] { [
        "kernelspec": ["name": "jumpy", "display_name": "jumpy", "language": "jumpy"],
        "language_info": ["name": "jumpy", "file_extension": ".jumpy", "mimetype": "text/x-jumpy"],
    ] }

    /// The notebook's JSON text; pictures are read from `pictures` (the render directory).
    public static func ipynb(_ cells: [NotebookCell], source: String, pictures directory: String) -> Data {
        var notebook: [[String: Any]] = []
        var count = 0
        var markdown: [String] = []
        func markdownCell(_ text: String) -> [String: Any] {
            ["cell_type": "markdown", "id": "cell-\(notebook.count + 1)", "metadata": [String: Any](), "source": lines(text)]
        }
        func flushMarkdown() {
            if !markdown.isEmpty { notebook.append(markdownCell(markdown.joined(separator: "\n\n"))) }
            markdown = []
        }
        markdown.append("<!-- \(source) replayed by jumpy --render; regenerate rather than edit -->")
        for cell in cells {
            switch cell {
            case .title(let text): markdown.append("# " + text)
            case .prose(let text): markdown.append(text)
            case .pause(let text): markdown.append("> ⏸ *" + text + "*")
            case .code(let text):
                flushMarkdown()
                count += 1
                notebook.append(["cell_type": "code", "id": "cell-\(notebook.count + 1)", "execution_count": count,
                                 "metadata": [String: Any](), "outputs": [[String: Any]](), "source": lines(text)])
            case .output(let text):
                appendOutput(["output_type": "stream", "name": "stdout", "text": lines(text + "\n")], to: &notebook)
            case .picture(let file, let statement):
                guard let output = pictureOutput(directory + "/" + file, caption: statement) else { continue }
                appendOutput(output, to: &notebook)
            }
        }
        flushMarkdown()
        let json: [String: Any] = ["cells": notebook, "metadata": notebookMetadata, "nbformat": 4, "nbformat_minor": 5]
        return Data(NotebookJSON.text(json).utf8)
    }

    /// Outputs belong to the code cell they follow.
    private static func appendOutput(_ output: [String: Any], to notebook: inout [[String: Any]]) {
        guard let last = notebook.indices.last, notebook[last]["cell_type"] as? String == "code" else { return }
        var outputs = notebook[last]["outputs"] as? [[String: Any]] ?? []
        outputs.append(output)
        notebook[last]["outputs"] = outputs
    }

    static func pictureOutput(_ path: String, caption: String) -> [String: Any]? {
        guard let picture = DisplayedPicture(file: path, command: "") else { return nil }
        let payload: Any = picture.mimeType == "image/svg+xml"
            ? lines(String(decoding: picture.bytes, as: UTF8.self))
            : Data(picture.bytes).base64EncodedString()
        return ["output_type": "display_data", "metadata": [String: Any](),
                "data": [picture.mimeType: payload, "text/plain": [caption]]]
    }

    /// nbformat's multi-line strings: a list of lines, each but the last keeping its "\n".
    static func lines(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for c in text {
            current.append(c)
            if c == "\n" { result.append(current); current = "" }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
