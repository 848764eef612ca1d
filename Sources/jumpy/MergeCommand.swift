import ArgumentParser
import Foundation
import Sweeps
import Tensor
import Workbench

/// `jumpy merge DIR`: the sweep's results as DIR/results.md and DIR/results.csv.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jumpy merge",
        abstract: "Gather a sweep's results into a markdown table and a CSV (mean ± spread over seeds).",
        discussion: "Prints the markdown table and writes DIR/results.md and DIR/results.csv. Points without a result are listed under the table.")

    @Argument(help: "The sweep directory.")
    var directory: String

    @Option(help: "The axis to average over (its values are the samples).")
    var over = "seed"

    @Flag(help: "Add the timings (train s, rollouts/s): wall-clock figures that do not replay.")
    var timings = false

    func run() throws {
        let path = Subcommands.absolute(directory)
        let merge: SweepMerge
        do { merge = try SweepMerge(try SweepDirectory(opening: path), over: over, timings: timings) } catch {
            Subcommands.fail("merge", "\(error)")
        }
        do {
            try AtomicFile.write(Data(merge.markdown.utf8), to: path + "/results.md")
            try AtomicFile.write(Data(merge.csv.utf8), to: path + "/results.csv")
        } catch {
            Subcommands.fail("merge", "cannot write the results into \(path): \(error)")
        }
        Subcommands.say(merge.markdown, terminator: "")
    }
}
