import Tensor

extension Command {
    static let set = Command(
        "set", summary: "Change settings: threads, the default seed, the progress line",
        parameters: [
            .option("threads", .integer(1...256), help: "threads that training, evaluation and rollouts split batches across (results are reproducible per thread count)"),
            .option("seed", .integer(0...(1 << 53)), help: "the seed the next command without seed= receives (then +1 each)"),
            .option("progress", .word(Settings.ProgressMode.allCases.map(\.rawValue)),
                    help: "progress line on stderr: auto (only on a terminal), on, off"),
        ],
        example: "set threads=1 seed=0 progress=off",
        discussion: "With no arguments, set prints the current settings."
    ) { call in
        if let threads = call.optionalInt("threads") { Threads.set(threads) }
        if let seed = call.optionalInt("seed") { call.interpreter.settings.nextSeed = seed }
        if let mode = call.optionalString("progress") {
            call.interpreter.settings.progress = Settings.ProgressMode(rawValue: mode)!
        }
        if call.arguments.isEmpty {
            let s = call.settings
            call.print("threads=\(s.threads) seed=\(s.nextSeed) progress=\(s.progress.rawValue)")
        }
        return .done
    }
}
