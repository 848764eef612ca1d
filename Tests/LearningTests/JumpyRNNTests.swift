import Testing
@testable import Learning
@testable import Tensor
import TestSupport

/// The readable method (`JumpyRNN.swift`) against PyTorch's numbers, and every fast path
/// against it. Where a fast path does the same arithmetic the results are the same bits; where
/// it sums in another order (folded and packed products, sums over shards, losses summed per
/// frame) they agree to the tolerance stated at the test.
@Suite struct JumpyRNNTests {
    let fixture = ReferenceFixture.shared

    var jumpyOptions: TeacherForcingOptions { ReferenceTests().jumpyOptions }

    func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }

    /// Gradients of every parameter after `backward` of `loss` on a fresh copy of `model`.
    func gradients(_ model: SequenceModel, _ loss: (SequenceModel) -> Tensor) -> [[Float]] {
        let twin = model.copy()
        loss(twin).backward()
        return twin.parameters.map { ($0.grad ?? .zeros($0.shape)).scalars }
    }

    /// Same as `isClose` for each parameter, at 1e-5 of the gradient's scale: the products of a
    /// pass over all frames at once and frame by frame add the same terms in another order.
    func gradientsAgree(_ a: [[Float]], _ b: [[Float]]) -> Bool {
        zip(a, b).allSatisfy { x, y in
            let scale = y.map { Swift.abs($0) }.max() ?? 0
            return isClose(x, y, relative: 1e-4, absolute: 1e-5 * scale + 1e-7)
        }
    }

    // MARK: The method against PyTorch

    @Test func teacherForcingMatchesPyTorch() {
        let reference = ReferenceTests()
        var rng = SeededGenerator(seed: 0)
        let jumpy = fixture.model(.jumpy)
        let loss = jumpy.referenceTeacherForcing(fixture["input.seq"], options: jumpyOptions, rng: &rng)
        #expect(reference.matches(loss.dx.reshaped([1]), fixture["jumpy.loss_dx"]))
        #expect(reference.matches(loss.dt.reshaped([1]), fixture["jumpy.loss_dt"]))
        #expect(Swift.abs(loss.meanDt - Double(fixture["jumpy.mean_dt"].item)) < 1e-6 && loss.meanDt > 1)
        loss.total.backward()
        #expect(reference.gradientMismatches(jumpy, prefix: "jumpy.grad") == [])

        let rnn = fixture.model(.rnn)
        let baseline = rnn.referenceTeacherForcing(fixture["input.seq"], rng: &rng)
        #expect(reference.matches(baseline.dx.reshaped([1]), fixture["baseline.loss"]))
        baseline.total.backward()
        #expect(reference.gradientMismatches(rnn, prefix: "baseline.grad") == [])
    }

    @Test func sampleAndInterpolationMatchPyTorch() {
        let reference = ReferenceTests()
        let sample = fixture.model(.jumpy).referenceSample(fixture["input.seq"], burnIn: Int(fixture.number("sample.autoregress_from")))
        #expect(reference.matches(sample.x, fixture["sample.x_hat"]))
        #expect(reference.matches(sample.t, fixture["sample.t_hat"]))
        #expect(reference.matches(sample.h, fixture["sample.h_hat"]))
        let read = fixture.model(.jumpy).referenceInterpolate(sample, at: fixture["interp.times"].scalars,
                                                              offset: Float(fixture.number("interp.offset")))
        #expect(reference.matches(read, fixture["interp.x"]))
    }

    // MARK: Teacher forcing

    /// Smooth walks with a few frames jumping, so that the jumpy gate both jumps and ticks.
    func walks(batch: Int = 5, width: Int = 4, auxiliary: Int = 0, seed: UInt64) -> Tensor {
        FusedRolloutTests().walks(frames: 12, batch: batch, width: width, auxiliary: auxiliary, seed: seed)
    }

    func model(_ kind: ModelKind, _ cell: CellKind = .gru, width: Int = 4, auxiliary: Int = 0) -> SequenceModel {
        SequenceModel(ModelConfiguration(kind: kind, cell: cell, observationWidth: width, auxiliaryWidth: auxiliary,
                                         hidden: 8, rnn: 8), seed: 5)
    }

    /// The training path on one shard (`teacherForcingSums`: input gates for all frames in one
    /// product, the gate on raw floats) gives the method's losses bit for bit; its gradients
    /// agree to rounding (the weights' gradient sums the frames in one product instead of one
    /// per frame).
    @Test(arguments: [(ModelKind.jumpy, CellKind.gru), (.jumpy, .lstm), (.rnn, .gru), (.rnn, .vanilla), (.odernn, .gru)])
    func teacherForcingIsTheMethod(kind: ModelKind, cell: CellKind) {
        var options = TeacherForcingOptions(burnIn: 3, epsilon: 2e-2, jumpProbability: 0.2)
        for (data, auxiliary) in [(walks(seed: 1), 0), (walks(width: 6, auxiliary: 2, seed: 2), 2)] {
            let m = model(kind, cell, width: data.shape[2], auxiliary: auxiliary)
            for epsilon: Float in [2e-2, 10] {
                options.epsilon = epsilon
                var (r1, r2) = (SeededGenerator(seed: 7), SeededGenerator(seed: 7))
                let fast = m.teacherForcing(data, options: options, rng: &r1)
                let method = m.referenceTeacherForcing(data, options: options, rng: &r2)
                #expect(fast.dx.item.bitPattern == method.dx.item.bitPattern, "\(kind) \(cell) ε \(epsilon): dx \(fast.dx.item) vs \(method.dx.item)")
                #expect(fast.dt.item.bitPattern == method.dt.item.bitPattern, "\(kind) \(cell) ε \(epsilon): dt")
                #expect(fast.changeMSE == method.changeMSE && fast.meanDt == method.meanDt)
                #expect(r1.next() == r2.next(), "both draw the same coins")
                let a = gradients(m) { var g = SeededGenerator(seed: 7); return $0.teacherForcing(data, options: options, rng: &g).total }
                let b = gradients(m) { var g = SeededGenerator(seed: 7); return $0.referenceTeacherForcing(data, options: options, rng: &g).total }
                #expect(gradientsAgree(a, b), "\(kind) \(cell) ε \(epsilon)")
            }
            if kind == .jumpy {
                // Both branches of the gate were taken: some pieces grew, some ended.
                var g = SeededGenerator(seed: 7)
                options.epsilon = 2e-2
                let meanDt = m.referenceTeacherForcing(data, options: options, rng: &g).meanDt
                #expect(meanDt > 1 && meanDt < 9, "mean Δt \(meanDt)")
            }
        }
    }

    /// Teacher forcing split in shards over threads adds each shard's sums: the losses agree
    /// with the method's to 1e-6 relative, the gradients to rounding.
    @Test(arguments: [1, 2, 3])
    func shardsAddUpToTheMethod(threads: Int) {
        let data = walks(batch: 7, seed: 3)
        let options = TeacherForcingOptions(burnIn: 3, epsilon: 2e-2, jumpProbability: 0.2)
        for kind in [ModelKind.jumpy, .rnn] {
            let m = model(kind)
            Threads.with(threads) {
                let twin = m.copy()
                var parallel = DataParallel()
                var r1 = SeededGenerator(seed: 8), r2 = SeededGenerator(seed: 8)
                let sharded = parallel.gradients(of: twin, on: data, options: options, rng: &r1)
                let method = m.referenceTeacherForcing(data, options: options, rng: &r2)
                #expect(isClose([sharded.dx.item, sharded.dt.item], [method.dx.item, method.dt.item], relative: 1e-6, absolute: 1e-9))
                #expect(sharded.meanDt == method.meanDt)
                let a = twin.parameters.map { ($0.grad ?? .zeros($0.shape)).scalars }
                let b = gradients(m) { var g = SeededGenerator(seed: 8); return $0.referenceTeacherForcing(data, options: options, rng: &g).total }
                #expect(gradientsAgree(a, b), "\(kind) at \(threads) threads")
            }
        }
    }

    /// The rollout objective is the error of the method's sample after the burn-in, frame by
    /// frame: its loss agrees to 1e-6 relative (per-frame sums against one mean), its
    /// gradients to rounding. (Not the ODE-RNN's: its objective starts from the zero state
    /// unmoved, as its teacher forcing does, where its sample and rollouts first move the
    /// zero state along the field; docs/decisions.md.)
    @Test(arguments: [(ModelKind.rnn, CellKind.gru), (.rnn, .lstm), (.rnn, .vanilla)])
    func rolloutObjectiveIsTheSamplesError(kind: ModelKind, cell: CellKind) {
        for (data, auxiliary) in [(walks(seed: 4), 0), (walks(width: 6, auxiliary: 2, seed: 5), 2)] {
            let m = model(kind, cell, width: data.shape[2], auxiliary: auxiliary)
            func sampleError(_ m: SequenceModel) -> Tensor {
                let frames = data.shape[0]
                let predicted = m.referenceSample(data, burnIn: 3).x[1..<frames]
                return m.scoredSquaredError(predicted, data[1..<frames]).mean()
            }
            let fast = m.rolloutObjective(data, burnIn: 3)
            #expect(isClose([fast.dx.item], [sampleError(m).item], relative: 1e-6, absolute: 0), "\(kind) \(cell)")
            let a = gradients(m) { $0.rolloutObjective(data, burnIn: 3).total }
            #expect(gradientsAgree(a, gradients(m, sampleError)), "\(kind) \(cell)")
        }
    }
}

