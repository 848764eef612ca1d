import Tensor

// The Jumpy RNN on one screen: the method as the blog tells it ("Jumpy Recurrent Neural
// Networks", Greydanus, Lee & Fern, 2020; their code is greydanus/piecewise_node), in plain
// Tensor code: no threads, no buffers, no shortcuts. Read it top to bottom.
//
// An RNN ticks at every frame: it reads an observation and updates its hidden vector. A Jumpy
// RNN also keeps a hidden *velocity* and assumes that between ticks the hidden vector moves
// along a line, the blog's
//
//     h(t + Δt) = h + ḣ·Δt
//
// Here the recurrent vector is split in halves, `[z | ż]`: z is the blog's h and ż its ḣ
// (scaled by the time constant τ). A head predicts Δt, how long the current line holds, so a
// rollout ticks where the motion changes and jumps over the rest.
//
//   1. the parts: encoder, cell (Cells.swift), decoder of `h·τ` into a change of x
//   2. the linear motion between ticks
//   3. the Δt head
//   4. jumpy teacher forcing: how the model learns where to tick
//   5. sampling, the model on its own, and interpolation at any time t
//
// What runs is faster, and each fast path is tested to equal this file (`JumpyRNNTests`): the
// fused rollout tick (FusedRollout.swift) and the general one (`tickRecords`, Rollout.swift),
// teacher forcing in shards over threads (TeacherForcing.swift, DataParallel.swift), the
// rollout objectives (RolloutObjective.swift, JumpyRolloutObjective.swift) and the taped
// rollout that the gradient planner differentiates (TapedRollout.swift). They move the state
// and read Δt through 2 and 3 here.

extension SequenceModel {
    // MARK: 1. The parts

    /// `encoder(x)`: an observation `[…, D]` as the cell's input `[…, H]`.
    public func encode(_ x: Tensor) -> Tensor { encoder(x) }

    /// `decoder(h · τ)`: the change of the observation that a state stands for.
    public func decode(_ state: Tensor) -> Tensor {
        decoder(hiddenPart(state), inputScale: timeConstant)
    }

    // MARK: 2. The linear motion

    /// The state `Δt` frames after a tick: `[z | ż]` becomes `[z + ż·τ·Δt | ż·τ]`, exactly the
    /// reference's `do_linear_dynamics` (whose returned velocity half stays scaled by τ). `dt`
    /// is a scalar or one value per row (`[…, 1]`); an LSTM's cell memory is carried as it is.
    /// One primitive (`Tensor.linearDynamics`), whose row loop the fused rollout calls too.
    public func linearDynamics(_ state: Tensor, dt: Tensor) -> Tensor {
        .linearDynamics(state, dt: dt, timeConstant: timeConstant, moving: configuration.rnn)
    }

    /// How the state moves between ticks, by kind: not at all (rnn), along the line (jumpy), or
    /// along a learned vector field (odernn, the baseline; `ODEFunction`).
    public func flow(_ state: Tensor, dt: Tensor) -> Tensor {
        switch kind {
        case .rnn: return state
        case .jumpy: return linearDynamics(state, dt: dt)
        case .odernn: return odeFlow(state, dt: dt)
        }
    }

    // MARK: 3. The Δt head

    /// Δt = `leaky_relu(W h + b) + 1`: how many frames the current line holds.
    public func predictDt(_ state: Tensor) -> Tensor {
        dtPredictor(hiddenPart(state)).leakyRelu(slope: Self.dtSlope) + 1
    }

    /// The Δt head's leaky ReLU slope (PyTorch's default, as the reference).
    static let dtSlope: Float = 0.01

    /// `predictDt` after the head's product: Δt for one raw output `v` of `W h + b`.
    static func dt(headOutput v: Float) -> Float { Tensor.leakyRelu(v, slope: dtSlope) + 1 }

    // MARK: 4. Jumpy teacher forcing

