import ArgumentParser
import Foundation
import Tensor
import Workbench

/// `jumpy sweep FILE --out DIR`: a session template over a grid, one script per point, run
/// by GNU parallel (default), written as a Slurm job array (`--slurm`), or only written
/// (`--dry-run`).
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jumpy sweep",
        abstract: "Run a session template over a grid of values, with GNU parallel or Slurm.",
        discussion: """
            FILE's first statement names the grid (sweep kind=[rnn, jumpy] seed=0:3; ranges \
            exclude their stop); the lines after it use the values as {kind} and {seed}. DIR \
            gets a session script per point and a manifest; points whose result.json exists \
            are skipped (resume). Exit status: 0 every point done, 1 an error or a failed point.
            """)

    @Argument(help: "The sweep file (.jumpy).")
    var file: String

    @Option(help: "The directory for the points' scripts, results and checkpoints.")
    var out: String

    @Flag(help: "Write the scripts and the manifest; run nothing.")
    var dryRun = false

    @Flag(help: "Write DIR/sweep.slurm, a Slurm job array with one point per task, instead of running.")
    var slurm = false

    @Option(name: .customShort("j"), help: "Points at once (GNU parallel's -j: N, N%, +N; default: one per core). With --slurm: at most N tasks at once.")
    var jobs: String?

    @Option(help: "GNU parallel's --sshloginfile: run points on these machines too (jumpy built at the same path, DIR on a shared file system).")
    var sshloginfile: String?

    @Option(help: "GNU parallel's job log (default DIR/joblog).")
    var joblog: String?

    @Flag(help: "GNU parallel's --progress.")
    var progress = false

    @Option(help: "Slurm: CPUs per task.")
    var cpus = 1

    @Option(help: "Slurm: memory per task.")
    var mem = "2G"

    @Option(help: "Slurm: time limit per task.")
    var time = "04:00:00"

    @Option(help: "Slurm: partition.")
    var partition: String?

    @Option(help: "Slurm: a further #SBATCH option, e.g. --sbatch=--account=lab (repeatable).")
    var sbatch: [String] = []

    func validate() throws {
        if slurm && sshloginfile != nil { throw ValidationError("--sshloginfile is for GNU parallel, not --slurm") }
        if slurm, let jobs, Int(jobs) == nil { throw ValidationError("with --slurm, -j takes a number of tasks") }
    }

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else { Subcommands.fail("sweep", "cannot read \(file)") }
        let text = String(decoding: data, as: UTF8.self)
        let template: SweepTemplate
        do { template = try SweepTemplate(text: text, source: file) } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(1)
        }
        let directory = Subcommands.absolute(out)
        let sweep: SweepDirectory
        do { sweep = try SweepDirectory(writing: template, templateText: text, to: directory) } catch {
            Subcommands.fail("sweep", "\(error)")
        }
        let points = sweep.manifest.points.count
        Subcommands.say("wrote \(points) point script\(points == 1 ? "" : "s") and the manifest to \(directory)")
        if slurm { return try writeSlurm(sweep) }
        if dryRun {
            Subcommands.say("dry run: nothing run; \(sweep.unfinished.count) of \(points) points to run")
            return
        }
        let unfinished = sweep.unfinished
        if unfinished.count < points { Subcommands.say("\(points - unfinished.count) points done already: skipped") }
        if !unfinished.isEmpty {
            guard let parallel = Subcommands.which("parallel") else {
                Subcommands.fail("sweep", "GNU parallel is not installed (Debian: apt-get install parallel; make setup installs it)")
            }
            let options = Engines.ParallelOptions(jobs: jobs, joblog: joblog.map(Subcommands.absolute) ?? directory + "/joblog",
                                                  sshLoginFile: sshloginfile, progress: progress)
            let arguments = Engines.parallel(jumpy: Subcommands.executablePath, directory: directory,
                                             indices: unfinished.map(\.index), options: options)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: parallel)
            // --will-cite: parallel's one-time citation notice would otherwise wait on a terminal.
            process.arguments = ["--will-cite"] + arguments.dropFirst()
            do { try process.run() } catch { Subcommands.fail("sweep", "cannot start \(parallel): \(error)") }
            process.waitUntilExit()
        }
        let report = sweep.report()
        Subcommands.say(report.text)
        Subcommands.say("merge: jumpy merge \(directory)")
        if report.failed > 0 || sweep.unfinished.count > 0 { throw ExitCode(1) }
    }

    private func writeSlurm(_ sweep: SweepDirectory) throws {
        guard !sweep.path.contains(where: \.isWhitespace) else {
            Subcommands.fail("sweep", "--slurm needs a DIR without spaces (#SBATCH lines are not quoted): \(sweep.path)")
        }
        var options = Engines.SlurmOptions()
        options.cpusPerTask = cpus
        options.memory = mem
        options.time = time
        options.partition = partition
        options.throttle = jobs.flatMap { Int($0) }
        options.extra = sbatch
        let script = Engines.slurmScript(jumpy: Subcommands.executablePath, directory: sweep.path,
                                         points: sweep.manifest.points.count, options: options)
        let path = sweep.path + "/sweep.slurm"
        do {
            try FileManager.default.createDirectory(atPath: sweep.path + "/slurm", withIntermediateDirectories: true)
            try AtomicFile.write(Data(script.utf8), to: path)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        } catch {
            Subcommands.fail("sweep", "cannot write \(path): \(error)")
        }
        Subcommands.say("wrote \(path): submit with sbatch \(path)")
    }
}

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
