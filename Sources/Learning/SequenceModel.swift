import Tensor

/// How a sequence model moves between ticks.
public enum ModelKind: String, CaseIterable, Sendable, Codable {
    /// The baseline: ticks at every frame; the state does not move between ticks.
    case rnn
    /// The Jumpy RNN (PC-ODE): the state moves linearly between ticks, and ticks only where
    /// the linear piece stops fitting.
    case jumpy
    /// The ODE-RNN baseline: ticks at every frame; between ticks the latent position follows
    /// a learned ODE, integrated with RK4.
    case odernn
}

/// The sizes and constants that fix a model's architecture.
public struct ModelConfiguration: Equatable, Sendable {
    public var kind: ModelKind
    public var cell: CellKind
    /// D: the observation width, auxiliary columns included.
    public var observationWidth: Int
    /// A: trailing observation columns the model reads but is not scored on (the shot task's
    /// action); never predicted.
    public var auxiliaryWidth: Int
    /// H: the width of the encoder and decoder MLPs.
    public var hidden: Int
    /// R: the width of the recurrent hidden vector (even: position and velocity halves).
    public var rnn: Int
    /// τ, the time constant of the linear dynamics (0.2 in the reference).
    public var timeConstant: Float

    public init(kind: ModelKind, cell: CellKind = .gru, observationWidth: Int, auxiliaryWidth: Int = 0,
                hidden: Int = 128, rnn: Int = 128, timeConstant: Float = 0.2) {
        self.kind = kind; self.cell = cell
        self.observationWidth = observationWidth; self.auxiliaryWidth = auxiliaryWidth
        self.hidden = hidden; self.rnn = rnn; self.timeConstant = timeConstant
    }

    /// The sizes a configuration fixes, for saying which one is wrong.
    public enum Field: Sendable { case observationWidth, auxiliaryWidth, hidden, rnn, timeConstant }

    /// The first problem with these sizes and the field it is in, or nil when they make a model.
    public var invalidField: (field: Field, message: String)? {
        if observationWidth < 1 { return (.observationWidth, "observation width must be at least 1, got \(observationWidth)") }
        if auxiliaryWidth < 0 || auxiliaryWidth >= observationWidth {
            return (.auxiliaryWidth, "auxiliary width must be in 0..<\(observationWidth), got \(auxiliaryWidth)")
        }
        if hidden < 1 || hidden > 4096 { return (.hidden, "hidden must be in 1...4096, got \(hidden)") }
        if rnn < 2 || rnn > 4096 || rnn % 2 != 0 { return (.rnn, "rnn must be even and in 2...4096, got \(rnn)") }
        if !(timeConstant > 0) || !timeConstant.isFinite { return (.timeConstant, "time constant must be positive, got \(timeConstant)") }
        return nil
    }

    /// The first problem with these sizes, or nil when they make a model.
    public var problem: String? { invalidField?.message }

    /// A configuration with every default (the sizes a data set does not fix).
    public static let defaults = ModelConfiguration(kind: .rnn, observationWidth: 1)

    /// The scored observation columns.
    public var scoredWidth: Int { observationWidth - auxiliaryWidth }
}

/// The reference's `SequenceModel`: an encoder MLP, a recurrent cell, a decoder MLP that maps
/// `h·τ` to a *change* of the observation, and a Δt head, with the state moved between ticks
/// according to `kind`. Parameter names follow the PyTorch state_dict. How it encodes,
/// decodes, moves between ticks and predicts Δt, and the method itself, read top to bottom in
/// `JumpyRNN.swift`.
public final class SequenceModel: @unchecked Sendable {
    public let configuration: ModelConfiguration
    public let encoder: ResidualMLP
    public let cell: RecurrentCell
    public let decoder: ResidualMLP
    public let dtPredictor: Linear
    /// The ODE-RNN's vector field on the latent position (nil for other kinds).
    public let odeFunction: ODEFunction?

    /// Training provenance, written into checkpoints.
    public var stepsTrained = 0
    public var datasetName: String?
    public var datasetSeed: UInt64?
    /// Figures recorded while training, oldest first.
    public var history: [TrainingRecord] = []
    /// The optimizer's moments after the last step, and where the exploration coins' stream
    /// stands, so that a later `Trainer` continues where this one stopped. Checkpoints keep
    /// both (unless saved as weights only), so training resumes in another process.
    public var optimizerState: Adam.State?
    public var exploration: ExplorationState?
    /// Rollouts' encoder with the cell's input projection folded in (`rolloutInputGates`).
    let foldedEncoder = ParameterDerived<(Tensor, Tensor)>()
    /// The weights of the fused rollout tick (`FusedRollout.swift`).
    let fusedWeights = ParameterDerived<FusedRolloutWeights>()

