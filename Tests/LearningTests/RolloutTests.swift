import Testing
import Learning
import Tensor
import TestSupport

@Suite struct RolloutTests {
    func model(_ kind: ModelKind, auxiliary: Int = 0, width: Int = 2) -> SequenceModel {
        SequenceModel(ModelConfiguration(kind: kind, observationWidth: width, auxiliaryWidth: auxiliary, hidden: 8, rnn: 8), seed: 2)
    }

    @Test func rnnTicksOncePerFrameUpToTheHorizon() {
        let data = lineSequences(3, seed: 1)                         // [21, 3, 2]
        let rollout = model(.rnn).rollout(data)
        #expect(rollout.tickCounts == [20, 20, 20])
        #expect(rollout.ticksToHorizon == [20, 20, 20])
        #expect(rollout.ticksAfterBurnIn == [16, 16, 16])
        #expect(rollout.ticks(of: 0).map(\.time) == (0..<20).map(Float.init))
    }

    @Test func jumpyRolloutCostsItsTicksNotItsFrames() {
        // A constant Δt of 5 after the burn-in: ticks at 0, 1, 2, 3, 8, 13, 18 — seven, and
        // the piece from 18 covers frame 20.
        let data = lineSequences(2, seed: 1)
        let rollout = model(.jumpy).rollout(data, options: RolloutOptions(constantDt: 5))
        #expect(rollout.tickCounts == [7, 7])
        #expect(rollout.ticks(of: 1).map(\.time) == [0, 1, 2, 3, 8, 13, 18])
        #expect(rollout.ticksAfterBurnIn == [3, 3])
        #expect(rollout.frameGrid().shape == [21, 2, 2])
    }

    @Test func batchOfOneEqualsItsRowInABatch() {
        let data = lineSequences(4, seed: 3)
        let m = model(.jumpy)
        let whole = m.rollout(data)
        let single = m.rollout(data.batch(2..<3))
        #expect(single.tickCounts == [whole.tickCounts[2]])
        let a = whole.frameGrid().gatherBatch([2]).scalars, b = single.frameGrid().scalars
        #expect(maxDifference(a, b) < 1e-5)
    }

