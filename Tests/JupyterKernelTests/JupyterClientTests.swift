import Foundation
import Testing
import TestSupport

/// The kernel and the notebooks driven by real Jupyter clients: Debian's
/// python3-jupyter-client, -nbclient and -nbformat (and PIL to decode the pictures), which
/// `make test` installs. Each test runs one scenario of `clients.py`, which asserts and
/// says what it checked; its output is shown when it fails.
@Suite(.serialized, .enabled(if: JupyterClients.isAvailable, JupyterClients.missing))
struct JupyterClientTests {
    /// nbclient runs a notebook through the kernelspec `jumpy kernel install --prefix` wrote
    /// (found through JUPYTER_PATH): text equals the REPL's, PNG and GIF decode, a bad
    /// statement's cell has the caret text and the next cell runs, `save session` works.
    @Test func aNotebookRunsThroughTheInstalledKernel() throws {
        try JupyterClients.expect("notebook", says: "outputs equal the REPL's")
    }

    /// A BlockingKernelClient: kernel_info, completion, inspection, is_complete, queued cells
    /// aborted after an error, history,
    /// an interrupt during `train` by SIGINT and by interrupt_request (steps kept), a restart.
    @Test func aKernelClientCompletesInspectsInterruptsAndRestarts() throws {
        try JupyterClients.expect("client", says: "restart")
    }

    /// Messages signed with another key, or unsigned, are refused and logged; none runs.
    @Test func forgedAndUnsignedMessagesAreRefused() throws {
        try JupyterClients.expect("forged", says: "2 messages refused")
    }

    /// `--render --format ipynb` writes a notebook nbformat validates, whose pictures decode,
    /// and which `--check` replays: equal outputs pass, a changed one fails with status 2.
    @Test func aRenderedNotebookValidatesAndChecks() throws {
        let jumpy = try #require(JumpyExecutable.path())
        let directory = TemporaryDirectory()
        let script = """
            # A small notebook
            d = dataset lines n=64 seed=0
            say "A model, trained briefly."
            m = model jumpy d hidden=8 seed=1; train m d steps=5 batch=16 seed=2
            r = rollout m d.test[0:2]
            plot r
            animate r "r.gif" fps=2
            eval m d
            """
        try script.write(toFile: directory.path("small.jumpy"), atomically: true, encoding: .utf8)
        let render = Subprocess.run(jumpy, ["--threads", "1", "--render", "small.jumpy", "--out", "nb", "--format", "md,ipynb"],
                                    directory: directory.root)
        #expect(render.status == 0, "\(render.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.path("nb/index.md")))
        let notebook = directory.path("nb/index.ipynb")
        try JupyterClients.expect("validate", [notebook], says: "valid, 8 cells, 2 pictures")

        let check = Subprocess.run(jumpy, ["--threads", "1", "--check", notebook], directory: directory.root)
        #expect(check.status == 0 && check.stderr.contains("check passed"), "\(check.stdout)\n\(check.stderr)")
        #expect(check.stdout.contains("tf mse"))
        let text = try String(contentsOfFile: notebook, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.contains("tf mse") })
        try text.replacingOccurrences(of: String(line), with: String(line).replacingOccurrences(of: "tf mse", with: "tf mse 1"))
            .write(toFile: directory.path("changed.ipynb"), atomically: true, encoding: .utf8)
        let changed = Subprocess.run(jumpy, ["--threads", "1", "--check", "changed.ipynb"], directory: directory.root)
        #expect(changed.status == 2 && changed.stderr.contains("changed.ipynb cell 6, output line 1: check failed"), "\(changed.stderr)")
    }

    /// Every lesson notebook `make notebooks` wrote beside its index.md validates.
    @Test func everyLessonNotebookValidates() throws {
        let lessons = JumpyExecutable.packageRoot.appendingPathComponent("docs/lessons").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: lessons)) ?? []
        let notebooks = names.sorted().map { "\(lessons)/\($0)/index.ipynb" }.filter { FileManager.default.fileExists(atPath: $0) }
        try #require(!notebooks.isEmpty, "no docs/lessons/*/index.ipynb yet: run make notebooks")
        try JupyterClients.expect("validate", notebooks, says: "valid")
    }
}

enum JupyterClients {
    static let python = "/usr/bin/python3"
    static let missing: Comment = "needs \(python) with jupyter_client, nbclient, nbformat and PIL (make setup installs them)"
    static let isAvailable = Subprocess.run(python, ["-c", "import jupyter_client, nbclient, nbformat, PIL"]).status == 0

    static var script: String { JumpyExecutable.packageRoot.appendingPathComponent("Tests/JupyterKernelTests/clients.py").path }

    /// Runs a scenario in a scratch directory; it must succeed and say `says`.
    static func expect(_ scenario: String, _ arguments: [String] = [], says: String) throws {
        let jumpy = try #require(JumpyExecutable.path())
        let scratch = TemporaryDirectory()
        let run = Subprocess.run(python, [script, scenario, jumpy, scratch.root] + arguments,
                                 environment: ["PYTHONDONTWRITEBYTECODE": "1"])
        #expect(run.status == 0 && run.stdout.contains(says), "\(scenario):\n\(run.stdout)\n\(run.stderr)")
    }
}