extension JumpyRNNTests {
    // MARK: The jumpy rollout objective

    /// Each tick's Δt from where a pass ticked (`ticks[i][b]`, frames 0 … T−1): the gaps
    /// between ticks, the last piece reaching frame T, then pieces of 1 past the horizon so
    /// that the sample has its T+1 ticks (none of them is read at frames 1 … T).
    func pieceDts(_ ticks: [[Bool]], frames: Int) -> Tensor {
        let batch = ticks[0].count
        var dts = [Float](repeating: 1, count: (frames + 1) * batch)
        for b in 0..<batch {
            let starts = (0..<frames).filter { ticks[$0][b] }
            for (k, start) in starts.enumerated() {
                dts[k * batch + b] = Float((k + 1 < starts.count ? starts[k + 1] : frames) - start)
            }
        }
        return Tensor(shape: [frames + 1, batch, 1], scalars: dts)
    }

    /// The jumpy rollout objective, built from the method's parts: the sample with the pieces
    /// forced, read at frames 1 … T by the reference interpolation (change term), and the Δt
    /// head at each sampled tick against the length of its piece when the next tick comes
    /// after the burn-in and before frame T (teacher forcing's Δt loss, as `referenceTeacherForcing`).
    /// Each piece is read from the observation its tick read: the burn-in ticks' x̂ are the
    /// data's frames (the reference's interpolation adds a burn-in piece's change to the
    /// sample's estimate of its frame instead; docs/decisions.md).
    func methodRolloutObjective(_ m: SequenceModel, _ data: Tensor, ticks: [[Bool]], options: TeacherForcingOptions) -> (dx: Tensor, dt: Tensor) {
        let frames = data.shape[0] - 1, batch = data.shape[1], burnIn = options.burnIn
        let dts = pieceDts(ticks, frames: frames)
        let sample = m.referenceSample(data, burnIn: burnIn, dts: dts)
        let ticksRead = Tensor.stack((0...frames).map { $0 < burnIn ? data[$0] : sample.x[$0] })
        let read = m.referenceInterpolate((ticksRead, sample.t, sample.h), at: (1...frames).map(Float.init), offset: 0)
        let dx = m.scoredSquaredError(read, data[1..<(frames + 1)]).mean()
        var guesses: [Tensor] = [], lengths: [Float] = []
        let heads = m.predictDt(sample.h)                                   // [T+1, B, 1]
        for b in 0..<batch {
            let starts = (0..<frames).filter { ticks[$0][b] }
            for k in 0..<(starts.count - 1) where starts[k + 1] >= options.burnIn {
                guesses.append(heads[k].rows([b]))
                lengths.append(dts.scalars[k * batch + b])
            }
        }
        let tiny = TeacherForcingSums.tiny
        let squares = (Tensor.stack(guesses).reshaped([lengths.count, 1]) - Tensor(shape: [lengths.count, 1], scalars: lengths)).square()
        return (dx, (squares.sum() + tiny) / (tiny + Float(lengths.count)) * options.dtLossCoefficient)
    }

