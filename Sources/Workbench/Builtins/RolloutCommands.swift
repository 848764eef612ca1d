import Foundation
import Learning
import Plotting
import Tensor

extension Command {
    static let rollout = Command(
        "rollout", summary: "Roll a model out on trajectories: teacher forced through the burn-in, then on its own",
        parameters: [
            .argument(.model), .argument(.data),
            .option(.burnIn, help: "frames read from the data"), .option(.constantDt),
        ],
        returns: RolloutValue.typeName,
        example: "r = rollout net data.test[0:4]",
        discussion: "A jumpy rollout stops ticking once its pieces cover the last frame. export r \"r.npy\" writes the frame grid."
    ) { call in
        let model = try call[.model].model
        let (data, dataset) = try call.sequences(.data)
        try requireFit(model, data, argument: .data)
        let options = RolloutOptions(burnIn: try call.burnIn(frames: data.shape[0]), constantDt: call[.constantDt].map(Float.init))
        // The world goes along so pictures of the rollout can draw the right view.
        var scene = dataset.map(Scene.init)
        if case .object(let trajectories as Trajectories) = call[.data] { scene = trajectories.scene }
        let rollout = try call.rollout(model, on: data, options: options, argument: .data)
        return .value(.object(RolloutValue(rollout, truth: data, scene: scene)))
    }

    static let interpolate = Command(
        "interpolate", summary: "The rollout's state at any real times",
        parameters: [
            .argument(.rollout), .argument(.times),
        ],
        returns: Trajectories.typeName,
        example: "x = interpolate r 0:20:0.25"
    ) { call in
        let rollout = try call[.rollout].rollout
        var times: [Double]
        switch call[.times] {
        case .number(let t): times = [t]
        case .list(let items):
            times = try items.map { item in
                guard case .number(let t) = item else { throw CommandError("times must be numbers", argument: .times) }
                return t
            }
        case .range(let range):
            guard range.count <= 100_000 else {
                throw CommandError("\(range.description) has \(Printer.number(range.count)) times; at most 100000", argument: .times)
            }
            times = range.values
        default: throw CommandError("times must be a number, a list or a range", argument: .times)
        }
        guard !times.isEmpty else { throw CommandError("no times to interpolate at", argument: .times) }
        guard times.count <= 100_000 else { throw CommandError("\(times.count) times is too many (at most 100000)", argument: .times) }
        // Up to T: the last piece extends past the last frame, so 0:45:0.25 on 45 frames works.
        if let bad = times.first(where: { !$0.isFinite || $0 < 0 || $0 > Double(rollout.frames) }) {
            throw CommandError("time \(Printer.number(bad)) is outside the rollout's 0…\(rollout.frames)", argument: .times)
        }
        return .value(.object(Trajectories(rollout.interpolate(at: times.map(Float.init)), origin: "interpolation")))
    }

