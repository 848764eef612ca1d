import Tensor

/// The knobs of teacher forcing (the defaults, stated in `init` only, are the reference's).
public struct TeacherForcingOptions: Equatable, Sendable {
    /// Frames that always tick before any jump is considered.
    public var burnIn: Int
    /// A frame is jumped over when extending the current piece decodes to the true change
    /// within this mean squared error.
    public var epsilon: Float
    /// The probability of jumping anyway (exploration), drawn from the seeded generator.
    public var jumpProbability: Float
    /// The weight of the Δt loss.
    public var dtLossCoefficient: Float

    public init(burnIn: Int = 4, epsilon: Float = 3e-3, jumpProbability: Float = 1e-2, dtLossCoefficient: Float = 1e-5) {
        self.burnIn = burnIn; self.epsilon = epsilon
        self.jumpProbability = jumpProbability; self.dtLossCoefficient = dtLossCoefficient
    }
}

/// The losses of one teacher-forced pass.
public struct TeacherForcingLoss {
    /// The change loss (with the jumpy model's Δt = 0 term).
    public var dx: Tensor
    /// The mean squared error of the predicted changes alone (at piece ends for the jumpy
    /// model): comparable across kinds, unlike `dx`.
    public var changeMSE: Double
    /// The Δt loss (zero for models that tick every frame).
    public var dt: Tensor
    /// The mean length of the pieces that ended (1 for models that tick every frame).
    public var meanDt: Double
    /// Where a jumpy pass ticked: `ticks[i][b]` for frame i of trajectory b (nil when the pass
    /// does not say; every frame ticks for the other kinds).
    public var ticks: [[Bool]]? = nil

    public var total: Tensor { dx + dt }
}

/// The exploration coins of one jumpy teacher-forced batch: for each frame from the burn-in
/// on, one coin per trajectory, drawn frame by frame in trajectory order. Drawn for the whole
/// batch before it is split, so every split sees the same coins.
struct ExplorationCoins {
    let batch: Int
    /// `[frames − burnIn, batch]`, row-major.
    let heads: [Bool]

    init(frames: Int, burnIn: Int, batch: Int, probability: Float, rng: inout SeededGenerator) {
        self.batch = batch
        heads = (0..<(max(frames - burnIn, 0) * batch)).map { _ in rng.uniformFloat() < probability }
    }

    private init(batch: Int, heads: [Bool]) { self.batch = batch; self.heads = heads }

    /// The coins of trajectories `range`.
    func shard(_ range: Range<Int>) -> ExplorationCoins {
        let rows = batch == 0 ? 0 : heads.count / batch
        return ExplorationCoins(batch: range.count, heads: (0..<rows).flatMap { r in heads[(r * batch + range.lowerBound)..<(r * batch + range.upperBound)] })
    }

    /// The coin of trajectory `b` at `frame` frames after the burn-in.
    subscript(frame: Int, b: Int) -> Bool { heads[frame * batch + b] }
}

/// One shard's share of the teacher-forcing losses: sums over its trajectories, divided by
/// counts over the whole batch only once every shard is in. Each loss is a mean over the
/// batch (or over the pieces that ended in it), so the shares of any split add up to the
/// whole batch's loss, and their gradients to its gradient.
struct TeacherForcingSums {
    /// Σ of the scored squared change errors (plus `tiny` per element for the jumpy model).
    var change: Tensor
    var changeCount: Int
    /// The jumpy model's Δt = 0 term: Σ (decode at Δt = 0)² + tiny.
    var atZero: Tensor?
    var atZeroCount = 0
    /// The jumpy model's Δt loss when some piece ended: Σ over ended pieces of (guess − length)².
    var dtEnded: Tensor?
    /// … and when none did, anywhere in the batch: Σ (guess − frames)² over every guess.
    var dtUnended: Tensor?
    var guessCount = 0
    var endedCount = 0
    var endedLengths = 0.0
    var frames = 0
    /// Where the jumpy teacher-forced pass ticked, frame by frame (`TeacherForcingLoss.ticks`).
    var ticks: [[Bool]] = []