    /// The jumpy rollout objective ticks where jumpy teacher forcing ticks on the same frames
    /// and coins (the method's `referenceTeacherForcing`), and its losses are the method's
    /// sample with those pieces, read along them: to 1e-5 relative (losses summed per frame
    /// against one mean), gradients to rounding.
    @Test(arguments: [CellKind.gru, .lstm])
    func jumpyRolloutObjectiveIsTheSampleAlongTeacherForcingsPieces(cell: CellKind) {
        let options = TeacherForcingOptions(burnIn: 3, epsilon: 2e-2, jumpProbability: 0.2, dtLossCoefficient: 0.1)
        for (data, auxiliary) in [(walks(seed: 4), 0), (walks(width: 6, auxiliary: 2, seed: 5), 2)] {
            let m = model(.jumpy, cell, width: data.shape[2], auxiliary: auxiliary)
            var (r1, r2) = (SeededGenerator(seed: 7), SeededGenerator(seed: 7))
            let fast = m.rolloutObjective(data, options: options, rng: &r1)
            let teacher = m.referenceTeacherForcing(data, options: options, rng: &r2)
            #expect(r1.next() == r2.next(), "both draw the same coins")
            let ticks = fast.ticks ?? []
            #expect(ticks == teacher.ticks, "\(cell): the pieces are teacher forcing's")
            #expect(fast.meanDt == teacher.meanDt)
            // Both kinds of frame after the burn-in: some tick, some are jumped over.
            let later = ticks.dropFirst(options.burnIn).flatMap { $0 }
            #expect(later.contains(true) && later.contains(false))

            let method = methodRolloutObjective(m, data, ticks: ticks, options: options)
            #expect(isClose([fast.dx.item, fast.dt.item], [method.dx.item, method.dt.item], relative: 1e-5, absolute: 0),
                    "\(cell): \(fast.dx.item), \(fast.dt.item) against \(method.dx.item), \(method.dt.item)")
            #expect(fast.changeMSE == Double(fast.dx.item), "no Δt = 0 term")
            // Not teacher forcing's numbers: the model reads its own estimates.
            #expect(Swift.abs(fast.changeMSE - teacher.changeMSE) > 1e-3 * teacher.changeMSE)
            let a = gradients(m) { var g = SeededGenerator(seed: 7); return $0.rolloutObjective(data, options: options, rng: &g).total }
            let b = gradients(m) { let l = methodRolloutObjective($0, data, ticks: ticks, options: options); return l.dx + l.dt }
            #expect(gradientsAgree(a, b), "\(cell)")
        }
    }

    /// In shards over threads the jumpy rollout objective adds up to the whole batch's: the
    /// same pieces (mean Δt) as teacher forcing on the same coins, the loss to 1e-6 relative.
    @Test(arguments: [1, 2, 3])
    func jumpyRolloutObjectiveInShards(threads: Int) {
        let data = FusedRolloutTests().walks(frames: 12, batch: 70, width: 4, auxiliary: 0, seed: 6)
        let options = TeacherForcingOptions(burnIn: 3, epsilon: 2e-2, jumpProbability: 0.2)
        let m = model(.jumpy)
        #expect(Threads.chunks(of: 70).count == 2)
        Threads.with(threads) {
            var parallel = DataParallel()
            var (r1, r2, r3) = (SeededGenerator(seed: 8), SeededGenerator(seed: 8), SeededGenerator(seed: 8))
            let sharded = parallel.gradients(of: m.copy(), on: data, objective: .rollout, options: options, rng: &r1)
            let whole = m.rolloutObjective(data, options: options, rng: &r2)
            let teacher = m.referenceTeacherForcing(data, options: options, rng: &r3)
            #expect(isClose([sharded.dx.item, sharded.dt.item], [whole.dx.item, whole.dt.item], relative: 1e-6, absolute: 1e-12))
            #expect(sharded.meanDt == teacher.meanDt && whole.meanDt == teacher.meanDt)
        }
    }
}