    public init(_ configuration: ModelConfiguration, seed: UInt64) {
        precondition(configuration.problem == nil, configuration.problem ?? "")
        self.configuration = configuration
        var rng = SeededGenerator(seed: seed)
        let (d, h, r) = (configuration.observationWidth, configuration.hidden, configuration.rnn)
        encoder = ResidualMLP("encoder", inputs: d, hidden: h, outputs: h, using: &rng)
        cell = RecurrentCell(configuration.cell, inputWidth: h, hiddenWidth: r, using: &rng)
        decoder = ResidualMLP("decoder", inputs: r, hidden: h, outputs: d, using: &rng)
        dtPredictor = Linear("dt_predictor", inputs: r, outputs: 1, using: &rng)
        odeFunction = configuration.kind == .odernn ? ODEFunction(width: r / 2, using: &rng) : nil
    }

    public var kind: ModelKind { configuration.kind }
    public var timeConstant: Float { configuration.timeConstant }

    /// Every parameter, in the reference's state_dict order.
    public var parameters: [Parameter] {
        encoder.parameters + cell.parameters + decoder.parameters + dtPredictor.parameters
            + (odeFunction?.parameters ?? [])
    }

    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

    /// The width of the state the model carries (R, or 2R for the LSTM's `[h | c]`).
    public var stateWidth: Int { cell.stateWidth }

    /// A zero state for `batch` trajectories.
    public func initialState(batch: Int) -> Tensor { .zeros([batch, stateWidth]) }

    /// The hidden vector `h` of a state (the LSTM's cell memory excluded).
    func hiddenPart(_ state: Tensor) -> Tensor {
        cell.kind == .lstm ? state.slice(lastAxis: 0..<configuration.rnn) : state
    }

    /// The ODE-RNN's flow: the latent position carried `dt` frames along the learned field,
    /// the velocity half (and an LSTM's cell memory) unchanged.
    func odeFlow(_ state: Tensor, dt: Tensor) -> Tensor {
        let r = configuration.rnn, half = r / 2
        var parts = [odeFunction!.integrate(state.slice(lastAxis: 0..<half), dt: dt),
                     state.slice(lastAxis: half..<r)]
        if cell.kind == .lstm { parts.append(state.slice(lastAxis: r..<(2 * r))) }
        return .concatenate(parts)
    }

    /// The squared error per scored column, as `(prediction − target)²` over the columns that
    /// are not auxiliary.
    func scoredSquaredError(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        let error = (prediction - target).square()
        let a = configuration.auxiliaryWidth
        return a == 0 ? error : error.slice(lastAxis: 0..<configuration.scoredWidth)
    }
}

/// The ODE-RNN's vector field `dz/dt = f(z)`, `f = Linear → tanh → Linear` on the latent
/// position (width R/2), named like the reference's `nn.Sequential` (`f.0`, `f.2`).
public struct ODEFunction {
    public let first: Linear, second: Linear

    public init(width: Int, using rng: inout SeededGenerator) {
        first = Linear("f.0", inputs: width, outputs: width, using: &rng)
        second = Linear("f.2", inputs: width, outputs: width, using: &rng)
    }

    public var parameters: [Parameter] { first.parameters + second.parameters }

    public func callAsFunction(_ z: Tensor) -> Tensor { second(first(z).tanh()) }

    /// `z` carried `dt` frames along the field with classic RK4, one step per frame or part
    /// of one (so a step never spans more than a frame). `dt` is a scalar or one per row.
    public func integrate(_ z: Tensor, dt: Tensor) -> Tensor {
        let longest = dt.scalars.map { Swift.abs($0) }.max() ?? 0
        if longest == 0 { return z }
        let steps = max(1, Int(longest.rounded(.up)))
        let h = dt * (1 / Float(steps))
        var z = z
        for _ in 0..<steps {
            let k1 = self(z)
            let k2 = self(z + k1 * h * 0.5)
            let k3 = self(z + k2 * h * 0.5)
            let k4 = self(z + k3 * h)
            z = z + (k1 + k2 * 2 + k3 * 2 + k4) * h * (1 / Float(6))
        }
        return z
    }
}

/// The exploration coins' generator as training left it, with the seed it started from: a
/// later run with the same seed continues the stream; another seed starts a new one.
public struct ExplorationState: Equatable, Sendable {
    public var seed: UInt64
    public var generator: SeededGenerator

    public init(seed: UInt64, generator: SeededGenerator) {
        self.seed = seed
        self.generator = generator
    }
}

extension SequenceModel {
    /// An independent model with the same configuration, weights, provenance and history:
    /// what the workbench trains, so a statement that fails leaves the bound model untouched.
    public func copy() -> SequenceModel {
        let twin = SequenceModel(configuration, seed: 0)
        for (mine, theirs) in zip(parameters, twin.parameters) { theirs.update(mine.value.scalars) }
        twin.stepsTrained = stepsTrained
        twin.datasetName = datasetName
        twin.datasetSeed = datasetSeed
        twin.history = history
        twin.optimizerState = optimizerState
        twin.exploration = exploration
        return twin
    }
}
