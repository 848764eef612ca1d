import Tensor

/// The knobs of teacher forcing (defaults are the reference's).
public struct TeacherForcingOptions: Equatable, Sendable {
    /// Frames that always tick before any jump is considered.
    public var burnIn = 4
    /// A frame is jumped over when extending the current piece decodes to the true change
    /// within this mean squared error.
    public var epsilon: Float = 3e-3
    /// The probability of jumping anyway (exploration), drawn from the seeded generator.
    public var jumpProbability: Float = 1e-2
    /// The weight of the Δt loss.
    public var dtLossCoefficient: Float = 1e-5

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

    public var total: Tensor { dx + dt }
}

extension SequenceModel {
    /// Teacher-forced losses on `sequence` (`[T+1, B, D]`): the model reads frames 0 … T−1
    /// and predicts each next change. The jumpy model follows the reference's jumpy teacher
    /// forcing; the others tick every frame. `rng` is drawn only by the jumpy model's
    /// exploration (B uniforms a frame after the burn-in).
    public func teacherForcing(_ sequence: Tensor, options: TeacherForcingOptions = .init(),
                               rng: inout SeededGenerator) -> TeacherForcingLoss {
        precondition(sequence.rank == 3 && sequence.shape[2] == configuration.observationWidth,
                     "teacher forcing needs [T, B, \(configuration.observationWidth)], got \(sequence.shape)")
        let frames = sequence.shape[0] - 1
        precondition(frames >= 1, "teacher forcing needs at least two frames")
        let x = sequence[0..<frames]                                   // [T, B, D]
        let dx = sequence[1..<(frames + 1)] - x                         // [T, B, D]
        switch kind {
        case .jumpy: return jumpyTeacherForcing(x, dx, options: options, rng: &rng)
        case .rnn, .odernn: return tickingTeacherForcing(x, dx)
        }
    }

    /// Every frame ticks: `h_i = cell(enc(x_i), flow(h_{i−1}, 1))`, and `decode(flow(h_i, 1))`
    /// predicts `x_{i+1} − x_i` (for the RNN the flow is the identity: the reference exactly).
    func tickingTeacherForcing(_ x: Tensor, _ dx: Tensor) -> TeacherForcingLoss {
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
        let loss = scoredSquaredError(predicted, dx).mean()
        return TeacherForcingLoss(dx: loss, changeMSE: Double(loss.item), dt: Tensor(0), meanDt: 1)
    }

    /// The reference's jumpy teacher forcing. At each frame after the burn-in, if extending
    /// the current piece by one more frame decodes to the accumulated true change within ε
    /// (or a coin with `jumpProbability` says so), the cell does not tick and the piece grows;
    /// otherwise the cell ticks and a new piece starts.
    func jumpyTeacherForcing(_ x: Tensor, _ dx: Tensor, options: TeacherForcingOptions,
                             rng: inout SeededGenerator) -> TeacherForcingLoss {
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
                    let coin = rng.uniformFloat() < options.jumpProbability
                    jump[b] = total / Float(scored) < options.epsilon || coin
                }
            }
            endedDts.append((0..<batch).map { jump[$0] ? 0 : dt[$0] })
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

        // Δt loss: the head at the frame before each piece ends should predict its length.
        let ended = Tensor(shape: [frames - burnIn, batch, 1], scalars: endedDts[burnIn...].flatMap { $0 })
        let guesses = predictDt(stacked[(burnIn - 1)..<(frames - 1)])  // [T − burnIn, B, 1]
        let endedCount = ended.scalars.filter { $0 > 0 }.count
        let tiny: Float = 1e-10
        let lossDt: Tensor
        let meanDt: Double
        if endedCount > 0 {
            let mask = ended.greater(than: 0)
            meanDt = Double(ended.scalars.filter { $0 > 0 }.reduce(0, +)) / Double(endedCount)
            lossDt = (((guesses - ended).square() * mask).sum() + tiny) / (tiny + Float(endedCount))
        } else {
            // No piece ended: the whole sequence is one piece; ask for a jump to the end.
            meanDt = Double(frames)
            lossDt = (guesses - Float(frames)).square().mean()
        }

        // dx loss at the piece ends, and Δt = 0 must decode to no change.
        let predicted = decode(linearDynamics(stacked, dt: dts))
        let lossChange = (scoredSquaredError(predicted, targets) + tiny).mean()
        let atZero = decode(linearDynamics(stacked, dt: Tensor(0)))
        let lossDx = lossChange + 0.1 * (atZero.square() + tiny).mean()
        return TeacherForcingLoss(dx: lossDx, changeMSE: Double(lossChange.item) - Double(tiny),
                                  dt: lossDt * options.dtLossCoefficient, meanDt: meanDt)
    }
}
