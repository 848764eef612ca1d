import Foundation
import Learning
import Tensor

extension Invocation {
    /// The model bound to the variable `argument` names (declared `.variable`).
    func boundModel(_ argument: CommandArgument<String>) throws -> ModelValue {
        let name = self[argument]
        let value = interpreter.bindings[name]!.value
        guard case .object(let object as ModelValue) = value else {
            throw CommandError("'\(name)' is \(article(value.typeName)) \(value.typeName), not a model", argument: argument)
        }
        return object
    }

    /// A `[T, B, D]` tensor from a dataset (its `split`) or from trajectories.
    func sequences(_ argument: CommandArgument<Value>, split: String = "test") throws -> (tensor: Tensor, dataset: DatasetValue?) {
        switch self[argument] {
        case .object(let data as DatasetValue): return (split == "train" ? data.train : data.test, data)
        case .object(let trajectories as Trajectories): return (trajectories.tensor, nil)
        case let other:
            throw CommandError("expected a dataset or trajectories, got \(article(other.typeName)) \(other.typeName)", argument: argument)
        }
    }
}

/// Checks that a model fits the width of some data (`argument`: where the caret goes).
func requireFit<Value>(_ model: SequenceModel, _ data: Tensor, argument: CommandArgument<Value>) throws {
    guard data.shape[2] == model.configuration.observationWidth else {
        throw CommandError("the data has \(data.shape[2]) features per frame, the model reads \(model.configuration.observationWidth)",
                           argument: argument)
    }
}

extension Command {
    static let model = Command(
        "model", summary: "Make an untrained model sized for a dataset",
        parameters: [
            .argument(.kind),
            .argument(.dataset, help: "the dataset whose frames it reads"),
            .option(.hidden), .option(.rnn), .option(.cell), .option(.tau),
            .option(.seed, help: "seed of the initial weights"),
        ],
        returns: ModelValue.typeName,
        example: "net = model jumpy data hidden=64 seed=1",
        discussion: "The observation width (and the auxiliary columns of the shot task) come from the dataset."
    ) { call in
        let data = try call[.dataset]
        let hidden = call[.hidden]
        let configuration = ModelConfiguration(
            kind: call[.kind], cell: call[.cell],
            observationWidth: data.features, auxiliaryWidth: data.auxiliaryWidth, hidden: hidden,
            rnn: call[.rnn] ?? hidden, timeConstant: Float(call[.tau]))
        if let (field, problem) = configuration.invalidField {
            let argument: String
            switch field {
            case .hidden: argument = CommandOption<Int>.hidden.name
            case .rnn: argument = CommandOption<Int?>.rnn.name
            case .timeConstant: argument = CommandOption<Double>.tau.name
            case .observationWidth, .auxiliaryWidth: argument = CommandArgument<DatasetValue>.dataset.name
            }
            throw CommandError(problem, argument: argument)
        }
        let model = SequenceModel(configuration, seed: UInt64(call[.seed]))
        model.datasetName = data.world
        model.datasetSeed = data.seed.flatMap { UInt64(exactly: $0) }
        return .value(.object(ModelValue(model)))
    }

    static let train = Command(
        "train", summary: "Train a model by teacher forcing (Ctrl-C stops and keeps the steps done)",
        parameters: [
            .argument(.modelVariable),
            .argument(.dataset, help: "trains on data.train; evaluates on data.test"),
        ] + TrainingField.all.map(\.parameter),
        example: "train net data steps=200 batch=64",
        discussion: "Trains a copy: if training fails, the bound model is unchanged. Ctrl-C stops between steps; the model keeps the steps done and the session records steps=N. The loss printed (here and in the model's summary) is the mean of the last 20 steps' training loss. objective=rollout trains the model on its own predictions after the burn-in instead of the reference's teacher forcing; a jumpy model keeps the pieces its teacher forcing would choose."
    ) { call in
        let name = call[.modelVariable]
        let original = try call.boundModel(.modelVariable).model
        let data = try call[.dataset]
        try requireFit(original, data.train, argument: .dataset)
        guard data.train.shape[1] > 0 else { throw CommandError("the dataset has no training trajectories", argument: .dataset) }
        let burnIn = try call.burnIn(frames: data.frames)
        var options = TrainingOptions()
        for field in TrainingField.all { field.apply(call, &options) }
        options.teacherForcing.burnIn = burnIn
        let model = original.copy()
        if model.datasetName == nil { model.datasetName = data.world }
        var trainer = Trainer(model: model, options: options)
        var progress = call.progress(total: options.steps, label: "train \(name)", unit: "steps")
        let start = Date()
        let outcome = trainer.run(train: data.train, test: data.test, work: LongWork(isCancelled: call.interpreter.isInterruptRequested)) { p in
            progress.update(step: p.step, loss: p.lossDx)
            if let e = p.evaluation {
                call.print("  step \(e.step): test loss \(NumberFormat.significant(e.lossDx)), mean Δt \(NumberFormat.significant(e.meanDt, digits: 3))")
            }
        }
        progress.finish()
        let done = trainer.stepsTaken
        let seconds = Date().timeIntervalSince(start)
        if done > 0 {
            call.note("  \(done) steps in \(NumberFormat.significant(seconds, digits: 3)) s (\(NumberFormat.significant(Double(done) / max(seconds, 1e-9), digits: 3)) steps/s)")
        }
        let (loss, meanDt) = model.recentTraining() ?? (.nan, 1)
        var summary = "\(name): \(model.stepsTrained) steps, loss \(NumberFormat.significant(loss))"
        if model.kind == .jumpy { summary += ", mean Δt \(NumberFormat.significant(meanDt, digits: 3))" }
        var result = Outcome.summary(summary).updating(name, to: .object(ModelValue(model)))
            .reporting(ResultRow(name, ["steps": Double(model.stepsTrained), "loss": loss], timings: ["train s": seconds]))
        switch outcome {
        case .finished: break
        case .interrupted(let steps):
            call.print(outcome.message!)
            result = result.recording("steps", Double(steps))
        case .diverged:
            // The model keeps the steps before the bad one; the session records those.
            call.print(outcome.message!)
            result = result.recording("steps", Double(done))
        }
        return result
    }

