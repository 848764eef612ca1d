/// The command lines that hand a sweep's points to an existing engine: GNU parallel on this
/// machine (or others over SSH), or a Slurm job array. Each runs `jumpy point DIR N`, which
/// skips a point whose result exists, so a rerun resumes.
public enum Engines {
    /// Single quotes for the shell: `it's` becomes `'it'\''s'`.
    public static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    public struct ParallelOptions: Sendable {
        /// `-j`: jobs at once (nil: parallel's default, one per core).
        public var jobs: String?
        public var joblog: String
        public var sshLoginFile: String?
        public var progress = false

        public init(jobs: String? = nil, joblog: String, sshLoginFile: String? = nil, progress: Bool = false) {
            self.jobs = jobs
            self.joblog = joblog
            self.sshLoginFile = sshLoginFile
            self.progress = progress
        }
    }

    /// `parallel --joblog … 'JUMPY' point 'DIR' {} ::: 0 1 2 3`. Paths must be absolute and
    /// the same on every machine of an SSH login file (a shared file system).
    public static func parallel(jumpy: String, directory: String, indices: [Int], options: ParallelOptions) -> [String] {
        var arguments = ["parallel", "--joblog", options.joblog, "--halt", "never", "--keep-order"]
        if let jobs = options.jobs { arguments += ["--jobs", jobs] }
        if let file = options.sshLoginFile { arguments += ["--sshloginfile", file] }
        if options.progress { arguments.append("--progress") }
        // One command string: parallel hands it to a shell, here or on the remote machine.
        arguments.append("\(shellQuoted(jumpy)) point \(shellQuoted(directory)) {}")
        arguments.append(":::")
        arguments += indices.map(String.init)
        return arguments
    }

    public struct SlurmOptions: Sendable {
        public var jobName = "jumpy-sweep"
        public var cpusPerTask = 1
        public var memory = "2G"
        public var time = "04:00:00"
        public var partition: String?
        /// `%N` on the array: at most N tasks at once.
        public var throttle: Int?
        /// Further `#SBATCH` lines, as given (`--account=lab`).
        public var extra: [String] = []

        public init() {}
    }

    /// A job-array script with one task for each point (`--array=0-N`). Slurm sets
    /// `SLURM_ARRAY_TASK_ID`; the script refuses to run without it.
    public static func slurmScript(jumpy: String, directory: String, points: Int, options: SlurmOptions) -> String {
        var lines = ["#!/bin/bash",
                     "# A jumpy sweep as a Slurm job array: one grid point per task.",
                     "# Submit: sbatch \(shellQuoted(directory + "/sweep.slurm"))   merge: jumpy merge \(shellQuoted(directory))",
                     "#SBATCH --job-name=\(options.jobName)",
                     "#SBATCH --array=0-\(points - 1)" + (options.throttle.map { "%\($0)" } ?? ""),
                     "#SBATCH --ntasks=1",
                     "#SBATCH --cpus-per-task=\(options.cpusPerTask)",
                     "#SBATCH --mem=\(options.memory)",
                     "#SBATCH --time=\(options.time)",
                     // #SBATCH lines are not shell: no quotes, so the path must have no spaces.
                     "#SBATCH --output=\(directory)/slurm/%A_%a.out"]
        if let partition = options.partition { lines.append("#SBATCH --partition=\(partition)") }
        lines += options.extra.map { "#SBATCH " + $0 }
        lines += ["set -euo pipefail",
                  "task=\"${SLURM_ARRAY_TASK_ID:?run me with sbatch (or set SLURM_ARRAY_TASK_ID)}\"",
                  "echo \"jumpy sweep task $task of job ${SLURM_ARRAY_JOB_ID:-?} on $(hostname)\"",
                  "exec \(shellQuoted(jumpy)) point \(shellQuoted(directory)) \"$task\""]
        return lines.joined(separator: "\n") + "\n"
    }
}
