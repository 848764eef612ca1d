import Tensor

/// A rollout recorded on the tape: what the model forecasts, differentiable with respect to
/// the frames it was shown (the planner's action in the shot task's action columns).
///
/// The ticks are `tickRecords`' (the same inputs, Δt heads, stops at the horizon and
/// trajectories dropped once their pieces cover it), built from the model's differentiable
/// layers instead of the rollout's folded and fused ones: the forecasts agree with `rollout`'s
/// to rounding, not bit for bit. A tick's time is on the tape too (the jumpy model's Δt
/// predictions sum to it), so a frame read between ticks differentiates through where the
/// piece starts as well as through its state. Which tick covers a frame is a choice, not a
/// function: it has no gradient (the forecast is piecewise smooth in the inputs).
///
/// The model's parameters are leaves of the tape, so `backward` leaves gradients on them:
/// run it on a copy of the model whose gradients nobody reads (`SequenceModel.copy()`).
public struct TapedRollout {
    public let model: SequenceModel
    /// The horizon's frames (T).
    public let frames: Int
    /// Ticks taken by each trajectory.
    public let tickCounts: [Int]
    let ticks: [TapedTick]
    /// `rowOf[k][b]`: trajectory b's row in tick k's tensors (−1 when it no longer ticks).
    let rowOf: [[Int]]

    public var batch: Int { tickCounts.count }

    /// When trajectory `b`'s ticks started and the Δt each predicted (as `Rollout.ticks(of:)`).
    public func ticks(of b: Int) -> [(time: Float, dt: Float)] {
        (0..<tickCounts[b]).map { k in
            let row = rowOf[k][b]
            return (ticks[k].times.scalars[row], ticks[k].dts.scalars[row])
        }
    }

    /// The columns `columns` of the forecast at each of `frames`, for every trajectory: a
    /// frame at which a tick starts reads that tick's observation; a frame between ticks is
    /// decoded along the piece that covers it (`observation + decode(flow(state, gap))`), as
    /// `Rollout`'s exact object path is.
    public func path(at frames: ClosedRange<Int>, columns: Range<Int>) -> TapedPath {
        let f = frames.count, width = columns.count
        // Per tick: the rows read as they are, and the rows decoded `gap` frames into their piece.
        var direct = [[(row: Int, slot: Int)]](repeating: [], count: ticks.count)
        var decoded = [[(row: Int, slot: Int, frame: Float)]](repeating: [], count: ticks.count)
        for b in 0..<batch {
            var k = 0
            for (i, frame) in frames.enumerated() {
                let t = Float(frame)
                while k + 1 < tickCounts[b] && ticks[k + 1].times.scalars[rowOf[k + 1][b]] <= t { k += 1 }
                let row = rowOf[k][b]
                if t - ticks[k].times.scalars[row] == 0 {
                    direct[k].append((row, b * f + i))
                } else {
                    decoded[k].append((row, b * f + i, t))
                }
            }
        }
        var pieces: [TapedPath.Piece] = []
        for (k, tick) in ticks.enumerated() {
            if !direct[k].isEmpty {
                pieces.append(.init(values: tick.observations.rows(direct[k].map(\.row)).slice(lastAxis: columns),
                                    slots: direct[k].map(\.slot)))
            }
            if !decoded[k].isEmpty {
                let rows = decoded[k].map(\.row)
                let gap = Tensor(shape: [rows.count, 1], scalars: decoded[k].map(\.frame)) - tick.times.rows(rows)
                let change = model.decode(model.flow(tick.states.rows(rows), dt: gap))
                pieces.append(.init(values: (tick.observations.rows(rows) + change).slice(lastAxis: columns),
                                    slots: decoded[k].map(\.slot)))
            }
        }
        var values = [Float](repeating: 0, count: batch * f * width)
        for piece in pieces {
            for (r, slot) in piece.slots.enumerated() {
                for j in 0..<width { values[slot * width + j] = piece.values.scalars[r * width + j] }
            }
        }
        return TapedPath(values: values, width: width, pieces: pieces)
    }
}

/// Frames of a taped rollout, `[B, F, C]`, and the way back to the rollout's inputs.
public struct TapedPath {
    struct Piece {
        /// `[n, C]`, on the tape.
        let values: Tensor
        /// Where each row goes: trajectory · F + frame index.
        let slots: [Int]
    }

    /// `[B, F, C]`, row-major.
    public let values: [Float]
    let width: Int
    let pieces: [Piece]