    static let tiny: Float = 1e-10

    /// Each shard's losses (their sum is the batch's loss) and the batch's figures.
    static func combine(_ shards: [TeacherForcingSums], dtLossCoefficient: Float) -> (shares: [TeacherForcingLoss], whole: TeacherForcingLoss) {
        let changeCount = shards.reduce(0) { $0 + $1.changeCount }
        let zeroCount = shards.reduce(0) { $0 + $1.atZeroCount }
        let guessCount = shards.reduce(0) { $0 + $1.guessCount }
        let ended = shards.reduce(0) { $0 + $1.endedCount }
        let lengths = shards.reduce(0.0) { $0 + $1.endedLengths }
        // Jumpy teacher forcing has both jumpy terms; the jumpy rollout objective only the Δt loss.
        let hasAtZero = shards[0].atZero != nil, jumpy = shards[0].dtEnded != nil
        var shares: [TeacherForcingLoss] = []
        var (dxTotal, dtTotal, changeTotal) = (0.0, 0.0, 0.0)
        for (k, shard) in shards.enumerated() {
            let change = shard.change * (1 / Float(max(changeCount, 1)))
            var dx = change, dt = Tensor(0)
            if jumpy {
                if hasAtZero { dx = change + 0.1 * (shard.atZero! * (1 / Float(max(zeroCount, 1)))) }
                let lossDt = ended > 0
                    ? (k == 0 ? shard.dtEnded! + tiny : shard.dtEnded!) / (tiny + Float(ended))
                    : shard.dtUnended! * (1 / Float(max(guessCount, 1)))
                dt = lossDt * dtLossCoefficient
            }
            let share = TeacherForcingLoss(dx: dx, changeMSE: Double(change.item), dt: dt, meanDt: 1)
            dxTotal += Double(dx.item); dtTotal += Double(dt.item); changeTotal += share.changeMSE
            shares.append(share)
        }
        let meanDt = !jumpy ? 1 : ended > 0 ? lengths / Double(ended) : Double(shards[0].frames)
        let whole: TeacherForcingLoss
        if shards.count == 1 {
            whole = TeacherForcingLoss(dx: shares[0].dx, changeMSE: changeTotal - (hasAtZero ? Double(tiny) : 0),
                                       dt: shares[0].dt, meanDt: meanDt, ticks: shards[0].ticks.isEmpty ? nil : shards[0].ticks)
        } else {
            whole = TeacherForcingLoss(dx: Tensor(Float(dxTotal)), changeMSE: changeTotal - (hasAtZero ? Double(tiny) : 0),
                                       dt: Tensor(Float(dtTotal)), meanDt: meanDt)
        }
        return (shares, whole)
    }
}

extension SequenceModel {
    /// Teacher-forced losses on `sequence` (`[T+1, B, D]`): the model reads frames 0 … T−1
    /// and predicts each next change. The jumpy model follows the reference's jumpy teacher
    /// forcing; the others tick every frame. `rng` is drawn only by the jumpy model's
    /// exploration (B uniforms a frame after the burn-in).
    public func teacherForcing(_ sequence: Tensor, options: TeacherForcingOptions = .init(),
                               rng: inout SeededGenerator) -> TeacherForcingLoss {
        let coins = explorationCoins(for: sequence, options: options, rng: &rng)
        let sums = teacherForcingSums(sequence, options: options, coins: coins)
        return TeacherForcingSums.combine([sums], dtLossCoefficient: options.dtLossCoefficient).whole
    }

    /// The coins a jumpy teacher-forced pass over `sequence` uses (none for other kinds).
    func explorationCoins(for sequence: Tensor, options: TeacherForcingOptions,
                          rng: inout SeededGenerator) -> ExplorationCoins? {
        guard kind == .jumpy else { return nil }
        return ExplorationCoins(frames: sequence.shape[0] - 1, burnIn: options.burnIn, batch: sequence.shape[1],
                                probability: options.jumpProbability, rng: &rng)
    }

