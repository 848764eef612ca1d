import Foundation
import Workbench

/// `jumpy --check NOTEBOOK.ipynb`: each code cell replayed and its text output compared.
enum CheckNotebook {
    static func run(_ file: String, scratch: String) -> Int32 {
        guard let data = FileManager.default.contents(atPath: file) else {
            FileHandle.standardError.write(Data("jumpy: cannot read \(file)\n".utf8))
            return 1
        }
        let cells: [NotebookCheck.CodeCell]
        do { cells = try NotebookCheck.codeCells(of: data, source: file) } catch {
            FileHandle.standardError.write(Data("jumpy: \(error)\n".utf8))
            return 1
        }
        let result = NotebookCheck.run(cells, source: file, scratch: scratch) { printed in
            FileHandle.standardOutput.write(Data(printed.utf8))
        }
        Interpreter().report(result, source: file, options: ReplayOptions(check: true))
        return result.exitCode
    }
}