    @Test func interpolationIsContinuousInsideAPieceAndExactAtTickStarts() {
        let data = lineSequences(2, seed: 5)
        let rollout = model(.jumpy).rollout(data, options: RolloutOptions(constantDt: 4))
        // Inside the piece that starts at 7 (ticks 0,1,2,3,7,…), x(t) is affine in t.
        let x = rollout.interpolate(at: [8, 9, 10]).scalars
        for j in 0..<4 { #expect(Swift.abs((x[j] + x[8 + j]) / 2 - x[4 + j]) < 1e-4) }
        // A query at 7.5 is not yet past the tick at 7 plus the offset 0.5, so the piece from
        // 3 answers it: x(5), x(6.25), x(7.5) lie on one line; x(7.6) comes from the next piece.
        let y = rollout.interpolate(at: [5, 6.25, 7.5, 7.6]).scalars
        for j in 0..<4 { #expect(Swift.abs((y[j] + y[8 + j]) / 2 - y[4 + j]) < 1e-4) }
        var onOldLine: [Float] = []
        for j in 0..<4 {
            let slope = y[8 + j] - y[4 + j]          // per 1.25 frames
            onOldLine.append(y[8 + j] + slope * 0.08)
        }
        #expect(maxDifference(Array(y[12..<16]), onOldLine) > 1e-3)
    }

    @Test func frameGridKeepsTheFirstFramesAndMSEIsZeroAgainstItself() {
        let data = lineSequences(3, seed: 7)
        let rollout = model(.rnn).rollout(data)
        let grid = rollout.frameGrid()
        #expect(Array(grid.scalars[0..<6]) == Array(data.scalars[0..<6]))   // frame 0 is the data
        #expect(rollout.autoregressiveMSE(against: grid) == 0)
        #expect(rollout.autoregressiveMSE(against: data) > 0)
    }

    @Test func auxiliaryColumnsAreReadFromTheDataNeverPredicted() {
        var rng = SeededGenerator(seed: 4)
        let data = Tensor.randomNormal([10, 2, 3], using: &rng)
        let m = model(.rnn, auxiliary: 1, width: 3)
        let rollout = m.rollout(data)
        // After frame 0 the auxiliary column of every estimate is zero: never predicted.
        let grid = rollout.frameGrid().scalars
        for row in 2..<(10 * 2) { #expect(grid[row * 3 + 2] == 0) }
        // Changing the data's auxiliary column after the burn-in changes the rollout.
        var changed = data.scalars
        for row in (6 * 2)..<(7 * 2) { changed[row * 3 + 2] += 5 }
        let other = m.rollout(Tensor(shape: data.shape, scalars: changed))
        #expect(other.frameGrid().scalars != rollout.frameGrid().scalars)
    }

    @Test func rolloutRecordsNoTape() {
        // Were the rollout recorded, the loss below (its own tensors, not copies) would reach
        // every parameter through it; the first parameter's term shows backward does run.
        let m = model(.jumpy)
        let rollout = m.rollout(lineSequences(2, seed: 1))
        let outputs = [rollout.observations, rollout.times, rollout.states, rollout.frameGrid(),
                       rollout.interpolate(at: [2.5, 7.25])]
        #expect(outputs.allSatisfy { !$0.requiresGrad })
        var loss = m.parameters[0].value.sum()
        for output in outputs { loss = loss + output.sum() }
        loss.backward()
        #expect(m.parameters[0].grad != nil)
        #expect(m.parameters.dropFirst().allSatisfy { $0.grad == nil })
    }

    @Test func stoppingAtTheHorizonChangesNothingOnTheFrameGrid() {
        // The reference ticks once per frame; stopping early must give the same grid.
        let data = lineSequences(5, seed: 6)
        let m = model(.jumpy)
        let early = m.rollout(data, options: RolloutOptions(constantDt: 3))
        let full = m.rollout(data, options: RolloutOptions(constantDt: 3, stopAtHorizon: false))
        #expect(early.tickCounts.allSatisfy { $0 < 21 })
        #expect(maxDifference(early.frameGrid().scalars, full.frameGrid().scalars) < 1e-6)
        #expect(Swift.abs(early.autoregressiveMSE(against: data) - full.autoregressiveMSE(against: data)) < 1e-9)
    }

    @Test func evaluationAndComparisonTable() {
        let data = lineSequences(6, seed: 2)
        let models = [("base", model(.rnn)), ("net", model(.jumpy)), ("ode", model(.odernn))]
        let comparison = Comparison(models: models, data: data)
        #expect(comparison.rows.map(\.name) == ["base", "net", "ode"])
        for (row, (_, m)) in zip(comparison.rows, models) {
            // Each row is its model's own rollout over the whole split (one batch here).
            let rollout = m.rollout(data)
            let e = row.evaluation
            #expect(e.kind == m.kind && e.parameters == m.parameterCount && e.stepsTrained == 0)
            #expect(Swift.abs(e.autoregressiveMSE - rollout.autoregressiveMSE(against: data)) < 1e-12)
            #expect(e.ticksPerTrajectory == Double(rollout.ticksToHorizon.reduce(0, +)) / 6)
            #expect(e.ticksAfterBurnIn == Double(rollout.ticksAfterBurnIn.reduce(0, +)) / 6)
        }
        // The RNN and the ODE-RNN tick at every frame but the last: 20 ticks, 16 after burn-in.
        #expect(comparison.rows[0].evaluation.ticksPerTrajectory == 20 && comparison.rows[2].evaluation.ticksAfterBurnIn == 16)
        #expect(comparison.rows[0].evaluation.meanDt == 1)
        // The table prints those numbers, one row per model under a header and a rule.
        let lines = comparison.text(includingTimings: false).split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0].split(separator: " ").first == "model" && lines[1].allSatisfy { $0 == "-" })
        for (line, row) in zip(lines.dropFirst(2), comparison.table) {
            #expect(line.split(separator: " ").map(String.init) == Array(row.dropLast()))
        }
        let base = lines[2].split(separator: " ").map(String.init)
        #expect(Array(base.prefix(5)) == ["base", "rnn", "gru", String(models[0].1.parameterCount), "0"])
        #expect(base[7] == "20.00")
        #expect(comparison.text.split(separator: "\n")[0].hasSuffix("rollouts/s"))
    }
}

extension RolloutTests {
    /// Rollouts fold the encoder's last layer into the cell's input projection; the states
    /// they reach must be the cell's on the encoder's output, also after the weights change.
    @Test func foldedEncoderAgreesWithEncoderThenCell() {
        let data = lineSequences(3, seed: 4)
        let m = model(.rnn)
        func firstStates() -> (folded: [Float], plain: [Float]) {
            let rollout = m.rollout(data)
            let plain = m.cell(m.encode(data[0]), m.initialState(batch: 3))
            return (rollout.states[0].scalars, plain.scalars)
        }
        let before = firstStates()
        #expect(maxDifference(before.folded, before.plain) < 1e-5)
        // A changed weight must reach the next rollout (the folded copy is not stale).
        let w = m.encoder.linear4.weight
        w.update(w.value.scalars.map { $0 * 1.5 + 0.01 })
        let after = firstStates()
        #expect(maxDifference(after.folded, after.plain) < 1e-5)
        #expect(maxDifference(after.folded, before.folded) > 1e-3)
    }
}
