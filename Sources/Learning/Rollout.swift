import Foundation
import Tensor

/// How a rollout is run (the defaults are stated in `init` only).
public struct RolloutOptions: Equatable, Sendable {
    /// Frames read from the data (teacher forced) before the model runs on its own.
    public var burnIn: Int
    /// Use this Δt instead of the predicted one after the burn-in (nil: predict).
    public var constantDt: Float?
    /// Interpolation never asks a piece for less than this Δt (the reference's `offset`).
    public var offset: Float
    /// True: stop each trajectory once its pieces cover the horizon (a jumpy rollout costs
    /// its ticks, not its frames). False: tick once per frame, as the reference's `sample`.
    public var stopAtHorizon: Bool

    public init(burnIn: Int = 4, constantDt: Float? = nil, offset: Float = 0.5, stopAtHorizon: Bool = true) {
        self.burnIn = burnIn; self.constantDt = constantDt; self.offset = offset; self.stopAtHorizon = stopAtHorizon
    }
}

/// An autoregressive rollout: per trajectory, the ticks the model took, each the start of a
/// linear piece (or an ODE segment, or one frame for the RNN).
///
/// Tick `k` of trajectory `b` starts at time `times[k, b]` at observation `observations[k, b]`
/// with state `states[k, b]`; the observation at any later time `t` on that piece is
/// `observations[k, b] + decode(flow(states[k, b], t − times[k, b]))`.
public struct Rollout: @unchecked Sendable {  // immutable; the model it holds is read only
    public let model: SequenceModel
    public let options: RolloutOptions
    /// The number of frames of the horizon (the data's T).
    public let frames: Int
    /// `[K, B, D]`, `[K, B, 1]` (padded with +∞ past a trajectory's last tick), `[K, B, S]`.
    public let observations: Tensor, times: Tensor, states: Tensor
    /// The Δt each tick predicted (1 while teacher forced), `[K, B]` row-major, padded with 0.
    public let tickDts: [Float]
    /// Ticks taken by each trajectory.
    public let tickCounts: [Int]

    public var batch: Int { tickCounts.count }
    public var width: Int { observations.shape[2] }

    /// Ticks each trajectory needs to reach the last frame: the pieces whose start (plus the
    /// offset) is before frame T−1 — the reference's count. The RNN always needs T−1.
    public var ticksToHorizon: [Int] {
        (0..<batch).map { b in
            let needed = (0..<tickCounts[b]).filter { k in times.scalars[k * batch + b] + options.offset < Float(frames - 1) }.count
            return max(1, needed)
        }
    }

    /// Ticks after the burn-in.
    public var ticksAfterBurnIn: [Int] { ticksToHorizon.map { max(0, $0 - options.burnIn) } }

    /// The Δt of the ticks after the burn-in that the horizon needs, all trajectories together.
    public var predictedDts: [Float] {
        let ticks = ticksToHorizon                                  // counted once, not per trajectory
        return (0..<batch).flatMap { b in
            (max(0, options.burnIn - 1)..<ticks[b]).map { tickDts[$0 * batch + b] }
        }
    }

    /// The trajectory `b`'s tick times and Δts.
    public func ticks(of b: Int) -> [(time: Float, dt: Float)] {
        (0..<tickCounts[b]).map { (times.scalars[$0 * batch + b], tickDts[$0 * batch + b]) }
    }
}

extension SequenceModel {
    /// Rolls the model out on `data` (`[T, B, D]`): teacher forced through the burn-in, then on
    /// its own. After the burn-in each tick predicts Δt (for the jumpy model; 1 otherwise) and
    /// the change over it. Auxiliary columns are read from the data, never predicted: a tick
    /// at time t reads the auxiliary values of frame ⌊t⌋. Records no tape.
    public func rollout(_ data: Tensor, options: RolloutOptions = .init()) -> Rollout {
        // Fused wherever it can be: it was measured faster at every batch (`docs/results.md`).
        rollout(data, options: options, fused: hasFusedRollout)
    }

