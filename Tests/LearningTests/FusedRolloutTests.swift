import Testing
@testable import Learning
@testable import Tensor
import TestSupport

/// The fused rollout tick (`FusedRollout.swift`) against the general one (`tickRecords`).
/// The products sum in another order than sgemm, so values agree to 1e-5 relative (plus
/// 1e-6 absolute for values near zero), tick counts exactly.
@Suite struct FusedRolloutTests {
    /// Smooth random walks `[frames, batch, width]`, as a physical trajectory moves; the last
    /// `auxiliary` columns jump at random instead (the shot task's action).
    func walks(frames: Int = 21, batch: Int, width: Int, auxiliary: Int = 0, seed: UInt64) -> Tensor {
        var rng = SeededGenerator(seed: seed)
        var x = (0..<(batch * width)).map { _ in Float(rng.uniform()) }
        let v = (0..<(batch * width)).map { _ in Float(rng.uniform() - 0.5) * 0.1 }
        var scalars: [Float] = []
        for _ in 0..<frames {
            for i in 0..<(batch * width) {
                x[i] = i % width >= width - auxiliary ? Float(rng.uniform()) : x[i] + v[i]
            }
            scalars += x
        }
        return Tensor(shape: [frames, batch, width], scalars: scalars)
    }

    func model(_ kind: ModelKind, width: Int, auxiliary: Int = 0, hidden: Int = 8, rnn: Int = 8, seed: UInt64 = 2) -> SequenceModel {
        SequenceModel(ModelConfiguration(kind: kind, observationWidth: width, auxiliaryWidth: auxiliary,
                                         hidden: hidden, rnn: rnn), seed: seed)
    }

    /// The fused and the general rollout agree: every tick, time, Δt, observation and state.
    func expectAgreement(_ m: SequenceModel, _ data: Tensor, _ options: RolloutOptions = .init(),
                         sourceLocation: SourceLocation = #_sourceLocation) {
        let general = m.rollout(data, options: options, fused: false)
        let fused = m.rollout(data, options: options, fused: true)
        #expect(fused.tickCounts == general.tickCounts, sourceLocation: sourceLocation)
        #expect(fused.observations.shape == general.observations.shape && fused.states.shape == general.states.shape,
                sourceLocation: sourceLocation)
        for (name, a, b) in [("times", fused.times.scalars, general.times.scalars), ("Δts", fused.tickDts, general.tickDts),
                             ("observations", fused.observations.scalars, general.observations.scalars),
                             ("states", fused.states.scalars, general.states.scalars)] {
            // +∞ pads both the same way; isClose would see ∞ − ∞.
            let (x, y) = (a.map { $0.isInfinite ? 0 : $0 }, b.map { $0.isInfinite ? 0 : $0 })
            #expect(zip(a, b).allSatisfy { $0.isInfinite == $1.isInfinite }, "\(name): padding", sourceLocation: sourceLocation)
            #expect(isClose(x, y, relative: 1e-5, absolute: 1e-6), "\(name): max difference \(maxDifference(x, y))",
                    sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [ModelKind.rnn, .jumpy], [1, 7])
    func agreesWithTheGeneralPath(kind: ModelKind, batch: Int) {
        let data = walks(batch: batch, width: 4, seed: 1)
        let m = model(kind, width: 4)
        expectAgreement(m, data)
        expectAgreement(m, data, RolloutOptions(stopAtHorizon: false))
        expectAgreement(m, data, RolloutOptions(constantDt: 3))
        expectAgreement(m, data, RolloutOptions(burnIn: 1, constantDt: 2.5, stopAtHorizon: false))
        expectAgreement(m, data, RolloutOptions(burnIn: 6, offset: 0.25))
    }

    @Test(arguments: [ModelKind.rnn, .jumpy])
    func agreesWithAuxiliaryColumns(kind: ModelKind) {
        // As the shots world: two auxiliary columns after the scored ones.
        for batch in [1, 6] {
            let data = walks(batch: batch, width: 6, auxiliary: 2, seed: 3)
            let m = model(kind, width: 6, auxiliary: 2)
            expectAgreement(m, data)
            expectAgreement(m, data, RolloutOptions(constantDt: 1.5))
            expectAgreement(m, data, RolloutOptions(stopAtHorizon: false))
        }
    }

