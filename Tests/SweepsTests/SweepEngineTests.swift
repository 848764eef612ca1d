import Foundation
import Testing
import TestSupport
@testable import Sweeps
@testable import Workbench

/// The engines, for real: the issue's 2 × 2 grid through GNU parallel and the `jumpy`
/// binary, and the Slurm job-array script checked by `bash -n` and run task by task with
/// the variables Slurm sets (Slurm itself is not needed: scripts/slurm-single-node.sh
/// runs the same grid through sbatch).
@Suite(.serialized) struct SweepEngineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let smallSweep = root.appendingPathComponent("sessions/small-sweep.jumpy").path

    func jumpy(_ arguments: [String], in directory: String) throws -> Subprocess.Result {
        let binary = try #require(JumpyExecutable.path(), "build the jumpy product first")
        return Subprocess.run(binary, arguments, directory: directory)
    }

    @Test func smallGridRunsUnderGNUParallelResumesAndMerges() throws {
        #expect(Subprocess.run("sh", ["-c", "command -v parallel"]).status == 0, "GNU parallel is missing: make setup installs it")
        let directory = TemporaryDirectory()
        let run = try jumpy(["sweep", Self.smallSweep, "--out", "out", "-j", "2"], in: directory.root)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.hasPrefix("wrote 4 point scripts and the manifest to \(directory.path("out"))\n"))
        // --keep-order: the points report in order whatever order they finish in.
        let reports = run.stdout.split(separator: "\n").filter { $0.hasPrefix("point ") }
        #expect(reports.map { $0.prefix(while: { $0 != ":" }) } == ["point 0 (kind=rnn seed=0)", "point 1 (kind=rnn seed=1)",
                                                                   "point 2 (kind=jumpy seed=0)", "point 3 (kind=jumpy seed=1)"])
        #expect(run.stdout.contains("\n4 points: 4 done\n"))
        for point in directory.listing("out/points") {
            #expect(directory.listing("out/points/" + point) == ["log.txt", "m.optimizer.safetensors", "m.safetensors", "point.jumpy", "recorded.jumpy", "result.json"])
        }
        // parallel's own job log: a header and one line per point, each exit 0.
        let joblog = try String(contentsOfFile: directory.path("out/joblog"), encoding: .utf8).split(separator: "\n")
        #expect(joblog.count == 5)
        #expect(joblog.dropFirst().allSatisfy { $0.split(separator: "\t")[6] == "0" })

        // Each point's scripts work on their own: the recorded session passes --check.
        let point = directory.path("out/points/002-kind=jumpy-seed=0")
        let check = try jumpy(["--check", "recorded.jumpy"], in: point)
        #expect(check.status == 0, "\(check.stderr)")
        let replay = try jumpy(["point.jumpy"], in: point)
        #expect(replay.status == 0)
        #expect(replay.stdout.hasPrefix("d: dataset lines: train [21, 90, 2], test [21, 10, 2]\nm: jumpy gru model"))

        // A rerun skips finished points and leaves their results alone.
        let before = directory.contents("out/points/000-kind=rnn-seed=0/result.json")
        let again = try jumpy(["sweep", Self.smallSweep, "--out", "out"], in: directory.root)
        #expect(again.status == 0)
        #expect(again.stdout.contains("4 points done already: skipped\n4 points: 4 done\n"))
        #expect(directory.contents("out/points/000-kind=rnn-seed=0/result.json") == before)

        let merge = try jumpy(["merge", "out"], in: directory.root)
        #expect(merge.status == 0, "\(merge.stderr)")
        let lines = merge.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0] == "| kind | n | steps | loss | tf mse | auto mse | ticks | after burn-in | mean Δt |")
        #expect(lines[2].hasPrefix("| rnn | 2 | 5 ± 0 | "))
        #expect(lines[3].hasPrefix("| jumpy | 2 | 5 ± 0 | "))
        #expect(directory.contents("out/results.md").map { String(decoding: $0, as: UTF8.self) } == merge.stdout)
        #expect(directory.listing("out").contains("results.csv"))
    }

    /// `--sshloginfile` reaches parallel: a login file naming only this machine (`:`) with one
    /// job slot runs the points one after another, as the job log shows.
    @Test func sshLoginFileIsPassedToParallel() throws {
        let directory = TemporaryDirectory()
        try "1/:\n".write(toFile: directory.path("hosts"), atomically: true, encoding: .utf8)
        let run = try jumpy(["sweep", Self.smallSweep, "--out", "out", "--sshloginfile", "hosts"], in: directory.root)
        #expect(run.status == 0, "\(run.stderr)")
        let jobs = try String(contentsOfFile: directory.path("out/joblog"), encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) } }
        #expect(jobs.count == 4)
        #expect(jobs.allSatisfy { $0[1] == ":" })
        for (job, next) in zip(jobs, jobs.dropFirst()) {
            #expect(Double(next[2])! >= Double(job[2])! + Double(job[3])! - 0.002, "jobs overlapped with one slot")
        }
    }

    @Test func dryRunWritesAndRunsNothing() throws {
        let directory = TemporaryDirectory()
        let run = try jumpy(["sweep", Self.smallSweep, "--out", "out", "--dry-run"], in: directory.root)
        #expect(run.status == 0)
        #expect(run.stdout.hasSuffix("dry run: nothing run; 4 of 4 points to run\n"))
        #expect(directory.listing("out/points/003-kind=jumpy-seed=1") == ["point.jumpy"])
        let merge = try jumpy(["merge", "out"], in: directory.root)
        #expect(merge.status == 1)
        #expect(merge.stderr == "jumpy merge: no results in \(directory.path("out")) yet: 4 points: 0 done, 4 not run\n")
    }

    @Test func badInputGetsACaretOrNamesTheDirectory() throws {
        let directory = TemporaryDirectory()
        try "sweep kind=[rnn, jumpy] seed=0:2\nm = model {knd} d\n".write(toFile: directory.path("bad.jumpy"), atomically: true, encoding: .utf8)
        let bad = try jumpy(["sweep", "bad.jumpy", "--out", "out"], in: directory.root)
        #expect(bad.status == 1)
        #expect(bad.stderr == """
            bad.jumpy:2:11: error: unknown placeholder '{knd}': the sweep's axes are kind, seed; did you mean 'kind'?
              m = model {knd} d
                        ^~~~~

            """)
        #expect(directory.listing() == ["bad.jumpy"])   // nothing written
        let file = try jumpy(["sweep", Self.smallSweep, "--out", "bad.jumpy"], in: directory.root)
        #expect(file.status == 1)
        #expect(file.stderr == "jumpy sweep: --out \(directory.path("bad.jumpy")) is a file, not a directory\n")
        let merge = try jumpy(["merge", "nowhere"], in: directory.root)
        #expect(merge.stderr.hasPrefix("jumpy merge: \(directory.path("nowhere")) is not a sweep directory"))
    }

    @Test func slurmScriptPassesBashAndRunsTaskByTask() throws {
        let directory = TemporaryDirectory()
        let run = try jumpy(["sweep", Self.smallSweep, "--out", "out", "--slurm", "--mem", "1G", "--time", "00:10:00",
                             "--partition", "debug", "--sbatch=--account=lab", "-j", "2"], in: directory.root)
        #expect(run.status == 0, "\(run.stderr)")
        let script = directory.path("out/sweep.slurm")
        #expect(run.stdout.hasSuffix("wrote \(script): submit with sbatch \(script)\n"))
        let text = try String(contentsOfFile: script, encoding: .utf8)
        for line in ["#SBATCH --array=0-3%2", "#SBATCH --mem=1G", "#SBATCH --time=00:10:00", "#SBATCH --cpus-per-task=1",
                     "#SBATCH --partition=debug", "#SBATCH --account=lab", "#SBATCH --output=\(directory.path("out"))/slurm/%A_%a.out"] {
            #expect(text.contains(line + "\n"), "missing \(line)")
        }
        #expect(Subprocess.run("bash", ["-n", script]).status == 0)
        #expect(directory.listing("out").contains("slurm"))

        // Outside Slurm the script refuses, and runs nothing.
        let outside = Subprocess.run("env", ["-u", "SLURM_ARRAY_TASK_ID", "bash", script])
        #expect(outside.status != 0)
        #expect(outside.stderr.contains("SLURM_ARRAY_TASK_ID"))
        #expect(!directory.listing("out/points/000-kind=rnn-seed=0").contains("result.json"))

        // Each array task as Slurm starts it.
        for task in 0..<4 {
            let environment = ["SLURM_ARRAY_TASK_ID=\(task)", "SLURM_ARRAY_JOB_ID=77", "SLURM_JOB_ID=\(78 + task)",
                               "SLURM_ARRAY_TASK_COUNT=4", "SLURM_ARRAY_TASK_MIN=0", "SLURM_ARRAY_TASK_MAX=3",
                               "SLURM_CPUS_PER_TASK=1", "SLURM_JOB_NAME=jumpy-sweep"]
            let result = Subprocess.run("env", environment + ["bash", script], directory: directory.root)
            #expect(result.status == 0, "task \(task): \(result.stderr)")
            #expect(result.stdout.hasPrefix("jumpy sweep task \(task) of job 77 on "))
        }
        let sweep = try SweepDirectory(opening: directory.path("out"))
        #expect(sweep.report().text == "4 points: 4 done")
        // A task whose point is done exits 0 at once (a resubmitted array resumes).
        let rerun = Subprocess.run("env", ["SLURM_ARRAY_TASK_ID=1", "bash", script])
        #expect(rerun.stdout.contains("point 1 (kind=rnn seed=1): done already, skipped"))
    }

    @Test func shippedSweepFilesAreValid() throws {
        for name in ["small-sweep", "paper-sweep"] {
            let path = Self.root.appendingPathComponent("sessions/\(name).jumpy").path
            let template = try SweepTemplate(text: try String(contentsOfFile: path, encoding: .utf8), source: path)
            #expect(template.points.count == (name == "small-sweep" ? 4 : 45))
        }
        let paper = try SweepTemplate(text: try String(contentsOfFile: Self.root.appendingPathComponent("sessions/paper-sweep.jumpy").path,
                                                        encoding: .utf8), source: "paper")
        #expect(paper.axes.map(\.name) == ["data", "kind", "seed"])
        #expect(paper.script(for: paper.points[44]).contains("train m d steps=25000 batch=256 lr=0.001 seed=2\n"))
    }
}
