import Physics
import Tensor

extension Command {
    static let dataset = Command(
        "dataset", summary: "Generate train and test trajectories of a world",
        parameters: [
            .argument(.world),
            .option(.trajectories), .option(.seed, help: "the generator's seed"), .option(.trainingFraction),
            .option(.radius), .option(.balls), .option(.datasetStart), .option(.datasetPhysics),
        ],
        returns: DatasetValue.typeName,
        example: "data = dataset billiards2d n=2000 seed=0",
        discussion: """
            Tensors are [time, batch, features]: data.train, data.test, data.test[0].
            Worlds: lines, circles (curves); billiards1d, billiards2d (ball positions); pixels1d, \
            pixels2d (28x28 frames); shots (the planning task, with two action columns).
            Shots start as start= says: mixed by default, b829b2b's reset of greydanus/billiards (both balls at \
            rest in 20% of trajectories, the data the blog's models learned from). physics= is the law of the \
            simulation steps: reference (greydanus/billiards' own fixed steps of 0.01, the blog's; shots' default) \
            or exact (event-driven; the other worlds' default).
            """
    ) { call in
        // The names and words are checked here; the ranges that depend on the world by Physics.
        let world = call[.world]
        let options = DatasetOptions(n: call[.trajectories], seed: UInt64(call[.seed]), split: call[.trainingFraction],
                                     radius: call[.radius], balls: call[.balls],
                                     start: call[.datasetStart], physics: call[.datasetPhysics])
        var progress = call.progress(total: call[.trajectories], label: "dataset \(world)", unit: "trajectories")
        defer { progress.finish() }
        let interrupted = call.interpreter.isInterruptRequested
        do throws(PhysicsError) {
            let work = LongWork(report: { done, _ in progress.update(step: done) }, isCancelled: interrupted)
            let dataset = try Dataset.generate(world, options: options, work: work)
            return .value(.object(DatasetValue(dataset)))
        } catch {
            throw CommandError(error.description, argument: error.argument)
        }
    }
}

extension PhysicsError {
    /// The `dataset` argument an error is about, for the caret.
    var argument: String {
        switch self {
        case .unknownOption(let name, _, _): return name
        case .inapplicableOption(let name, _, _, _): return name
        case .outOfRange(let option, _, _): return option
        case .tooLarge: return "n"
        case .radiusTooLarge: return "radius"
        case .emptySplit: return "split"
        case .interrupted: return CommandArgument<DatasetKind>.world.name
        }
    }
}

// The positional argument of dataset.
extension CommandArgument where Value == DatasetKind {
    fileprivate static var world: Self { .word("world", help: "the world to simulate") }
}

// The options of dataset (seed is shared: SharedOptions.swift).
extension CommandOption where Value == Int {
    fileprivate static var trajectories: Self {
        .integer("n", in: 1...DatasetOptions.maximumN, default: DatasetOptions.defaultN, help: "trajectories, train and test together")
    }
}

extension CommandOption where Value == Double {
    fileprivate static var trainingFraction: Self {
        .number("split", in: 0...1, default: DatasetOptions().split, help: "fraction of trajectories for training, exclusive of 0 and 1")
    }
}

extension CommandOption where Value == Double? {
    fileprivate static var radius: Self { .number("radius", in: nil, help: "ball radius in ball worlds, 0.1 if not given") }
}

extension CommandOption where Value == Int? {
    fileprivate static var balls: Self {
        .integer("balls", in: DatasetOptions.ballRange.lowerBound...DatasetOptions.ballRange.upperBound,
                 help: "number of balls in ball worlds, 2 if not given")
    }
}

// start= and physics= of dataset: absent unless given, since the world decides whether they
// apply and what they default to (plan and shot declare theirs in SharedOptions.swift).
extension CommandOption where Value == ShotStart? {
    fileprivate static var datasetStart: Self {
        .word("start", help: "how the balls start, in shots only; mixed if not given")
    }
}

extension CommandOption where Value == BallPhysics? {
    fileprivate static var datasetPhysics: Self {
        .word("physics", help: "the law of the steps, in ball worlds and shots; reference for shots, exact for the others if not given")
    }
}