    @Test(arguments: [ModelKind.rnn, .jumpy])
    func agreesAtTheBenchmarksSize(kind: ModelKind) {
        // Hidden 128, billiards2d's width and 45 frames; 5 rows take a block of four and one.
        let data = walks(frames: 45, batch: 5, width: 4, seed: 4)
        let m = model(kind, width: 4, hidden: 128, rnn: 128, seed: 0)
        expectAgreement(m, data)
        expectAgreement(m, data.batch(2..<3))
    }

    @Test(arguments: [ModelKind.rnn, .jumpy])
    func agreesAtLargeBatchesAndMatchesEachTrajectoryAlone(kind: ModelKind) {
        // 131 rows: many blocks of six rows and a remainder; auxiliary columns. Every
        // trajectory rolls out the same bits alone as in the batch (planning scores
        // candidates in batches of hundreds).
        let data = walks(batch: 131, width: 6, auxiliary: 2, seed: 10)
        let m = model(kind, width: 6, auxiliary: 2, hidden: 20, rnn: 18)
        expectAgreement(m, data)
        expectAgreement(m, data, RolloutOptions(constantDt: 2, stopAtHorizon: false))
        let whole = m.rollout(data, options: .init(), fused: true)
        for b in [0, 64, 130] {
            let alone = m.rollout(data.batch(b..<(b + 1)), options: .init(), fused: true)
            #expect(alone.tickCounts == [whole.tickCounts[b]])
            #expect(alone.frameGrid().scalars == whole.frameGrid().gatherBatch([b]).scalars)
        }
    }

    @Test func agreesAtWidthsThatAreNotVectors() {
        // 20 and 18 are not multiples of 16 (nor of 8): the kernels' partial columns.
        let data = walks(batch: 9, width: 3, seed: 5)
        expectAgreement(model(.jumpy, width: 3, hidden: 20, rnn: 18), data)
        expectAgreement(model(.rnn, width: 3, hidden: 20, rnn: 18), data)
    }

    @Test(arguments: [ModelKind.rnn, .jumpy])
    func noticesWeightUpdates(kind: ModelKind) {
        let data = walks(batch: 3, width: 4, seed: 6)
        let m = model(kind, width: 4)
        let before = m.rollout(data, options: .init(), fused: true).frameGrid().scalars
        // Every packed layer reads its parameter's current value: change each in turn.
        for (index, parameter) in m.parameters.enumerated() {
            parameter.update(parameter.value.scalars.map { $0 * 1.25 + Float(index % 3) * 0.01 })
            expectAgreement(m, data)
        }
        #expect(maxDifference(m.rollout(data, options: .init(), fused: true).frameGrid().scalars, before) > 1e-3)
    }

    @Test(arguments: [ModelKind.rnn, .jumpy])
    func sameBitsAloneInABatchAndOnEveryThreadCount(kind: ModelKind) {
        // Each product sums in input order whatever the rows around it: a trajectory's
        // rollout does not depend on its batch, so neither on the shards.
        let data = walks(batch: 7, width: 4, seed: 7)
        let m = model(kind, width: 4, hidden: 24, rnn: 16)
        let whole = m.rollout(data, options: .init(), fused: true)
        for b in 0..<7 {
            let alone = m.rollout(data.batch(b..<(b + 1)), options: .init(), fused: true)
            #expect(alone.tickCounts == [whole.tickCounts[b]])
            #expect(alone.frameGrid().scalars == whole.frameGrid().gatherBatch([b]).scalars)
        }
        for threads in [2, 3] {
            let sharded = Threads.with(threads) { m.rollout(data, options: .init(), fused: true) }
            #expect(sharded.frameGrid().scalars == whole.frameGrid().scalars)
            #expect(sharded.states.scalars == whole.states.scalars && sharded.tickDts == whole.tickDts)
        }
    }

    @Test func joinedPartsOfDifferentLengthsAreTheWholeRollout() {
        // A Δt head that varies with the state: trajectories stop after different numbers of
        // ticks, so parts are padded to the longest (times +∞, Δt 0, the last tick repeated).
        let data = walks(batch: 9, width: 4, seed: 11)
        let m = model(.jumpy, width: 4, hidden: 16, rnn: 16, seed: 3)
        var rng = SeededGenerator(seed: 12)
        m.dtPredictor.weight.update(Tensor.randomNormal(m.dtPredictor.weight.value.shape, using: &rng).scalars.map { $0 * 3 })
        m.dtPredictor.bias.update([2])
        let whole = m.rollout(data)
        let parts = [0..<3, 3..<4, 4..<9].map { m.rollout(data.batch($0)) }
        #expect(Set(whole.tickCounts).count > 1 && Set(parts.map { $0.times.shape[0] }).count > 1)
        for threads in [1, 2, 3] {
            let joined = Threads.with(threads) { Rollout(joining: parts) }
            #expect(joined.tickCounts == whole.tickCounts)
            #expect(joined.times.shape == whole.times.shape && joined.states.shape == whole.states.shape)
            #expect(joined.times.scalars == whole.times.scalars && joined.tickDts == whole.tickDts)
            #expect(joined.observations.scalars == whole.observations.scalars)
            #expect(joined.states.scalars == whole.states.scalars)
        }
    }