    /// One shard's loss sums for `objective`: teacher forcing's, or the rollout objective's.
    func lossSums(_ sequence: Tensor, objective: TrainingObjective, options: TeacherForcingOptions,
                  coins: ExplorationCoins?) -> TeacherForcingSums {
        switch objective {
        case .teacher: return teacherForcingSums(sequence, options: options, coins: coins)
        case .rollout:
            return kind == .jumpy ? jumpyRolledOutSums(sequence, options: options, coins: coins!)
                : rolledOutSums(sequence, burnIn: options.burnIn)
        }
    }

    /// One shard's teacher-forcing loss sums (see `TeacherForcingSums`).
    func teacherForcingSums(_ sequence: Tensor, options: TeacherForcingOptions,
                            coins: ExplorationCoins?) -> TeacherForcingSums {
        precondition(sequence.rank == 3 && sequence.shape[2] == configuration.observationWidth,
                     "teacher forcing needs [T, B, \(configuration.observationWidth)], got \(sequence.shape)")
        let frames = sequence.shape[0] - 1
        precondition(frames >= 1, "teacher forcing needs at least two frames")
        let x = sequence[0..<frames]                                   // [T, B, D]
        let dx = sequence[1..<(frames + 1)] - x                         // [T, B, D]
        switch kind {
        case .jumpy: return jumpyTeacherForcing(x, dx, options: options, coins: coins!)
        case .rnn, .odernn: return tickingTeacherForcing(x, dx)
        }
    }

    /// Every frame ticks: `h_i = cell(enc(x_i), flow(h_{i−1}, 1))`, and `decode(flow(h_i, 1))`
    /// predicts `x_{i+1} − x_i` (for the RNN the flow is the identity: the reference exactly).
    func tickingTeacherForcing(_ x: Tensor, _ dx: Tensor) -> TeacherForcingSums {
        let (frames, batch) = (x.shape[0], x.shape[1])
        let one = Tensor(1)
        let stacked: Tensor
        if kind == .rnn && cell.kind == .gru {
            // Nothing moves the state between ticks: the whole recurrence is one primitive.
            stacked = Tensor.gruSequence(encode(x), initial: initialState(batch: batch),
                                         weightIH: cell.weightIH.value, biasIH: cell.biasIH.value,
                                         weightHH: cell.weightHH.value, biasHH: cell.biasHH.value)
                .reshaped([frames * batch, stateWidth])
        } else {
            let gates = cell.inputGates(encode(x))                      // [T, B, G·R]
            var state = initialState(batch: batch)
            var states: [Tensor] = []
            for i in 0..<frames {
                state = cell.step(inputGates: gates[i], state: i == 0 ? state : flow(state, dt: one))
                states.append(state)
            }
            stacked = Tensor.stack(states).reshaped([frames * batch, stateWidth])
        }
        let predicted = decode(flow(stacked, dt: one)).reshaped(dx.shape)
        let error = scoredSquaredError(predicted, dx)
        return TeacherForcingSums(change: error.sum(), changeCount: error.count, frames: frames)
    }

