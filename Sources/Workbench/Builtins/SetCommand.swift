import Tensor

extension Command {
    static let set = Command(
        "set", summary: "Change settings: threads, the default seed, the progress line",
        parameters: [
            .option(.threads), .option(.nextSeed), .option(.progress),
        ],
        example: "set threads=1 seed=0 progress=off",
        discussion: "With no arguments, set prints the current settings."
    ) { call in
        if let threads = call[.threads] { Threads.set(threads) }
        if let seed = call[.nextSeed] { call.interpreter.settings.nextSeed = seed }
        if let mode = call[.progress] { call.interpreter.settings.progress = mode }
        if call.arguments.isEmpty {
            let s = call.settings
            call.print("threads=\(s.threads) seed=\(s.nextSeed) progress=\(s.progress.rawValue)")
        }
        return .done
    }
}

// The options of set. Its seed is the shared seed's range, but never drawn from the session.
extension CommandOption where Value == Int? {
    fileprivate static var threads: Self {
        .integer("threads", in: 1...256,
                 help: "threads that training, evaluation and rollouts split batches across (results are reproducible per thread count)")
    }
    fileprivate static var nextSeed: Self {
        .integer("seed", in: seedRange, help: "the seed the next command without seed= receives (then +1 each)")
    }
}

extension CommandOption where Value == Settings.ProgressMode? {
    fileprivate static var progress: Self { .word("progress", help: "progress line on stderr: auto (only on a terminal), on, off") }
}
