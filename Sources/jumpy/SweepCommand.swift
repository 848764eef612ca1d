import ArgumentParser
import Foundation
import Sweeps
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
