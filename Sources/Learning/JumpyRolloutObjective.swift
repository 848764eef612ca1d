import Tensor

// The rollout objective for the jumpy model: the model's own rollout, with the method's jumps.
//
// A jumpy model's rollout ticks where its Δt head says; that choice is not differentiable, and
// a head that is still learning would pick pieces unlike the data's. Here the pieces (which
// frames tick, so how long each piece lasts) are jumpy teacher forcing's on the true frames:
// the ε rule with its exploration coins, the same coins as teacher forcing draws from the
// same seeded generator. Between the ticks the model runs as its rollout does: after the
// burn-in a tick reads the model's own estimate of that frame (the end of the previous piece)
// instead of the data, and every frame between ticks is read along the linear piece, as
// `referenceSample` with these Δt and `referenceInterpolate` read it.

extension SequenceModel {
    /// The jumpy rollout objective's loss sums on `sequence` (`[T+1, B, D]`):
    ///
    /// - the change term: Σ over frames 1 … T of the squared error of the scored columns of
    ///   the rolled-out frame, `x̂(j) = x̂(tick) + decode(flow(h(tick), j − tick))` from the
    ///   last tick before j. Frames 0 … burnIn−1 tick and read the data; later ticks read
    ///   x̂ (with the data's auxiliary columns: an action is an input, never a prediction).
    ///   Its mean is the rolled-out frames' MSE per coordinate. There is no Δt = 0 term: no
    ///   rolled-out frame is decoded at Δt = 0 (a frame at a tick is the tick's own estimate).
    /// - the Δt term, teacher forcing's formula: at the tick before each piece ends, the head
    ///   should say the piece's length, read at the rolled-out state (the one a rollout reads
    ///   it at). Without it nothing would keep the head trained while the states it reads move.
    ///
    /// The pieces come from `teacherForcingSums` on the same frames and coins (`ticks`), so they
    /// are exactly teacher forcing's; they are decisions, never differentiated.
    func jumpyRolledOutSums(_ sequence: Tensor, options: TeacherForcingOptions,
                            coins: ExplorationCoins) -> TeacherForcingSums {
        precondition(kind == .jumpy, "the jumpy rollout objective is for jumpy models")
        let (frames, batch) = (sequence.shape[0] - 1, sequence.shape[1])
        let (width, scored) = (configuration.observationWidth, configuration.scoredWidth)
        let burnIn = options.burnIn
        let ticks = withoutTape { teacherForcingSums(sequence, options: options, coins: coins).ticks }   // T × B

        var state = initialState(batch: batch)
        var start = [Float](repeating: -1, count: batch)    // the frame of the current piece's tick
        var origin = sequence[0]                             // the observation that tick read
        var estimate = sequence[0]                           // x̂ of frame i
        var total = Tensor(0)
        var states: [Tensor] = [], endedDts: [[Float]] = []
        for i in 0..<frames {
            let truth = sequence[i]
            let input = i < burnIn ? truth
                : scored == width ? estimate
                : Tensor.concatenate([estimate.slice(lastAxis: 0..<scored), truth.slice(lastAxis: scored..<width)])
            let jump = ticks[i].map { !$0 }
            let sinceTick = start.map { Float(i) - $0 }
            endedDts.append((0..<batch).map { jump[$0] ? 0 : sinceTick[$0] })
            let ticked = cell(encode(input), linearDynamics(state, dt: Tensor(shape: [batch, 1], scalars: sinceTick)))
            state = .selectRows(jump, state, ticked)
            origin = .selectRows(jump, origin, input)
            for b in 0..<batch where !jump[b] { start[b] = Float(i) }
            let ahead = Tensor(shape: [batch, 1], scalars: start.map { Float(i + 1) - $0 })
            estimate = origin + decode(linearDynamics(state, dt: ahead))   // x̂ of frame i + 1
            total = total + scoredSquaredError(estimate, sequence[i + 1]).sum()
            states.append(state)
        }
        var sums = dtLossSums(states: .stack(states), endedDts: endedDts, burnIn: burnIn)
        sums.change = total
        sums.changeCount = frames * batch * scored
        sums.ticks = ticks
        return sums
    }
}
