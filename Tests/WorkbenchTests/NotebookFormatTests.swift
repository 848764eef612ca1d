import Foundation
import Testing
import TestSupport
import Workbench

/// `--render --format`: which files, and the notebook's cells. (Validation against
/// nbformat's schema and the pictures' decoding are in JupyterClientTests, by nbformat and PIL.)
@Suite struct NotebookFormatTests {
    @Test func formatsAreMdIpynbOrBoth() throws {
        #expect(try NotebookFormat.list("md").get() == [.markdown])
        #expect(try NotebookFormat.list("ipynb").get() == [.ipynb])
        #expect(try NotebookFormat.list("md,ipynb,md").get() == [.markdown, .ipynb])
        #expect(try NotebookFormat.list("markdown").get() == [.markdown])
        guard case .failure(let error) = NotebookFormat.list("md,pdf") else { Issue.record("accepted pdf"); return }
        #expect(error.description == "--format pdf: expected md, ipynb or md,ipynb")
    }

    @Test func narrationIsMarkdownAndStatementsAreCodeCellsWithTheirOutput() throws {
        let directory = TemporaryDirectory()
        let rendered = try NotebookRenderer(directory: directory.root, formats: [.ipynb]).render("""
            # Title
            d = dataset lines n=32 seed=0
            say "Now a model."
            m = model rnn d hidden=8 seed=1
            """, source: "t.jumpy")
        #expect(rendered.files == [directory.path("index.ipynb")])
        #expect(!FileManager.default.fileExists(atPath: directory.path("index.md")))
        let data = try #require(FileManager.default.contents(atPath: directory.path("index.ipynb")))
        let cells = try NotebookCheck.codeCells(of: data, source: "index.ipynb")
        #expect(cells == [
            .init(source: "d = dataset lines n=32 seed=0", output: "d: dataset lines: train [21, 28, 2], test [21, 4, 2]\n"),
            .init(source: "m = model rnn d hidden=8 seed=1", output: "m: rnn gru model: D=2, H=8, R=8, 915 parameters, 0 steps\n"),
        ])
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let kinds = (json["cells"] as? [[String: Any]])?.map { $0["cell_type"] as? String }
        #expect(kinds == ["markdown", "code", "markdown", "code"])
        #expect(json["nbformat"] as? Int == 4 && json["nbformat_minor"] as? Int == 5)
        // Laid out as nbformat writes it (indent 1, sorted keys), so Jupyter's saves diff cleanly.
        #expect(String(decoding: data, as: UTF8.self).hasPrefix("{\n \"cells\": [\n  {\n   \"cell_type\": \"markdown\",\n"))
    }
}