    /// `rollout` through the fused tick (`fusedRollout`, where `hasFusedRollout`) or the
    /// general one (`tickRecords`): tests compare the two.
    func rollout(_ data: Tensor, options: RolloutOptions, fused: Bool) -> Rollout {
        precondition(data.rank == 3 && data.shape[2] == configuration.observationWidth,
                     "rollout needs [T, B, \(configuration.observationWidth)], got \(data.shape)")
        let (frames, batch) = (data.shape[0], data.shape[1])
        precondition(options.burnIn >= 1 && options.burnIn <= frames, "burn-in \(options.burnIn) must be in 1...\(frames)")
        // Trajectories roll out independently: one shard of the batch per thread, the shards'
        // rollouts joined in trajectory order.
        let shards = Threads.shards(of: batch)
        guard shards.count > 1 else { return rolloutAlone(data, options: options, fused: fused) }
        return Rollout(joining: Threads.map(shards.count) { rolloutAlone(data.batch(shards[$0]), options: options, fused: fused) })
    }

    /// `rollout` on the calling thread.
    private func rolloutAlone(_ data: Tensor, options: RolloutOptions, fused: Bool) -> Rollout {
        if fused { return fusedRollout(data, options: options) }
        let (frames, batch, width) = (data.shape[0], data.shape[1], data.shape[2])
        let records = tickRecords(data, options: options)
        let stateWidth = self.stateWidth

        // Scatter into [K, B, …]; past a trajectory's last tick, time is +∞ (never chosen by
        // interpolation) and the other values repeat its last tick.
        let k = records.count
        var counts = [Int](repeating: 0, count: batch)
        var times = [Float](repeating: .infinity, count: k * batch)
        var observations = [Float](repeating: 0, count: k * batch * width)
        var states = [Float](repeating: 0, count: k * batch * stateWidth)
        var dts = [Float](repeating: 0, count: k * batch)
        for (t, record) in records.enumerated() {
            for (row, b) in record.active.enumerated() {
                counts[b] = t + 1
                times[t * batch + b] = record.times[row]
                dts[t * batch + b] = record.dts[row]
                observations.replaceSubrange(((t * batch + b) * width)..<((t * batch + b + 1) * width),
                                             with: record.observations[(row * width)..<((row + 1) * width)])
                states.replaceSubrange(((t * batch + b) * stateWidth)..<((t * batch + b + 1) * stateWidth),
                                       with: record.states[(row * stateWidth)..<((row + 1) * stateWidth)])
            }
        }
        for b in 0..<batch where counts[b] < k {
            let last = (counts[b] - 1) * batch + b
            // Copied out first: replacing part of an array with a slice of itself would copy
            // the whole array each time.
            let lastObservation = Array(observations[(last * width)..<((last + 1) * width)])
            let lastState = Array(states[(last * stateWidth)..<((last + 1) * stateWidth)])
            for t in counts[b]..<k {
                let slot = t * batch + b
                observations.replaceSubrange((slot * width)..<((slot + 1) * width), with: lastObservation)
                states.replaceSubrange((slot * stateWidth)..<((slot + 1) * stateWidth), with: lastState)
            }
        }
        return Rollout(model: self, options: options, frames: frames,
                       observations: Tensor(shape: [k, batch, width], scalars: observations),
                       times: Tensor(shape: [k, batch, 1], scalars: times),
                       states: Tensor(shape: [k, batch, stateWidth], scalars: states),
                       tickDts: dts, tickCounts: counts)
    }
}