    @Test func everyInstructionSetGivesTheSameBits() {
        for kind in [ModelKind.rnn, .jumpy] {
            let data = walks(batch: 6, width: 4, seed: 8)
            let m = model(kind, width: 4, hidden: 40, rnn: 34)
            let results = KernelPath.available.map { m.fusedRollout(data, options: .init(), path: $0) }
            for r in results.dropFirst() {
                #expect(r.tickCounts == results[0].tickCounts)
                #expect(r.observations.scalars == results[0].observations.scalars)
                #expect(r.states.scalars == results[0].states.scalars)
                #expect(r.tickDts == results[0].tickDts)
            }
        }
    }

    @Test func otherCellsAndTheODERNNTakeTheGeneralPath() {
        #expect(model(.rnn, width: 2).hasFusedRollout && model(.jumpy, width: 2).hasFusedRollout)
        #expect(!model(.odernn, width: 2).hasFusedRollout)
        for cell in [CellKind.lstm, .vanilla] {
            let m = SequenceModel(ModelConfiguration(kind: .jumpy, cell: cell, observationWidth: 2, hidden: 8, rnn: 8), seed: 1)
            #expect(!m.hasFusedRollout)
        }
    }
}

/// `PackedLinear` against `affine` (sgemm) and against itself on every instruction set.
@Suite struct PackedLinearTests {
    @Test func matchesAffineWithEveryEpilogue() {
        var rng = SeededGenerator(seed: 9)
        // Panels of 64 columns: whole ones, a narrower last one (100 → 64 + 48; 200 → 3 × 64 +
        // 16), and one or two rows' eight-vector tiles spanning two panels.
        for (rows, inputs, outputs) in [(1, 4, 128), (1, 128, 384), (3, 33, 17), (9, 8, 1), (6, 128, 4), (2, 20, 50),
                                        (7, 24, 100), (2, 16, 200), (13, 5, 200)] {
            let x = Tensor.randomNormal([rows, inputs], using: &rng)
            let w = Tensor.randomNormal([outputs, inputs], using: &rng), b = Tensor.randomNormal([outputs], using: &rng)
            let residual = Tensor.randomNormal([rows, outputs], using: &rng)
            let packed = PackedLinear(weight: w, bias: b)
            let affine = Tensor.affine(x * 0.5, weight: w, bias: b).scalars
            let expected: [[Float]] = [affine, affine.map { max($0, 0) },
                                       zip(residual.scalars, affine).map { $0 + max($1, 0) }]
            var byLevel: [[[UInt32]]] = []
            for path in KernelPath.available {
                var outputsByEpilogue: [[Float]] = []
                for epilogue in 0..<3 {
                    var y = [Float](repeating: .nan, count: rows * outputs)
                    x.scalars.withUnsafeBufferPointer { xs in
                        residual.scalars.withUnsafeBufferPointer { r in
                            y.withUnsafeMutableBufferPointer { y in
                                let e: PackedLinear.Epilogue = [.none, .relu, .residualRelu(r.baseAddress!, stride: outputs)][epilogue]
                                packed.apply(xs.baseAddress!, stride: inputs, rows: rows, scale: 0.5, epilogue: e,
                                             into: y.baseAddress!, stride: outputs, path: path)
                            }
                        }
                    }
                    #expect(isClose(y, expected[epilogue], relative: 1e-5, absolute: 1e-5), "\(rows)×\(inputs)→\(outputs) path \(path)")
                    outputsByEpilogue.append(y)
                }
                byLevel.append(outputsByEpilogue.map { $0.map(\.bitPattern) })
            }
            // Every instruction set gives the portable level's bits.
            #expect(byLevel.allSatisfy { $0 == byLevel[0] })
        }
    }
}
