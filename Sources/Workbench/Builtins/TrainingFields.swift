import Learning

/// One of `train`'s options and the `TrainingOptions` field it sets. The option's default is
/// the field's (stated once, in Learning), and `apply` copies the value given into the field,
/// so the handler fills its options in one loop instead of field by field.
struct TrainingField: Sendable {
    let parameter: CommandParameter
    let apply: @Sendable (Invocation, inout TrainingOptions) -> Void

    static func integer(_ name: String, in range: ClosedRange<Int>,
                        _ field: WritableKeyPath<TrainingOptions, Int> & Sendable, help: String) -> Self {
        let option = CommandOption<Int>.integer(name, in: range, default: TrainingOptions()[keyPath: field], help: help)
        return Self(parameter: .option(option)) { call, options in options[keyPath: field] = call[option] }
    }

    static func number(_ name: String, in range: ClosedRange<Double>,
                       _ field: WritableKeyPath<TrainingOptions, Float> & Sendable, help: String) -> Self {
        let option = CommandOption<Double>.number(name, in: range, default: Double(shortest: TrainingOptions()[keyPath: field]), help: help)
        return Self(parameter: .option(option)) { call, options in options[keyPath: field] = Float(call[option]) }
    }

    /// Declared here for its place among the others; the handler sets the field itself.
    static func declared(_ parameter: CommandParameter) -> Self { Self(parameter: parameter) { _, _ in } }

    /// `train`'s options in their declared order (the order a recorded statement writes them).
    static let all: [TrainingField] = [
        .integer("steps", in: 0...10_000_000, \.steps, help: "optimizer steps"),
        .integer("batch", in: 1...100_000, \.batch, help: "trajectories per step, taken in order"),
        .number("lr", in: 1e-9...10, \.learningRate, help: "Adam learning rate"),
        .number("weight_decay", in: 0...1, \.weightDecay, help: "L2 weight decay (added to the gradient)"),
        .number("gamma", in: 0...1, \.decayGamma, help: "learning-rate decay factor"),
        .integer("decay_every", in: 1...10_000_000, \.decayEvery, help: "steps between decays"),
        Self(parameter: .option(clip)) { call, options in options.clipNorm = call[clip].map(Float.init) },
        .number("epsilon", in: 0...1e9, \.teacherForcing.epsilon, help: "jump when extending the piece decodes within this MSE"),
        .number("jump_prob", in: 0...1, \.teacherForcing.jumpProbability, help: "probability of jumping anyway"),
        .declared(.option(.burnIn, default: TrainingOptions().teacherForcing.burnIn, help: "frames that always tick")),
        .number("dt_loss", in: 0...1e9, \.teacherForcing.dtLossCoefficient, help: "weight of the Δt loss"),
        .integer("eval_every", in: 0...10_000_000, \.evaluateEvery, help: "evaluate on data.test every this many steps"),
        Self(parameter: .option(objective)) { call, options in options.objective = call[objective] },
        Self(parameter: .option(.seed, help: "seed of the jump-exploration coins")) { call, options in options.seed = UInt64(call[.seed]) },
    ]

    static let clip = CommandOption<Double?>.number("clip", in: 1e-9...1e9, help: "clip the global gradient norm to this")
    static let objective = CommandOption<TrainingObjective>.word(
        "objective", default: TrainingOptions().objective,
        help: "teacher (the reference's teacher forcing) or rollout (after the burn-in the model reads its own predictions; a jumpy model keeps teacher forcing's pieces)")
}

extension Double {
    /// The Double a person would write for `value`: `Double(Float(1e-3))` is 0.0010000000474974513,
    /// this is 0.001, so a default taken from a `Float` field prints as declared.
    init(shortest value: Float) { self = Double("\(value)")! }
}