    static let compare = Command(
        "compare", summary: "Compare models on one dataset, as the paper's table (or plan evaluations)",
        parameters: [
            .argument(.items),
            .option(.burnIn), .option(.figure),
        ],
        example: "compare base net data"
    ) { call in
        let items = call[.items]
        let expressions = call.expressionTexts(.items)
        let plans = zip(items, expressions).compactMap { item, text -> (text: String, plans: PlansValue)? in
            if case .object(let p as PlansValue) = item { return (text, p) } else { return nil }
        }
        if !plans.isEmpty {
            guard plans.count == items.count else {
                throw CommandError("compare takes either models and data, or plan evaluations, not both", argument: .items)
            }
            if let path = call[.figure] {
                _ = try PictureFile.format(of: path, allowed: [.png, .svg], argument: CommandOption<String?>.figure.name)
                let outcome = try PlanComparison.run(call, plans)
                let target = call.writingPath(path)
                try PictureFile.write(Views.budgetCurves(plans.map { ($0.text, $0.plans.evaluation) }), to: target,
                                      argument: CommandOption<String?>.figure.name)
                call.print("wrote \(path)")
                call.display(file: target)
                return outcome
            }
            return try PlanComparison.run(call, plans)
        }
        var models: [(String, SequenceModel)] = []
        var data: Tensor?
        for (item, text) in zip(items, expressions) {
            switch item {
            case .object(let m as ModelValue): models.append((text, m.model))
            case .object(let d as DatasetValue): data = d.test
            case .object(let t as Trajectories): data = t.tensor
            default: break
            }
        }
        guard let data else { throw CommandError("compare needs a dataset or trajectories after the models", argument: .items) }
        guard !models.isEmpty else { throw CommandError("compare needs at least one model", argument: .items) }
        for (_, model) in models { try requireFit(model, data, argument: .items) }
        if let path = call[.figure] { _ = try PictureFile.format(of: path, allowed: [.png, .svg], argument: CommandOption<String?>.figure.name) }
        let burnIn = try call.burnIn(frames: data.shape[0])
        var comparison = Comparison(models: [], data: data)
        for (name, model) in models {
            // Ctrl-C between models, or within one (its evaluation is dropped): the table
            // shows the models done.
            guard !call.isInterrupted, let evaluation = try? call.evaluate(model, on: data, burnIn: burnIn, argument: .items, label: "compare \(name)") else {
                call.print("interrupted after \(comparison.rows.count) of \(models.count) models")
                break
            }
            comparison.rows.append((name, evaluation))
        }
        guard !comparison.rows.isEmpty else { return .done }
        if let path = call[.figure] {
            let evaluated = models.filter { model in comparison.rows.contains { $0.name == model.0 } }.map(\.1)
            let target = call.writingPath(path)
            try PictureFile.write(Views.comparison(comparison.rows, models: evaluated, data: data, burnIn: burnIn),
                                  to: target, argument: CommandOption<String?>.figure.name)
            call.note("wrote \(path)")
            call.display(file: target)
        }
        // The table's figures replay exactly; rollouts/s (a timing) goes to stderr.
        call.print(comparison.text(includingTimings: false))
        call.note("  rollouts/s: " + comparison.rows.map { "\($0.name) \(NumberFormat.significant($0.evaluation.rolloutsPerSecond, digits: 3))" }
                    .joined(separator: ", "))
        let best = comparison.rows.min { $0.evaluation.autoregressiveMSE < $1.evaluation.autoregressiveMSE }!
        let fewest = comparison.rows.min { $0.evaluation.ticksPerTrajectory < $1.evaluation.ticksPerTrajectory }!
        var outcome = Outcome.summary("lowest auto mse: \(best.name) (\(NumberFormat.significant(best.evaluation.autoregressiveMSE))); "
                                      + "fewest ticks: \(fewest.name) (\(NumberFormat.significant(fewest.evaluation.ticksPerTrajectory, digits: 4)))")
        outcome.figures = comparison.rows.map { ResultRow.evaluation($0.name, $0.evaluation) }
        return outcome
    }
}

// The positional arguments of rollout, interpolate and compare (rollout's model is shared:
// SharedOptions.swift).
extension CommandArgument where Value == Workbench.Value {
    fileprivate static var data: Self {
        .value("data", of: ["trajectories", "dataset"], help: "trajectories such as data.test[0:8] (a dataset means its test split)")
    }
    fileprivate static var times: Self {
        .value("times", of: ["range", "list", "number"], help: "times in frames: 17.3, [1, 2.5], or 0:45:0.25")
    }
}

extension CommandArgument where Value == RolloutValue {
    fileprivate static var rollout: Self { .object("rollout", help: "a rollout") }
}

extension CommandArgument where Value == [Workbench.Value] {
    /// Internal: the plan comparison (PlanCommand.swift) puts its caret here too.
    static var items: Self {
        .values("items", of: ["model", "dataset", "trajectories", "plans"],
                help: "the models, then the dataset (its test split) or trajectories; or plan evaluations")
    }
}

// The options of rollout and compare (burnin is shared: SharedOptions.swift).
extension CommandOption where Value == Double? {
    fileprivate static var constantDt: Self { .number("dt", in: 0.01...10_000, help: "a constant Δt instead of the predicted one") }
}

extension CommandOption where Value == String? {
    fileprivate static var figure: Self {
        .path("figure", help: "also draw ticks against error, one point a model (plans: success against budget) (.png, .svg)")
    }
}
