import ArgumentParser
import Foundation
import JupyterKernel
import Tensor

/// `jumpy kernel --connection-file F` (what Jupyter runs), `jumpy kernel install` and
/// `jumpy kernel remove` (the kernelspec).
struct KernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jumpy kernel",
        abstract: "The Jupyter kernel: run by Jupyter with a connection file, or install and remove its kernelspec.",
        discussion: """
            jumpy kernel install --user, then pick "jumpy" in JupyterLab, Notebook or VS Code. \
            Cells run as REPL lines: output as text, plot/animate/compare pictures inline, errors with a caret.
            """,
        subcommands: [Install.self, Remove.self])

    @Option(help: ArgumentHelp("The connection file Jupyter wrote (ports and signing key).", valueName: "FILE"))
    var connectionFile: String?

    @Option(help: "Threads that training, evaluation and rollouts split batches across (default: the machine's cores).")
    var threads: Int?

    func run() throws {
        guard let connectionFile else {
            throw ValidationError("give --connection-file FILE (Jupyter does), or use 'jumpy kernel install'")
        }
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be in 1...256, got \(threads)") }
        Threads.set(threads ?? Threads.cores)
        do {
            let kernel = try Kernel(connection: ConnectionInfo(file: connectionFile))
            let code = kernel.run()
            if code != 0 { throw ExitCode(code) }
        } catch let error as ExitCode {
            throw error
        } catch {
            Subcommands.fail("kernel", "\(error)")
        }
    }

    /// `--user`, `--prefix DIR`, or neither (system-wide), as `jupyter kernelspec install`.
    struct Place: ParsableArguments {
        @Flag(help: "The user's Jupyter data directory (~/.local/share/jupyter, or $JUPYTER_DATA_DIR).")
        var user = false

        @Option(help: ArgumentHelp("DIR/share/jupyter (a virtual environment, or a JUPYTER_PATH).", valueName: "DIR"))
        var prefix: String?

        func validate() throws {
            if user && prefix != nil { throw ValidationError("give --user or --prefix, not both") }
        }

        var location: KernelSpec.Location {
            if user { return .user }
            if let prefix { return .prefix(Subcommands.absolute(prefix)) }
            return .system
        }
    }

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the kernelspec (kernel.json running this jumpy, and a logo); default: system-wide.")

        @OptionGroup var place: Place

        func run() throws {
            do {
                let directory = try KernelSpec.install(executable: Subcommands.executablePath, at: place.location)
                Subcommands.say("installed the jumpy kernel in \(directory)")
            } catch {
                Subcommands.fail("kernel install", "\(error)\(place.location == .system ? " (try --user)" : "")")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove the kernelspec that install wrote.")

        @OptionGroup var place: Place

        func run() throws {
            do {
                Subcommands.say("removed the jumpy kernel from \(try KernelSpec.remove(at: place.location))")
            } catch {
                Subcommands.fail("kernel remove", "\(error)")
            }
        }
    }
}
