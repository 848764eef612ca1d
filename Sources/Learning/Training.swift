import Foundation
import Tensor

/// One row of a model's training history.
public struct TrainingRecord: Equatable, Sendable {
    public enum Split: String, Sendable { case train, test }
    public var step: Int
    public var split: Split
    /// The change loss and the Δt loss (teacher forced).
    public var lossDx: Double
    public var lossDt: Double
    /// The mean squared error of the predicted changes alone (see `TeacherForcingLoss`).
    public var changeMSE: Double
    public var meanDt: Double
    public var learningRate: Double
}

/// Everything `train` can be told (defaults are the reference's).
public struct TrainingOptions: Equatable, Sendable {
    public var steps = 1000
    public var batch = 256
    public var learningRate: Float = 1e-3
    public var weightDecay: Float = 1e-7
    /// The learning rate is multiplied by `decayGamma` every `decayEvery` steps.
    public var decayGamma: Float = 0.75
    public var decayEvery = 1000
    /// Clip the global gradient norm to this (nil: no clipping).
    public var clipNorm: Float?
    public var teacherForcing = TeacherForcingOptions()
    /// Teacher forcing (the reference's), or the model's own rollout after the burn-in.
    public var objective = TrainingObjective.teacher
    /// Evaluate on the test split every this many steps (0: never).
    public var evaluateEvery = 0
    /// Seeds the jump exploration coins.
    public var seed: UInt64 = 0

    public init() {}

    /// The first option out of range, or nil.
    public var problem: String? {
        if steps < 0 { return "steps must be at least 0, got \(steps)" }
        if batch < 1 { return "batch must be at least 1, got \(batch)" }
        if !(learningRate > 0) || !learningRate.isFinite { return "lr must be positive, got \(learningRate)" }
        if weightDecay < 0 { return "weight decay must be at least 0, got \(weightDecay)" }
        if decayEvery < 1 { return "decay_every must be at least 1, got \(decayEvery)" }
        if let c = clipNorm, !(c > 0) { return "clip must be positive, got \(c)" }
        if teacherForcing.burnIn < 1 { return "burnin must be at least 1, got \(teacherForcing.burnIn)" }
        if !(teacherForcing.jumpProbability >= 0 && teacherForcing.jumpProbability <= 1) {
            return "jump_prob must be in [0, 1], got \(teacherForcing.jumpProbability)"
        }
        return nil
    }
}

/// What `train` reports after each step.
public struct TrainingProgress: Sendable {
    public var step: Int
    public var totalSteps: Int
    public var lossDx: Double
    public var lossDt: Double
    public var meanDt: Double
    public var stepsPerSecond: Double
    /// The latest test-split figures, when evaluated this step.
    public var evaluation: TrainingRecord?
}

/// Why training stopped.
public enum TrainingOutcome: Equatable, Sendable {
    case finished
    /// Stopped between steps on request (Ctrl-C); `steps` were done.
    case interrupted(steps: Int)
    /// A loss or gradient was NaN or infinite at `step` (the model's step count); the weights
    /// are those from before that step, and the steps before it count.
    case diverged(step: Int, what: String)

    public var message: String? {
        switch self {
        case .finished: return nil
        case .interrupted(let steps): return "interrupted at step \(steps)"
        case .diverged(let step, let what): return "training stopped at step \(step): \(what) is not finite; the model keeps its last finite weights"
        }
    }
}

/// Trains a model on `[T, N, D]` training sequences by teacher forcing with Adam, the step
/// schedule and optional clipping, taking batches in order through the data as the reference
/// does (`data[:, (s·B) mod N ..< +B]`).
///
/// Training continues where the model's last training stopped: the step number `s` (for the
/// batch and the learning-rate schedule) is the model's `stepsTrained`, Adam resumes from the
/// moments kept on the model, and the exploration coins continue the model's stream when the
/// seed is the one it was drawn from; so two runs of 500 steps equal one of 1000, also across
/// a checkpoint saved and loaded in between (`TrainingState`).
///
/// With `Threads.count` > 1 each step splits its batch across the threads (`DataParallel`).
public struct Trainer {
    public let model: SequenceModel
    public var options: TrainingOptions
    private var optimizer: Adam
    private var rng: SeededGenerator
    private var dataParallel = DataParallel()
    /// Steps taken by this trainer (the model's `stepsTrained` counts across trainers).
    public private(set) var stepsTaken = 0

    public init(model: SequenceModel, options: TrainingOptions) {
        precondition(options.problem == nil, options.problem ?? "")
        self.model = model
        self.options = options
        optimizer = Adam(model.parameters, learningRate: options.learningRate, weightDecay: options.weightDecay)
        if let saved = model.optimizerState, optimizer.fits(saved) { optimizer.state = saved }
        if let saved = model.exploration, saved.seed == options.seed {
            rng = saved.generator
        } else {
            rng = SeededGenerator(seed: options.seed)
        }
    }