extension SequenceModel {
    /// The ticks of a rollout of `data`: one record per tick, for the trajectories still
    /// ticking then (all of them through the burn-in).
    func tickRecords(_ data: Tensor, options: RolloutOptions) -> [RolloutTick] {
        let (frames, batch, width) = (data.shape[0], data.shape[1], data.shape[2])
        let auxiliary = configuration.auxiliaryWidth
        let frameRows = data.unstacked().map(\.scalars)                 // T × [B·D]
        let maxTicks = options.stopAtHorizon ? frames + 1 : frames
        let horizon = Float(frames - 1)

        var records: [RolloutTick] = []
        let stateWidth = self.stateWidth

        let encoderToGates = rolloutInputGates()
        withoutTape {
            var active = Array(0..<batch)                               // trajectories still ticking
            var state = initialState(batch: batch)
            var dtPrevious = Tensor.ones([batch, 1])
            var time = [Float](repeating: 0, count: batch)
            // The model's own estimate at `time` (x̂, the base of the piece a tick starts),
            // row per active trajectory. As in the reference this is the previous tick's
            // prediction even during the burn-in, where the cell itself reads the data.
            var current = frameRows[0]
            for i in 0..<maxTicks where !active.isEmpty {
                let n = active.count
                // Through the burn-in every trajectory is active and reads frame i whole.
                var input = i < options.burnIn ? frameRows[i] : current
                if auxiliary > 0 && i >= options.burnIn {
                    for (row, b) in active.enumerated() {
                        // A non-finite or negative time (an untrained Δt head) reads frame 0.
                        let t = time[row].isFinite ? min(Float(frames - 1), max(0, time[row])) : 0
                        let frame = Int(t)
                        for j in (width - auxiliary)..<width { input[row * width + j] = frameRows[frame][b * width + j] }
                    }
                }
                if i < options.burnIn { time = [Float](repeating: Float(i), count: n) }
                let x = Tensor(shape: [n, width], scalars: input)
                state = cell.step(inputGates: encoderToGates(x), state: flow(state, dt: dtPrevious))
                var dt = Tensor.ones([n, 1])
                if i >= options.burnIn - 1 {
                    if let constant = options.constantDt { dt = .full([n, 1], constant) }
                    else if kind == .jumpy { dt = predictDt(state) }
                }
                var next = (x + decode(flow(state, dt: dt))).scalars
                for row in 0..<n where auxiliary > 0 {
                    for j in (width - auxiliary)..<width { next[row * width + j] = 0 }
                }
                records.append(RolloutTick(active: active, times: time, observations: current,
                                          states: state.scalars, dts: dt.scalars))
                for row in 0..<n { time[row] += dt.scalars[row] }
                current = next
                dtPrevious = dt

                // Drop the trajectories whose pieces now cover the horizon.
                if options.stopAtHorizon && i >= options.burnIn - 1 {
                    let keep = (0..<n).filter { time[$0] + options.offset < horizon }
                    if keep.count < n {
                        active = keep.map { active[$0] }
                        state = Tensor(shape: [keep.count, stateWidth],
                                       scalars: keep.flatMap { state.scalars[($0 * stateWidth)..<(($0 + 1) * stateWidth)] })
                        dtPrevious = Tensor(shape: [keep.count, 1], scalars: keep.map { dt.scalars[$0] })
                        time = keep.map { time[$0] }
                        current = keep.flatMap { next[($0 * width)..<(($0 + 1) * width)] }
                    }
                }
            }
        }
        return records
    }
}

/// One tick of a rollout for the trajectories still ticking (`active`, ascending): where each
/// piece starts (time, observation, state) and the Δt it predicted.
struct RolloutTick {
    var active: [Int]
    var times: [Float], observations: [Float], states: [Float], dts: [Float]
}

extension Rollout {
    /// The observations at real times `queries`, `[Q, B, D]`: each from the piece that covers
    /// it, the last piece whose start plus the offset is before the query.
    public func interpolate(at queries: [Float]) -> Tensor {
        let (k, stateWidth) = (times.shape[0], states.shape[2])
        let rows = queries.count * batch
        var base = [Float](), chosen = [Float](), dts = [Float]()
        base.reserveCapacity(rows * width); chosen.reserveCapacity(rows * stateWidth); dts.reserveCapacity(rows)
        for query in queries {
            for b in 0..<batch {
                var piece = 0
                for t in 0..<k where times.scalars[t * batch + b] + options.offset < query { piece = t }
                let index = piece * batch + b
                base += observations.scalars[(index * width)..<((index + 1) * width)]
                chosen += states.scalars[(index * stateWidth)..<((index + 1) * stateWidth)]
                dts.append(query - times.scalars[index])
            }
        }
        return withoutTape {
            let change = model.decode(model.flow(Tensor(shape: [rows, stateWidth], scalars: chosen),
                                                 dt: Tensor(shape: [rows, 1], scalars: dts)))
            var values = (Tensor(shape: [rows, width], scalars: base) + change).scalars
            // Auxiliary columns are inputs, never predictions: zero, as the sampler leaves them.
            let auxiliary = model.configuration.auxiliaryWidth
            for row in 0..<rows where auxiliary > 0 {
                for j in (width - auxiliary)..<width { values[row * width + j] = 0 }
            }
            return Tensor(shape: [queries.count, batch, width], scalars: values)
        }
    }