    /// The reference's jumpy teacher forcing. At each frame after the burn-in, if extending
    /// the current piece by one more frame decodes to the accumulated true change within ε
    /// (or a coin with `jumpProbability` says so), the cell does not tick and the piece grows;
    /// otherwise the cell ticks and a new piece starts.
    func jumpyTeacherForcing(_ x: Tensor, _ dx: Tensor, options: TeacherForcingOptions,
                             coins: ExplorationCoins) -> TeacherForcingSums {
        let (frames, batch, width) = (x.shape[0], x.shape[1], x.shape[2])
        let burnIn = options.burnIn
        precondition(burnIn >= 1 && burnIn < frames, "burn-in \(burnIn) must be in 1..<\(frames)")
        let gates = cell.inputGates(encode(x))                          // [T, B, G·R]
        let dxFrames = dx.unstacked().map(\.scalars)                    // T × [B·D]
        let scored = configuration.scoredWidth

        var state = initialState(batch: batch)
        var dt = [Float](repeating: 1, count: batch)                    // current piece length
        var dxPiece = [Float](repeating: 0, count: batch * width)       // change over the piece
        var states: [Tensor] = [], pieceDts: [[Float]] = [], pieceDxs: [[Float]] = [], endedDts: [[Float]] = []
        var ticks: [[Bool]] = []

        for i in 0..<frames {
            let dtTensor = Tensor(shape: [batch, 1], scalars: dt)
            let ticked = cell.step(inputGates: gates[i], state: linearDynamics(state, dt: dtTensor))
            var dxJump = dxPiece
            for k in 0..<dxJump.count { dxJump[k] += dxFrames[i][k] }

            var jump = [Bool](repeating: false, count: batch)
            if i >= burnIn {
                // The gate's loss is a decision, never differentiated.
                let error = withoutTape { () -> [Float] in
                    let extended = decode(linearDynamics(state.detached(), dt: dtTensor + 1))
                    return extended.scalars
                }
                for b in 0..<batch {
                    var total: Float = 0
                    for j in 0..<scored {
                        let e = error[b * width + j] - dxJump[b * width + j]
                        total += e * e
                    }
                    jump[b] = total / Float(scored) < options.epsilon || coins[i - burnIn, b]
                }
            }
            endedDts.append((0..<batch).map { jump[$0] ? 0 : dt[$0] })
            ticks.append(jump.map { !$0 })
            state = .selectRows(jump, state, ticked)
            for b in 0..<batch {
                dt[b] = jump[b] ? dt[b] + 1 : 1
                if !jump[b] {
                    for j in 0..<width { dxJump[b * width + j] = dxFrames[i][b * width + j] }
                }
            }
            dxPiece = dxJump
            states.append(state); pieceDts.append(dt); pieceDxs.append(dxPiece)
        }

        let stacked = Tensor.stack(states)                              // [T, B, S]
        let dts = Tensor(shape: [frames, batch, 1], scalars: pieceDts.flatMap { $0 })
        let targets = Tensor(shape: [frames, batch, width], scalars: pieceDxs.flatMap { $0 })

        var sums = dtLossSums(states: stacked, endedDts: endedDts, burnIn: burnIn)
        let tiny = TeacherForcingSums.tiny

        // dx loss at the piece ends, and Δt = 0 must decode to no change.
        let predicted = decode(linearDynamics(stacked, dt: dts))
        let changeError = scoredSquaredError(predicted, targets) + tiny
        let atZero = decode(linearDynamics(stacked, dt: Tensor(0))).square() + tiny
        sums.change = changeError.sum(); sums.changeCount = changeError.count
        sums.atZero = atZero.sum(); sums.atZeroCount = atZero.count
        sums.ticks = ticks
        return sums
    }

    /// The Δt loss's sums: the head at the frame before each piece ends should predict its
    /// length. `states` (`[T, B, S]`) holds at frame i the state of the tick that began frame
    /// i's piece; `endedDts[i][b]` is the length of the piece ending at frame i (0 when it grows).
    func dtLossSums(states: Tensor, endedDts: [[Float]], burnIn: Int) -> TeacherForcingSums {
        let (frames, batch) = (states.shape[0], states.shape[1])
        let ended = Tensor(shape: [frames - burnIn, batch, 1], scalars: endedDts[burnIn...].flatMap { $0 })
        let guesses = predictDt(states[(burnIn - 1)..<(frames - 1)])   // [T − burnIn, B, 1]
        let endedLengths = ended.scalars.filter { $0 > 0 }
        let mask = ended.greater(than: 0)
        return TeacherForcingSums(
            change: Tensor(0), changeCount: 0,
            dtEnded: ((guesses - ended).square() * mask).sum(),
            dtUnended: (guesses - Float(frames)).square().sum(), guessCount: guesses.count,
            endedCount: endedLengths.count, endedLengths: Double(endedLengths.reduce(0, +)), frames: frames)
    }
}
