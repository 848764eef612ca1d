import Physics
import Learning

/// Options several commands take, each declared here once: one type, one range, one check.
/// A command may reword the help (`.option(.seed, help: "the episode")`) or pick its own
/// default (`play`'s `fps`), never its own range. `OptionConsistencyTests` holds every
/// command of the standard table to this.

/// Seeds fit a Double exactly (the language's numbers) and a UInt64 (the generators').
let seedRange = 0...Int(1 << 53)

extension CommandOption where Value == Int {
    /// `seed=`: the session's next seed when left out, written into the recorded statement.
    public static var seed: Self { .seeded("seed", in: seedRange, help: "the seed") }

    /// `burnin=`: frames read from the data before the model runs on its own. Besides its
    /// range, it must leave two frames of the data after it: `Invocation.burnIn(frames:)`.
    public static var burnIn: Self {
        .integer("burnin", in: 1...1000, default: RolloutOptions().burnIn, help: "frames read before rolling out")
    }

    /// `trajectory=`: which trajectory a picture shows.
    public static var trajectory: Self { .integer("trajectory", in: 0...10_000_000, default: 0, help: "which trajectory") }

    /// `fps=`: frames a second of an animation as it plays (a GIF's delay, `play`'s pace).
    public static var fps: Self { .integer("fps", in: 1...50, default: 20, help: "animation frames a second as it plays") }

    /// `slow=`: animation frames per data frame (the in-between ones from the model's
    /// interpolation): 4 at 20 frames a second plays 5 data frames a second.
    public static var slow: Self { .integer("slow", in: 1...16, default: 4, help: "animation frames per data frame") }
}

// `start=` and `physics=`: how a shot-task episode starts and which law moves its balls. `plan`
// and `shot` play episodes and default to the task's (at rest, the reference's law: the
// blog's); `dataset` declares its own, absent unless given (DatasetCommand.swift), because
// the world decides whether they apply and what they default to.
extension CommandOption where Value == ShotStart {
    public static var start: Self {
        .word("start", default: ShotTask().start,
              help: "how the balls start: rest, both still until the shot (the blog's task); moving; or mixed, at rest in 20% of episodes")
    }
}

extension CommandOption where Value == BallPhysics {
    public static var physics: Self {
        .word("physics", default: ShotTask().physics,
              help: "the simulator's law: reference, greydanus/billiards' fixed steps of 0.01; or exact, event-driven")
    }
}

extension Invocation {
    /// The shot task as `start=` and `physics=` say.
    var shotTask: ShotTask { ShotTask(start: self[.start], physics: self[.physics]) }
}

extension Invocation {
    /// `burnin=`, checked against data of `frames` frames. Training, evaluation and rollouts
    /// all take the same rule: at least two frames after the burn-in (a change to predict
    /// and a frame to score it against).
    func burnIn(frames: Int) throws -> Int {
        let burnIn = self[.burnIn]
        guard burnIn < frames - 1 else {
            throw CommandError("burnin must be below \(frames - 1): the data has \(frames) frames, and two must follow the burn-in",
                               argument: CommandOption<Int>.burnIn.name)
        }
        return burnIn
    }
}

// MARK: - Positional arguments several commands take
//
// Each command words the help for itself (`.argument(.path, help: "the .gif to write")`); the
// type, and so the Swift type the handler reads, is the declaration's.

extension CommandArgument where Value == String {
    /// `path`: a file to read or write (`save`, `load`, `export`, `animate`, `run`).
    public static var path: Self { .path("path", help: "the file") }
}

extension CommandArgument where Value == String? {
    /// `path` that may be left out (`plot`: the terminal instead of a file).
    public static var optionalPath: Self { .path("path", help: "the file, if any") }
}

extension CommandArgument where Value == Workbench.Value {
    /// `value`: any value, which the command takes apart (`save`, `export`, `show`).
    public static var value: Self { .value("value", of: [], help: "the value") }
}

extension CommandArgument where Value == ModelValue {
    /// `model`: a model value (`eval`, `rollout`; `train` takes the variable, to rebind it).
    public static var model: Self { .object("model", help: "the model") }
}
