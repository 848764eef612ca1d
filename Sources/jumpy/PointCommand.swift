import ArgumentParser
import Foundation
import Sweeps
import Workbench

/// `jumpy point DIR N`: runs grid point N of a sweep directory (what parallel and Slurm call).
struct PointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jumpy point",
        abstract: "Run one point of a sweep directory (GNU parallel and Slurm tasks call this).",
        discussion: "Skips a point whose result.json exists. Exit status: 0 done or skipped, 1 failed.")

    @Argument(help: "The sweep directory.")
    var directory: String

    @Argument(help: "The point's index (the Slurm array task id).")
    var index: Int

    func run() throws {
        let sweep: SweepDirectory
        do { sweep = try SweepDirectory(opening: Subcommands.absolute(directory)) } catch {
            Subcommands.fail("point", "\(error)")
        }
        guard let point = sweep.manifest.points.first(where: { $0.index == index }) else {
            Subcommands.fail("point", "\(directory) has points 0...\(sweep.manifest.points.count - 1), not \(index)")
        }
        // Relative paths in the session (save m "m.safetensors") land beside its script.
        guard FileManager.default.changeCurrentDirectoryPath(sweep.directory(of: point)) else {
            Subcommands.fail("point", "cannot enter \(sweep.directory(of: point))")
        }
        Interrupt.install()
        let ending: PointRunner.Ending
        do { ending = try PointRunner.run(point, in: sweep) } catch { Subcommands.fail("point", "\(error)") }
        let name = "point \(point.index) (\(point.label))"
        switch ending {
        case .skipped: Subcommands.say("\(name): done already, skipped")
        case .done(let seconds): Subcommands.say("\(name): done in \(NumberFormat.significant(seconds, digits: 3)) s")
        case .failed(let why):
            Subcommands.say("\(name): failed: \(why)")
            throw ExitCode(1)
        }
    }
}
