import Learning
import Tensor

/// Evaluations and rollouts of many trajectories, in parts with a Ctrl-C check between them:
/// the model code runs a whole batch at once, and 18 000 trajectories take a minute on a
/// busy machine. Parts of 500 are the batches `evaluate` uses itself (a rollout's
/// trajectories are independent; joined, they are the whole rollout up to float rounding in
/// the matrix products).
extension Invocation {
    static let trajectoriesPerPart = 500

    /// `model.evaluate(on: data, burnIn:)`, or `CommandError` "interrupted" (nothing to keep).
    func evaluate<Value>(_ model: SequenceModel, on data: Tensor, burnIn: Int, argument: CommandArgument<Value>,
                         label: String = "eval") throws -> Evaluation {
        let count = data.shape[1]
        var progress = progress(total: count, label: label, unit: "trajectories")
        defer { progress.finish() }
        if count == 0 { try stopIfInterrupted(done: 0, of: 0, what: "evaluation", argument: argument) }
        var done = 0
        let work = LongWork(report: { reached, _ in done = reached; progress.update(step: reached) }, isCancelled: { isInterrupted })
        guard let evaluation = model.evaluate(on: data, burnIn: burnIn, batch: Self.trajectoriesPerPart, work: work) else {
            throw stoppedError(done: done, of: count, what: "evaluation", argument: argument)
        }
        return evaluation
    }

    /// `model.rollout(data, options:)`, or `CommandError` "interrupted" (nothing to keep).
    func rollout<Value>(_ model: SequenceModel, on data: Tensor, options: RolloutOptions, argument: CommandArgument<Value>) throws -> Rollout {
        var parts: [Rollout] = []
        var progress = progress(total: data.shape[1], label: "rollout", unit: "trajectories")
        defer { progress.finish() }
        for range in Self.parts(of: data.shape[1]) {
            try stopIfInterrupted(done: range.lowerBound, of: data.shape[1], what: "rollout", argument: argument)
            parts.append(model.rollout(data.batch(range), options: options))
            progress.update(step: range.upperBound)
        }
        return Rollout(joining: parts)
    }

    private func stopIfInterrupted<Value>(done: Int, of count: Int, what: String, argument: CommandArgument<Value>) throws {
        guard isInterrupted else { return }
        throw stoppedError(done: done, of: count, what: what, argument: argument)
    }

    private func stoppedError<Value>(done: Int, of count: Int, what: String, argument: CommandArgument<Value>) -> CommandError {
        CommandError("interrupted: the \(what) stopped after \(done) of \(count) trajectories, so it gives nothing", argument: argument)
    }

    /// `0..<500, 500..<1000, …` up to `count` (one empty part for no trajectories, so the
    /// model code reports on empty data as before).
    static func parts(of count: Int) -> [Range<Int>] {
        guard count > 0 else { return [0..<0] }
        return stride(from: 0, to: count, by: trajectoriesPerPart).map { $0..<min($0 + trajectoriesPerPart, count) }
    }
}
