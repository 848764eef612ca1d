import Foundation
import Workbench

/// `jumpy --render FILE --out DIR [--format md,ipynb]`: the notebook view of a session or lesson.
enum Render {
    /// Replays `file` into `directory`; the exit status (1 for a bad path or a failed statement).
    static func run(_ file: String, into directory: String, formats: [NotebookFormat]) -> Int32 {
        guard let text = Batch.read(file) else {
            FileHandle.standardError.write(Data("jumpy: --render \(file): cannot read the file\n".utf8))
            return 1
        }
        let renderer = NotebookRenderer(directory: directory, formats: formats)
        do {
            let rendered = try renderer.render(text, source: file)
            guard !rendered.files.isEmpty else {
                let interpreter = Interpreter()
                interpreter.report(rendered.result, source: file)
                let names = formats.map { "\(directory)/index.\($0.rawValue)" }.joined(separator: " and ")
                FileHandle.standardError.write(Data("jumpy: \(names) not written\n".utf8))
                return rendered.result.exitCode
            }
            let pictures = rendered.cells.filter { if case .picture = $0 { true } else { false } }.count
            print("wrote \(rendered.files.joined(separator: " and ")): \(rendered.cells.count) cells, \(pictures) pictures")
            return 0
        } catch {
            FileHandle.standardError.write(Data("jumpy: \(error)\n".utf8))
            return 1
        }
    }
}
