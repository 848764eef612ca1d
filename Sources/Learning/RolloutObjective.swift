import Tensor

/// What a training step minimises.
public enum TrainingObjective: String, CaseIterable, Sendable {
    /// The reference's: the model reads every true frame and predicts the next change.
    case teacher
    /// After the burn-in the model reads its own predictions, as a rollout does, and the loss
    /// is the error of every predicted frame. Teacher forcing never shows a model its own
    /// mistakes, so a small error early in a rollout can grow unchecked; this trains against
    /// that. Models that tick every frame tick every frame; a jumpy model keeps the pieces
    /// its teacher forcing chooses (`jumpyRolledOutSums`) and adds teacher forcing's Δt loss.
    case rollout
}

extension SequenceModel {
    /// The rollout objective's losses on `sequence` (`[T+1, B, D]`; see `rolledOutSums`), for
    /// models that tick every frame.
    public func rolloutObjective(_ sequence: Tensor, burnIn: Int) -> TeacherForcingLoss {
        TeacherForcingSums.combine([rolledOutSums(sequence, burnIn: burnIn)], dtLossCoefficient: 0).whole
    }

    /// The rollout objective's losses on `sequence` for any kind, as training computes them:
    /// a jumpy model's pieces are those of its teacher forcing with `options` and the coins
    /// drawn from `rng` (as `teacherForcing` draws them; `ticks` says where it ticked); the
    /// other kinds use only the burn-in and draw nothing.
    public func rolloutObjective(_ sequence: Tensor, options: TeacherForcingOptions,
                                 rng: inout SeededGenerator) -> TeacherForcingLoss {
        let coins = explorationCoins(for: sequence, options: options, rng: &rng)
        let sums = lossSums(sequence, objective: .rollout, options: options, coins: coins)
        return TeacherForcingSums.combine([sums], dtLossCoefficient: options.dtLossCoefficient).whole
    }

    /// Rolled-out loss sums on `sequence` (`[T+1, B, D]`): frames 0 … burnIn−1 are read from
    /// the data, later ones are the model's own predictions of the scored columns (the
    /// auxiliary columns stay the data's: an action is an input, never a prediction). The sum
    /// is over every predicted frame 1 … T of the squared error of the scored columns, so its
    /// mean is the rollout's MSE per coordinate.
    func rolledOutSums(_ sequence: Tensor, burnIn: Int) -> TeacherForcingSums {
        precondition(kind != .jumpy, "a jumpy model's rollout objective is jumpyRolledOutSums")
        let (frames, batch) = (sequence.shape[0] - 1, sequence.shape[1])
        let (width, scored) = (configuration.observationWidth, configuration.scoredWidth)
        let one = Tensor(1)
        var state = initialState(batch: batch)
        var predicted = sequence[0]
        var total = Tensor(0)
        for i in 0..<frames {
            let truth = sequence[i]
            let input = i < burnIn ? truth
                : scored == width ? predicted
                : Tensor.concatenate([predicted.slice(lastAxis: 0..<scored), truth.slice(lastAxis: scored..<width)])
            state = cell(encode(input), i == 0 ? state : flow(state, dt: one))
            predicted = input + decode(flow(state, dt: one))
            total = total + scoredSquaredError(predicted, sequence[i + 1]).sum()
        }
        return TeacherForcingSums(change: total, changeCount: frames * batch * scored, frames: frames)
    }
}