    /// The losses of `sequence` (`[T+1, B, D]`): the model reads frames 0 … T−1 and predicts
    /// each change. A jumpy model ticks only where its line stops fitting the data: at each
    /// frame after the burn-in, if moving one more frame along the current line decodes to the
    /// true change within ε (or a coin with `jumpProbability` says so), the piece grows;
    /// otherwise the cell ticks and a new piece starts. The reference's `teacher_forcing`.
    public func referenceTeacherForcing(_ sequence: Tensor, options: TeacherForcingOptions = .init(),
                                        rng: inout SeededGenerator) -> TeacherForcingLoss {
        let (frames, batch) = (sequence.shape[0] - 1, sequence.shape[1])
        let x = sequence[0..<frames], dx = sequence[1..<(frames + 1)] - x   // [T, B, D]
        let z = encode(x)                                                    // [T, B, H]
        let tiny = TeacherForcingSums.tiny
        var h = initialState(batch: batch)                                   // [B, S]
        guard kind == .jumpy else {
            // Every frame ticks; between ticks the state flows one frame.
            var hs: [Tensor] = []
            for i in 0..<frames {
                h = cell(z[i], i == 0 ? h : flow(h, dt: Tensor(1)))
                hs.append(h)
            }
            let change = scoredSquaredError(decode(flow(Tensor.stack(hs), dt: Tensor(1))), dx).mean()
            return TeacherForcingLoss(dx: change, changeMSE: Double(change.item), dt: Tensor(0), meanDt: 1)
        }
        let burnIn = options.burnIn
        var dt = Tensor.ones([batch, 1])                  // how long the current piece has lasted
        var dxPiece = Tensor.zeros([batch, sequence.shape[2]])   // the true change over it
        var hs: [Tensor] = [], dts: [Tensor] = [], dxs: [Tensor] = [], ended: [Tensor] = []
        for i in 0..<frames {
            let ticked = cell(z[i], linearDynamics(h, dt: dt))   // move to now, then read frame i
            let dxJump = dxPiece + dx[i]                         // the change if the piece goes on
            var jump = [Bool](repeating: false, count: batch)
            if i >= burnIn {
                // Would one more frame along the line decode to the true change within ε? A
                // decision, never differentiated.
                let error = withoutTape {
                    scoredSquaredError(decode(linearDynamics(h.detached(), dt: dt + 1)), dxJump)
                        .sum(axis: -1).scalars.map { $0 / Float(configuration.scoredWidth) }
                }
                let coins = (0..<batch).map { _ in rng.uniformFloat() < options.jumpProbability }
                jump = (0..<batch).map { error[$0] < options.epsilon || coins[$0] }
            }
            ended.append(.selectRows(jump, .zeros([batch, 1]), dt))   // Δt of a piece ending here
            h = .selectRows(jump, h, ticked)
            dt = .selectRows(jump, dt + 1, .ones([batch, 1]))
            dxPiece = .selectRows(jump, dxJump, dx[i])
            hs.append(h); dts.append(dt); dxs.append(dxPiece)
        }
        let states = Tensor.stack(hs)                                        // [T, B, S]

        // The Δt loss: read at the tick before a piece ends, the head should say how long it
        // lasted; when no piece ended, that it lasts to the end.
        let lengths = Tensor.stack(Array(ended[burnIn...]))                  // [T − burnIn, B, 1]
        let guesses = predictDt(states[(burnIn - 1)..<(frames - 1)])
        let mask = lengths.greater(than: 0), count = mask.nonZeroCount
        let lossDt = count > 0
            ? (((guesses - lengths).square() * mask).sum() + tiny) / (tiny + Float(count))
            : (guesses - Float(frames)).square().mean()

        // The change loss at the end of each piece, and Δt = 0 must decode to no change.
        let change = (scoredSquaredError(decode(linearDynamics(states, dt: Tensor.stack(dts))), Tensor.stack(dxs)) + tiny).mean()
        let atZero = (decode(linearDynamics(states, dt: Tensor(0))).square() + tiny).mean()
        let meanDt = count > 0 ? Double(lengths.scalars.filter { $0 > 0 }.reduce(0, +)) / Double(count) : Double(frames)
        return TeacherForcingLoss(dx: change + 0.1 * atZero, changeMSE: Double(change.item) - Double(tiny),
                                  dt: lossDt * options.dtLossCoefficient, meanDt: meanDt,
                                  ticks: ended.map { $0.scalars.map { $0 > 0 } })
    }