    /// Back-propagates `Σ upstream · path` (`upstream` `[B, F, C]`, the gradient of a loss with
    /// respect to the path) to every leaf the rollout read: an input frame that requires
    /// gradients receives d loss / d frame.
    public func backward(_ upstream: [Float]) {
        precondition(upstream.count == values.count, "the upstream gradient must be [B, F, \(width)]")
        var total: Tensor?
        for piece in pieces {
            let u = piece.slots.flatMap { upstream[($0 * width)..<(($0 + 1) * width)] }
            let term = (piece.values * Tensor(shape: piece.values.shape, scalars: u)).sum()
            total = total.map { $0 + term } ?? term
        }
        total?.backward()
    }
}

/// One tick on the tape for the trajectories still ticking (`active`, ascending); tensors
/// `[n, …]`, one row per active trajectory.
struct TapedTick {
    let active: [Int]
    let times: Tensor, observations: Tensor, states: Tensor, dts: Tensor
}

extension SequenceModel {
    /// Rolls the model out on `frames` (T frames of `[B, D]`) recording the tape: teacher
    /// forced through the burn-in, then on its own, reading the auxiliary columns of frame ⌊t⌋
    /// as `rollout` does. Any frame may require gradients. Run it on the calling thread: the
    /// tape is not shared.
    public func tapedRollout(_ frames: [Tensor], options: RolloutOptions = .init()) -> TapedRollout {
        let width = configuration.observationWidth
        precondition(!frames.isEmpty && frames.allSatisfy { $0.rank == 2 && $0.shape == [frames[0].shape[0], width] },
                     "a taped rollout needs T frames of [B, \(width)]")
        precondition(options.burnIn >= 1 && options.burnIn <= frames.count, "burn-in \(options.burnIn) must be in 1...\(frames.count)")
        let (count, batch) = (frames.count, frames[0].shape[0])
        let auxiliary = configuration.auxiliaryWidth, scored = configuration.scoredWidth
        let maxTicks = options.stopAtHorizon ? count + 1 : count
        let horizon = Float(count - 1)

        var ticks: [TapedTick] = []
        var active = Array(0..<batch)
        var state = initialState(batch: batch)
        var dtPrevious = Tensor.ones([batch, 1])
        var time = Tensor.zeros([batch, 1])
        var current = frames[0]
        for i in 0..<maxTicks where !active.isEmpty {
            let n = active.count
            var input = i < options.burnIn ? frames[i] : current
            if auxiliary > 0 && i >= options.burnIn {
                // Frame ⌊t⌋'s auxiliary columns, each row from its own frame: a piece that starts
                // before frame 3 ends reads the action again, so these stay on the tape.
                let read = active.indices.map { row in
                    let t = time.scalars[row]
                    return Int(t.isFinite ? min(horizon, max(0, t)) : 0)
                }
                let used = Array(Set(read)).sorted()
                let source = Tensor.stack(used.map { frames[$0] }).reshaped([used.count * batch, width])
                let picked = source.rows(zip(read, active).map { frame, b in used.firstIndex(of: frame)! * batch + b })
                input = .concatenate([current.slice(lastAxis: 0..<scored), picked.slice(lastAxis: scored..<width)])
            }
            if i < options.burnIn { time = .full([n, 1], Float(i)) }
            state = cell(encode(input), flow(state, dt: dtPrevious))
            var dt = Tensor.ones([n, 1])
            if i >= options.burnIn - 1 {
                if let constant = options.constantDt { dt = .full([n, 1], constant) }
                else if kind == .jumpy { dt = predictDt(state) }
            }
            var next = input + decode(flow(state, dt: dt))
            if auxiliary > 0 { next = .concatenate([next.slice(lastAxis: 0..<scored), .zeros([n, auxiliary])]) }
            ticks.append(TapedTick(active: active, times: time, observations: current, states: state, dts: dt))
            time = time + dt
            current = next
            dtPrevious = dt
            // Drop the trajectories whose pieces now cover the horizon.
            if options.stopAtHorizon && i >= options.burnIn - 1 {
                let keep = (0..<n).filter { time.scalars[$0] + options.offset < horizon }
                if keep.count < n {
                    active = keep.map { active[$0] }
                    state = state.rows(keep)
                    dtPrevious = dt.rows(keep)
                    time = time.rows(keep)
                    current = current.rows(keep)
                }
            }
        }
        var counts = [Int](repeating: 0, count: batch)
        var rowOf: [[Int]] = []
        for (k, tick) in ticks.enumerated() {
            var rows = [Int](repeating: -1, count: batch)
            for (row, b) in tick.active.enumerated() { rows[b] = row; counts[b] = k + 1 }
            rowOf.append(rows)
        }
        return TapedRollout(model: self, frames: count, tickCounts: counts, ticks: ticks, rowOf: rowOf)
    }
}