    /// The rollout on the data's frame grid, `[T, B, D]`: frame 0 is the first observation,
    /// frames 1 … burn-in − 1 the teacher-forced one-step predictions (the tick starts), later
    /// frames the rollout at the integer frames — exactly what the reference's `auto_mse`
    /// compares.
    public func frameGrid() -> Tensor {
        let interpolated = interpolate(at: (0..<frames).map(Float.init))
        var grid = interpolated.scalars
        let frameSize = batch * width
        for t in 0..<min(options.burnIn, frames) {
            grid.replaceSubrange((t * frameSize)..<((t + 1) * frameSize),
                                 with: observations.scalars[(t * frameSize)..<((t + 1) * frameSize)])
        }
        return Tensor(shape: [frames, batch, width], scalars: grid)
    }

    /// Mean squared error on the frame grid over the scored columns.
    public func autoregressiveMSE(against data: Tensor) -> Double {
        precondition(data.shape == [frames, batch, width], "data \(data.shape) does not match the rollout [\(frames), \(batch), \(width)]")
        let grid = frameGrid().scalars
        let scored = model.configuration.scoredWidth
        var total = 0.0
        for row in 0..<(frames * batch) {
            for j in 0..<scored {
                let e = Double(grid[row * width + j]) - Double(data.scalars[row * width + j])
                total += e * e
            }
        }
        return total / Double(frames * batch * scored)
    }
}

extension SequenceModel {
    /// The cell's input gates for observations `x` (`[N, D]`) without a tape:
    /// `encode(x) W_ihᵀ + b_ih` with the encoder's last layer folded into the input projection,
    ///
    ///     (h₃ W₄ᵀ + b₄) W_ihᵀ + b_ih  =  h₃ (W_ih W₄)ᵀ + (W_ih b₄ + b_ih),
    ///
    /// so a rollout tick makes one product fewer (of eight for a GRU). The folded weights are
    /// computed once and kept until a parameter changes.
    func rolloutInputGates() -> (Tensor) -> Tensor {
        let (weight, bias) = foldedInputProjection()
        let layers = [encoder.linear1, encoder.linear2, encoder.linear3]
        let weights = layers.map(\.weight.value) + [weight], biases = layers.map(\.bias.value) + [bias]
        return { x in withoutTape { Tensor.residualMLP(x, weights: weights, biases: biases) } }
    }

    /// The encoder's last layer folded into the cell's input projection: `W_ih W₄`
    /// (`[G·R, H]`) and `W_ih b₄ + b_ih` (`[G·R]`), kept until a parameter changes.
    func foldedInputProjection() -> (weight: Tensor, bias: Tensor) {
        let last = encoder.linear4
        return foldedEncoder.value(for: [last.weight, last.bias, cell.weightIH, cell.biasIH]) {
            withoutTape {
                let w = cell.weightIH.value.matmul(last.weight.value)                          // [G·R, H]
                let b = last.bias.value.reshaped([1, -1]).matmul(cell.weightIH.value, transposeOther: true)
                    .reshaped([-1]) + cell.biasIH.value                                         // [G·R]
                return (w.detached(), b.detached())
            }
        }
    }
}

/// A value derived from parameters, recomputed when any of them has been updated (their
/// `version`s change).
final class ParameterDerived<Value>: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var sources: [(ObjectIdentifier, UInt64)] = []
    private var cached: Value?

    func value(for parameters: [Parameter], compute: () -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        let current = parameters.map { (ObjectIdentifier($0), $0.version) }
        if let cached, current.elementsEqual(sources, by: { $0 == $1 }) { return cached }
        let fresh = compute()
        cached = fresh
        sources = current
        return fresh
    }
}