extension JumpyRNNTests {
    // MARK: Rollouts

    static let rolloutOptions: [RolloutOptions] = [
        RolloutOptions(burnIn: 4, stopAtHorizon: false), RolloutOptions(burnIn: 1, constantDt: 2.5, stopAtHorizon: false),
        RolloutOptions(burnIn: 6, offset: 0.25, stopAtHorizon: false),
    ]

    /// The rollout's ticks, one a frame, against the method's sample: the fused and the general
    /// paths fold the encoder's last layer into the cell's input projection, so they agree to
    /// 1e-5 relative, tick times and counts exactly where Δt is not predicted.
    @Test(arguments: [ModelKind.rnn, .jumpy, .odernn], [false, true])
    func rolloutTicksAreTheSample(kind: ModelKind, fused: Bool) {
        guard !fused || kind != .odernn else { return }           // the ODE-RNN has no fused tick
        for (data, auxiliary) in [(walks(seed: 6), 0), (walks(batch: 3, width: 6, auxiliary: 2, seed: 7), 2)] {
            let m = model(kind, width: data.shape[2], auxiliary: auxiliary)
            for options in Self.rolloutOptions {
                let rollout = m.rollout(data, options: options, fused: fused)
                let sample = m.referenceSample(data, burnIn: options.burnIn, constantDt: options.constantDt)
                #expect(rollout.tickCounts == [Int](repeating: data.shape[0], count: data.shape[1]))
                for (name, a, b) in [("x̂", rollout.observations, sample.x), ("t̂", rollout.times, sample.t), ("ĥ", rollout.states, sample.h)] {
                    #expect(isClose(a.scalars, b.scalars, relative: 1e-5, absolute: 1e-6),
                            "\(kind) fused \(fused) \(options): \(name) differs by \(maxDifference(a.scalars, b.scalars))")
                }
            }
        }
    }

    /// What an evaluation scores: the rollout on the frame grid, which stops each trajectory
    /// once its pieces cover the horizon, is the method's sample read at the integer frames
    /// (the burn-in's frames as sampled, as the reference's `auto_mse`).
    @Test(arguments: [ModelKind.rnn, .jumpy])
    func frameGridIsTheSampleInterpolated(kind: ModelKind) {
        let data = walks(batch: 4, seed: 8)
        let m = model(kind)
        for options in [RolloutOptions(burnIn: 4), RolloutOptions(burnIn: 3, offset: 0.25), RolloutOptions(burnIn: 4, constantDt: 1.7)] {
            let frames = data.shape[0]
            let sample = m.referenceSample(data, burnIn: options.burnIn, constantDt: options.constantDt)
            let read = m.referenceInterpolate(sample, at: (0..<frames).map(Float.init), offset: options.offset)
            let grid = Tensor.concatenate([sample.x[0..<options.burnIn].reshaped([-1]), read[options.burnIn..<frames].reshaped([-1])])
            let rollout = m.rollout(data, options: options)
            #expect(isClose(rollout.frameGrid().scalars, grid.scalars, relative: 1e-5, absolute: 1e-6),
                    "\(kind) \(options): \(maxDifference(rollout.frameGrid().scalars, grid.scalars))")
        }
    }

    /// The taped rollout (the gradient planner's) is the method's sample built from the same
    /// layers: the same bits.
    @Test(arguments: [ModelKind.rnn, .jumpy, .odernn])
    func tapedRolloutIsTheSample(kind: ModelKind) {
        let data = walks(batch: 3, width: 6, auxiliary: 2, seed: 9)
        let m = model(kind, width: 6, auxiliary: 2)
        for options in Self.rolloutOptions {
            let taped = m.tapedRollout(data.unstacked(), options: options)
            let sample = m.referenceSample(data, burnIn: options.burnIn, constantDt: options.constantDt)
            #expect(taped.ticks.count == data.shape[0])
            let pairs = [(taped.ticks.map(\.observations), sample.x), (taped.ticks.map(\.times), sample.t), (taped.ticks.map(\.states), sample.h)]
            for (ticks, expected) in pairs {
                #expect(bits(Tensor.stack(ticks).scalars) == bits(expected.scalars), "\(kind) \(options)")
            }
        }
    }

    // MARK: The shared pieces

    /// The Δt head on raw floats (the fused rollout's) is `predictDt`'s arithmetic.
    @Test func dtHeadOnRawFloatsIsTheTensorHead() {
        let m = model(.jumpy)
        var rng = SeededGenerator(seed: 1)
        let states = Tensor.randomNormal([64, 8], using: &rng) * 20
        let head = m.dtPredictor(states).scalars
        #expect(head.contains { $0 < 0 } && head.contains { $0 > 0 })
        #expect(bits(head.map { SequenceModel.dt(headOutput: $0) }) == bits(m.predictDt(states).scalars))
    }
}