    // MARK: 5. Sampling and interpolation

    /// The model on its own after `burnIn` frames of `x` (`[T, B, D]`), one tick per frame: the
    /// reference's `sample`. Tick i starts a piece at time t̂ᵢ from the estimate x̂ᵢ with state
    /// ĥᵢ; the jumpy model's Δt head says how long the piece is, the others take 1 frame.
    /// Auxiliary columns (the shot task's action) are inputs, never predicted: read from frame
    /// ⌊t̂ᵢ⌋ of the data and zero in x̂. `dts` (`[ticks, B, 1]`), when given, is each tick's Δt
    /// in place of the head's: the pieces the jumpy rollout objective takes from teacher forcing.
    public func referenceSample(_ x: Tensor, burnIn: Int, constantDt: Float? = nil, dts: Tensor? = nil) -> (x: Tensor, t: Tensor, h: Tensor) {
        let (frames, batch, width) = (x.shape[0], x.shape[1], x.shape[2])
        let scored = configuration.scoredWidth
        var h = initialState(batch: batch)
        var dtPrevious = Tensor.ones([batch, 1])
        var xHat = [x[0]], tHat = [Tensor.zeros([batch, 1])], hHat: [Tensor] = []
        for i in 0..<frames {
            var input = i < burnIn ? x[i] : xHat[i]          // teacher forced, then its own estimate
            if i >= burnIn && scored < width {
                let frame = tHat[i].scalars.map { Int($0.isFinite ? min(Float(frames - 1), max(0, $0)) : 0) }
                let actions = x.reshaped([frames * batch, width]).rows(frame.indices.map { frame[$0] * batch + $0 })
                input = .concatenate([input.slice(lastAxis: 0..<scored), actions.slice(lastAxis: scored..<width)])
            }
            h = cell(encode(input), flow(h, dt: dtPrevious))   // tick
            var dt = Tensor.ones([batch, 1])
            if i >= burnIn - 1 {
                if let constantDt { dt = .full([batch, 1], constantDt) } else if kind == .jumpy { dt = predictDt(h) }
            }
            if let dts { dt = dts[i] }
            var next = input + decode(flow(h, dt: dt))          // x̂ at the end of the piece
            if scored < width { next = .concatenate([next.slice(lastAxis: 0..<scored), .zeros([batch, width - scored])]) }
            xHat.append(next); tHat.append(tHat[i] + dt); hHat.append(h)
            dtPrevious = dt
        }
        return (.stack(Array(xHat.dropLast())), .stack(Array(tHat.dropLast())), .stack(hHat))
    }

    /// The sample `(x̂, t̂, ĥ)` read at times `queries` (`[Q, B, D]`): each from the last piece
    /// that starts, plus `offset`, before the query, `x̂ + decode(flow(ĥ, t − t̂))`. The
    /// reference's `interpolate`.
    public func referenceInterpolate(_ sample: (x: Tensor, t: Tensor, h: Tensor), at queries: [Float],
                                     offset: Float) -> Tensor {
        let (ticks, batch, width) = (sample.x.shape[0], sample.x.shape[1], sample.x.shape[2])
        let scored = configuration.scoredWidth
        return .stack(queries.map { query in
            let piece = (0..<batch).map { b in
                max(0, (0..<ticks).filter { sample.t.scalars[$0 * batch + b] + offset < query }.count - 1)
            }
            let rows = piece.indices.map { piece[$0] * batch + $0 }
            let start = sample.t.reshaped([ticks * batch, 1]).rows(rows)
            let base = sample.x.reshaped([ticks * batch, width]).rows(rows)
            let state = sample.h.reshaped([ticks * batch, sample.h.shape[2]]).rows(rows)
            let value = base + decode(flow(state, dt: Tensor.full([batch, 1], query) - start))
            return scored == width ? value : .concatenate([value.slice(lastAxis: 0..<scored), .zeros([batch, width - scored])])
        })
    }
}
