import Dispatch
import Learning
import Tensor

/// Evaluations and rollouts of many trajectories, in parts with a Ctrl-C check between them:
/// the model code runs a whole batch at once, and 18 000 trajectories take a minute on a
/// busy machine. Parts of 500 match the batches `evaluate` uses itself, so the figures are
/// those of one call (a rollout's trajectories are independent; joined, they are the whole
/// rollout up to float rounding in the matrix products).
extension Invocation {
    static let trajectoriesPerPart = 500

    /// `model.evaluate(on: data, burnIn:)`, or `CommandError` "interrupted" (nothing to keep).
    /// Over one part it is that call; over more, the same loop as `SequenceModel.evaluate`
    /// (keep them in step) with a check between parts, so the figures are the same: the mean
    /// Δt in particular is a Float sum over all trajectories, which parts' means would not
    /// reproduce.
    func evaluate(_ model: SequenceModel, on data: Tensor, burnIn: Int, argument: String, label: String = "eval") throws -> Evaluation {
        let count = data.shape[1]
        guard count > Self.trajectoriesPerPart else {
            try stopIfInterrupted(done: 0, of: count, what: "evaluation", argument: argument)
            return model.evaluate(on: data, burnIn: burnIn, batch: Self.trajectoriesPerPart)
        }
        var teacherForcing = TeacherForcingOptions()
        teacherForcing.burnIn = burnIn
        var change = 0.0, squared = 0.0, ticks = 0, after = 0, dts: [Float] = [], nanoseconds: UInt64 = 0
        var progress = progress(total: count, label: label)
        defer { progress.finish() }
        for range in Self.parts(of: count) {
            try stopIfInterrupted(done: range.lowerBound, of: count, what: "evaluation", argument: argument)
            let part = data.batch(range)
            let weight = Double(range.count)
            change += model.evaluateTeacherForced(part, options: teacherForcing, batch: Self.trajectoriesPerPart).changeMSE * weight
            let start = DispatchTime.now().uptimeNanoseconds
            let rollout = model.rollout(part, options: RolloutOptions(burnIn: burnIn))
            nanoseconds += DispatchTime.now().uptimeNanoseconds - start
            squared += rollout.autoregressiveMSE(against: part) * weight
            ticks += rollout.ticksToHorizon.reduce(0, +)
            after += rollout.ticksAfterBurnIn.reduce(0, +)
            dts += rollout.predictedDts
            progress.update(step: range.upperBound)
        }
        // The model's own figures (kind, cell, parameters, steps) from one trajectory; the
        // data's replace the rest.
        var evaluation = model.evaluate(on: data.batch(0..<1), burnIn: burnIn)
        let n = Double(count)
        evaluation.teacherForcedMSE = change / n
        evaluation.autoregressiveMSE = squared / n
        evaluation.ticksPerTrajectory = Double(ticks) / n
        evaluation.ticksAfterBurnIn = Double(after) / n
        evaluation.meanDt = model.kind == .jumpy ? Double(dts.reduce(0, +)) / Double(max(dts.count, 1)) : 1
        evaluation.dtHistogram = dtHistogram(dts)
        evaluation.rolloutsPerSecond = n / max(Double(nanoseconds) / 1e9, 1e-9)
        return evaluation
    }

    /// `model.rollout(data, options:)`, or `CommandError` "interrupted" (nothing to keep).
    func rollout(_ model: SequenceModel, on data: Tensor, options: RolloutOptions, argument: String) throws -> Rollout {
        var parts: [Rollout] = []
        var progress = progress(total: data.shape[1], label: "rollout")
        defer { progress.finish() }
        for range in Self.parts(of: data.shape[1]) {
            try stopIfInterrupted(done: range.lowerBound, of: data.shape[1], what: "rollout", argument: argument)
            parts.append(model.rollout(data.batch(range), options: options))
            progress.update(step: range.upperBound)
        }
        return Rollout(joining: parts)
    }

    private func stopIfInterrupted(done: Int, of count: Int, what: String, argument: String) throws {
        guard isInterrupted else { return }
        throw CommandError("interrupted: the \(what) stopped after \(done) of \(count) trajectories, so it gives nothing", argument: argument)
    }

    /// `0..<500, 500..<1000, …` up to `count` (one empty part for no trajectories, so the
    /// model code reports on empty data as before).
    static func parts(of count: Int) -> [Range<Int>] {
        guard count > 0 else { return [0..<0] }
        return stride(from: 0, to: count, by: trajectoriesPerPart).map { $0..<min($0 + trajectoriesPerPart, count) }
    }
}