    /// Runs `options.steps` steps, or until `work` is cancelled (asked before each step; the
    /// steps done are kept). After each step `work` is told the steps done, and `progress`
    /// receives that step's numbers (losses, Δt, an evaluation) for a display.
    public mutating func run(train: Tensor, test: Tensor? = nil, work: LongWork = .unwatched,
                             progress: (TrainingProgress) -> Void = { _ in }) -> TrainingOutcome {
        let schedule = StepSchedule(initial: options.learningRate, gamma: options.decayGamma, stepSize: options.decayEvery)
        let count = train.shape[1]
        precondition(count > 0, "no training trajectories")
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            model.optimizerState = optimizer.state
            model.exploration = ExplorationState(seed: options.seed, generator: rng)
        }
        for _ in 0..<options.steps {
            if work.isCancelled { return .interrupted(steps: stepsTaken) }
            let step = model.stepsTrained
            let offset = (step * options.batch) % count
            let sequence = train.batch(offset..<min(offset + options.batch, count))

            optimizer.zeroGrad()
            let loss = dataParallel.gradients(of: model, on: sequence, objective: options.objective,
                                                  options: options.teacherForcing, rng: &rng)
            let (lossDx, lossDt) = (Double(loss.dx.item), Double(loss.dt.item))
            guard lossDx.isFinite && lossDt.isFinite else {
                return .diverged(step: model.stepsTrained + 1, what: "the loss")
            }
            if let bad = model.parameters.first(where: { p in p.grad?.scalars.contains { !$0.isFinite } ?? false }) {
                return .diverged(step: model.stepsTrained + 1, what: "the gradient of \(bad.name)")
            }
            if let clip = options.clipNorm { clipGradientNorm(model.parameters, maxNorm: clip) }
            optimizer.learningRate = schedule.learningRate(at: step)
            optimizer.step()
            optimizer.zeroGrad()
            stepsTaken += 1
            model.stepsTrained += 1
            model.history.append(TrainingRecord(step: model.stepsTrained, split: .train, lossDx: lossDx, lossDt: lossDt,
                                                changeMSE: loss.changeMSE, meanDt: loss.meanDt,
                                                learningRate: Double(optimizer.learningRate)))
            var evaluation: TrainingRecord? = nil
            if let test, options.evaluateEvery > 0, stepsTaken % options.evaluateEvery == 0 {
                evaluation = model.evaluateTeacherForced(test, objective: options.objective, options: options.teacherForcing)
                model.history.append(evaluation!)
            }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            work.report(done: stepsTaken, total: options.steps)
            progress(TrainingProgress(step: stepsTaken, totalSteps: options.steps, lossDx: lossDx, lossDt: lossDt,
                                      meanDt: loss.meanDt, stepsPerSecond: Double(stepsTaken) / max(elapsed, 1e-9),
                                      evaluation: evaluation))
        }
        return .finished
    }
}

extension SequenceModel {
    /// The mean training loss and Δt over the last `steps` training steps (one batch's loss
    /// is noisy); nil before the first. `train`'s summary and a model's both show this.
    public func recentTraining(steps: Int = 20) -> (loss: Double, meanDt: Double)? {
        let recent = history.filter { $0.split == .train }.suffix(steps)
        guard !recent.isEmpty else { return nil }
        let count = Double(recent.count)
        return (recent.map(\.lossDx).reduce(0, +) / count, recent.map(\.meanDt).reduce(0, +) / count)
    }

    /// Teacher-forced losses (or the rollout objective's) on `data` without recording a tape,
    /// in batches of `batch` (each in chunks spread over the threads), with jump exploration
    /// off (a deterministic figure, the same at every thread count).
    public func evaluateTeacherForced(_ data: Tensor, objective: TrainingObjective = .teacher, options: TeacherForcingOptions = .init(),
                                      batch: Int = 1000) -> TrainingRecord {
        var options = options
        options.jumpProbability = 0
        var rng = SeededGenerator(seed: 0)
        var (dx, dt, change, meanDt, weight) = (0.0, 0.0, 0.0, 0.0, 0.0)
        withoutTape {
            var offset = 0
            while offset < data.shape[1] {
                let part = data.batch(offset..<min(offset + batch, data.shape[1]))
                let coins = explorationCoins(for: part, options: options, rng: &rng)
                let shards = Threads.chunks(of: part.shape[1])
                let sums = Threads.map(shards.count) { k in
                    withoutTape {
                        shards.count == 1 ? lossSums(part, objective: objective, options: options, coins: coins)
                            : lossSums(part.batch(shards[k]), objective: objective, options: options, coins: coins?.shard(shards[k]))
                    }
                }
                let loss = TeacherForcingSums.combine(sums, dtLossCoefficient: options.dtLossCoefficient).whole
                let w = Double(part.shape[1])
                dx += Double(loss.dx.item) * w; dt += Double(loss.dt.item) * w; meanDt += loss.meanDt * w
                change += loss.changeMSE * w
                weight += w
                offset += batch
            }
        }
        return TrainingRecord(step: stepsTrained, split: .test, lossDx: dx / weight, lossDt: dt / weight,
                              changeMSE: change / weight, meanDt: meanDt / weight, learningRate: 0)
    }
}