    static let eval = Command(
        "eval", summary: "Teacher-forced and autoregressive error, ticks and Δt on a dataset",
        parameters: [
            .argument(.model), .argument(.data),
            .option(.split), .option(.burnIn),
        ],
        example: "eval net data"
    ) { call in
        let model = try call[.model].model
        let (data, _) = try call.sequences(.data, split: call[.split])
        try requireFit(model, data, argument: .data)
        let burnIn = try call.burnIn(frames: data.shape[0])
        let e = try call.evaluate(model, on: data, burnIn: burnIn, argument: .data)
        call.note("  \(NumberFormat.significant(e.rolloutsPerSecond, digits: 3)) rollouts/s")
        return Outcome.summary("tf mse \(NumberFormat.significant(e.teacherForcedMSE)), auto mse \(NumberFormat.significant(e.autoregressiveMSE)), "
                        + "ticks \(NumberFormat.significant(e.ticksPerTrajectory, digits: 4)) (\(NumberFormat.significant(e.ticksAfterBurnIn, digits: 4)) after burn-in), "
                        + "mean Δt \(NumberFormat.significant(e.meanDt, digits: 4))")
            .reporting(.evaluation(call.expressionTexts(.model).first ?? "model", e))
    }
}

// The positional arguments of model, train and eval (eval's model is shared: SharedOptions.swift).
extension CommandArgument where Value == ModelKind {
    fileprivate static var kind: Self { .word("kind", help: "rnn (ticks every frame), jumpy (the Jumpy RNN), odernn (ODE between ticks)") }
}

extension CommandArgument where Value == DatasetValue {
    fileprivate static var dataset: Self { .object("data", help: "the dataset") }
}

extension CommandArgument where Value == String {
    /// `train`'s model: the variable, which it rebinds to the trained model.
    fileprivate static var modelVariable: Self { .variable("model", help: "the model variable; rebound to the trained model") }
}

extension CommandArgument where Value == Workbench.Value {
    fileprivate static var data: Self { .value("data", of: ["dataset", "trajectories"], help: "a dataset (its test split) or trajectories") }
}

// The options of model and eval, defaults from Learning's types (train's: TrainingFields.swift;
// burnin and seed are shared: SharedOptions.swift).
extension CommandOption where Value == Int {
    fileprivate static var hidden: Self {
        .integer("hidden", in: 1...4096, default: ModelConfiguration.defaults.hidden, help: "width of the encoder and decoder")
    }
}

extension CommandOption where Value == Int? {
    fileprivate static var rnn: Self { .integer("rnn", in: 2...4096, help: "width of the recurrent state (even); the hidden width if not given") }
}

extension CommandOption where Value == CellKind {
    fileprivate static var cell: Self { .word("cell", default: ModelConfiguration.defaults.cell, help: "the recurrent cell") }
}

extension CommandOption where Value == Double {
    fileprivate static var tau: Self {
        .number("tau", in: 0.001...100, default: Double(shortest: ModelConfiguration.defaults.timeConstant),
                help: "time constant of the linear dynamics")
    }
}

extension CommandOption where Value == String {
    fileprivate static var split: Self { .word("split", ["test", "train"], default: "test", help: "which split of a dataset") }
}
