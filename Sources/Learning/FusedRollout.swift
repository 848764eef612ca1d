import Tensor

// The rollout tick without Tensors: the same arithmetic as `tickRecords` on buffers that
// live for the whole rollout.
//
// A batch-1 tick is about 180 000 multiply-adds on 0.8 MB of weights, a few microseconds of
// arithmetic. Through Tensors it was about 48 µs: thirty-odd operations, each allocating its
// result, checking shapes and calling sgemm on one row. Here each product is a
// `PackedLinear` (weights packed once, until a parameter changes) reading and writing
// preallocated rows, and the element-wise steps are loops over the same rows.
//
// The element-wise arithmetic is `tickRecords`' own, operation for operation (the GRU gates
// are the same C kernel); only the products sum in another order than sgemm, so the two
// paths agree to rounding, not bit for bit. A trajectory's rollout is the same bits alone, in
// any batch, on any number of threads and on any CPU.

/// The weights of the fused tick, packed from the model's parameters.
final class FusedRolloutWeights: @unchecked Sendable {  // immutable after init
    /// linear1…3, then linear4 folded into the cell's input projection (`foldedInputProjection`).
    let encoder: [PackedLinear]
    /// `h W_hhᵀ + b_hh`.
    let recurrent: PackedLinear
    let decoder: [PackedLinear]
    let dt: PackedLinear

    init(_ model: SequenceModel) {
        func pack(_ layer: Linear) -> PackedLinear { PackedLinear(weight: layer.weight.value, bias: layer.bias.value) }
        let (e, d) = (model.encoder, model.decoder)
        let folded = model.foldedInputProjection()
        encoder = [pack(e.linear1), pack(e.linear2), pack(e.linear3), PackedLinear(weight: folded.weight, bias: folded.bias)]
        recurrent = PackedLinear(weight: model.cell.weightHH.value, bias: model.cell.biasHH.value)
        decoder = [pack(d.linear1), pack(d.linear2), pack(d.linear3), pack(d.linear4)]
        dt = pack(model.dtPredictor)
    }
}

extension SequenceModel {
    /// Whether rollouts can take the fused tick: a GRU cell, moving as the rnn or the jumpy
    /// model (the ODE-RNN and the other cells take the general path).
    var hasFusedRollout: Bool { cell.kind == .gru && (kind == .rnn || kind == .jumpy) }

    /// `rolloutAlone` through the fused tick, its products on `path` (the same bits on each).
    func fusedRollout(_ data: Tensor, options: RolloutOptions, path: KernelPath = .current) -> Rollout {
        precondition(hasFusedRollout, "the fused rollout needs a GRU cell and the rnn or jumpy kind")
        let weights = fusedWeights.value(for: parameters) { FusedRolloutWeights(self) }
        let (frames, batch, width) = (data.shape[0], data.shape[1], data.shape[2])
        let (stateWidth, hiddenWidth, gateWidth) = (self.stateWidth, configuration.hidden, 3 * configuration.rnn)
        let auxiliary = configuration.auxiliaryWidth, scored = width - auxiliary
        let (burnIn, tau, jumpy) = (options.burnIn, timeConstant, kind == .jumpy)
        let maxTicks = options.stopAtHorizon ? frames + 1 : frames
        let horizon = Float(frames - 1)

        // One allocation for the whole rollout: the outputs for the most ticks there can be
        // ([maxTicks, batch, …], cut to the ticks taken at the end), then per-row scratch.
        let slots = maxTicks * batch
        var memory = Arena(floats: slots * (width + stateWidth + 2) + batch * (4 * stateWidth + 2 * hiddenWidth + 2 * gateWidth + 3 * width + 3))
        defer { memory.free() }
        let (observations, states) = (memory.take(slots * width), memory.take(slots * stateWidth))
        let (times, dts) = (memory.take(slots), memory.take(slots))
        var (state, spare) = (memory.take(batch * stateWidth), memory.take(batch * stateWidth))
        let moved = memory.take(batch * stateWidth), flowed = memory.take(batch * stateWidth)
        // The MLPs' hidden rows: each layer reads one and writes the other.
        let (layerA, layerB) = (memory.take(batch * hiddenWidth), memory.take(batch * hiddenWidth))
        let (inputGates, hiddenGates) = (memory.take(batch * gateWidth), memory.take(batch * gateWidth))
        var (current, next) = (memory.take(batch * width), memory.take(batch * width))
        let change = memory.take(batch * width)
        var (dtPrevious, dt) = (memory.take(batch), memory.take(batch))
        let time = memory.take(batch)
        let active = UnsafeMutablePointer<Int>.allocate(capacity: batch)
        defer { active.deallocate() }
        var counts = [Int](repeating: 0, count: batch)

        times.initialize(repeating: .infinity, count: slots)
        dts.initialize(repeating: 0, count: slots)
        state.initialize(repeating: 0, count: batch * stateWidth)
        dtPrevious.initialize(repeating: 1, count: batch)
        time.initialize(repeating: 0, count: batch)
        for row in 0..<batch { active[row] = row }

        var ticks = 0
        data.scalars.withUnsafeBufferPointer { dataBuffer in
            let frame = { (i: Int) in dataBuffer.baseAddress! + i * batch * width }
            current.update(from: frame(0), count: batch * width)
            var n = batch                                                 // trajectories still ticking
            for i in 0..<maxTicks where n > 0 {
                ticks = i + 1
                // The piece starts at the model's own estimate (the previous tick's prediction).
                for row in 0..<n {
                    (observations + (i * batch + active[row]) * width).update(from: current + row * width, count: width)
                }
                // The cell reads the data through the burn-in (every trajectory still ticking),
                // then its estimate with the auxiliary columns of frame ⌊t⌋.
                let x: UnsafePointer<Float>
                if i < burnIn {
                    x = frame(i)
                    for row in 0..<n { time[row] = Float(i) }
                } else {
                    for row in 0..<n where auxiliary > 0 {
                        // A non-finite or negative time (an untrained Δt head) reads frame 0.
                        let t = time[row].isFinite ? min(Float(frames - 1), max(0, time[row])) : 0
                        let source = frame(Int(t)) + active[row] * width
                        for j in scored..<width { current[row * width + j] = source[j] }
                    }
                    x = UnsafePointer(current)
                }

                // state = cell(encode(x), flow(state, Δt_previous))
                let start: UnsafePointer<Float> = jumpy ? UnsafePointer(moveLinearly(state, by: dtPrevious, into: moved, rows: n)) : UnsafePointer(state)
                let encoderLayers = weights.encoder
                encoderLayers[0].apply(x, stride: width, rows: n, epilogue: .relu, into: layerA, stride: hiddenWidth, path: path)
                encoderLayers[1].apply(layerA, stride: hiddenWidth, rows: n, epilogue: .residualRelu(layerA, stride: hiddenWidth), into: layerB, stride: hiddenWidth, path: path)
                encoderLayers[2].apply(layerB, stride: hiddenWidth, rows: n, epilogue: .residualRelu(layerB, stride: hiddenWidth), into: layerA, stride: hiddenWidth, path: path)
                encoderLayers[3].apply(layerA, stride: hiddenWidth, rows: n, into: inputGates, stride: gateWidth, path: path)
                weights.recurrent.apply(start, stride: stateWidth, rows: n, into: hiddenGates, stride: gateWidth, path: path)
                Tensor.gruGates(inputGates: inputGates, hiddenGates: hiddenGates, hidden: start, into: spare, rows: n, width: stateWidth)
                swap(&state, &spare)

                // Δt: 1 through the burn-in, then the constant or (jumpy) the Δt head.
                if i >= burnIn - 1, let constant = options.constantDt {
                    dt.update(repeating: constant, count: n)
                } else if i >= burnIn - 1 && jumpy {
                    weights.dt.apply(state, stride: stateWidth, rows: n, into: dt, stride: 1, path: path)
                    for row in 0..<n { dt[row] = Self.dt(headOutput: dt[row]) }
                } else {
                    dt.update(repeating: 1, count: n)
                }

                // next = x + decode(flow(state, Δt)); auxiliary columns are never predicted.
                let end: UnsafePointer<Float> = jumpy ? UnsafePointer(moveLinearly(state, by: dt, into: flowed, rows: n)) : UnsafePointer(state)
                let decoderLayers = weights.decoder
                decoderLayers[0].apply(end, stride: stateWidth, rows: n, scale: tau, epilogue: .relu, into: layerA, stride: hiddenWidth, path: path)
                decoderLayers[1].apply(layerA, stride: hiddenWidth, rows: n, epilogue: .residualRelu(layerA, stride: hiddenWidth), into: layerB, stride: hiddenWidth, path: path)
                decoderLayers[2].apply(layerB, stride: hiddenWidth, rows: n, epilogue: .residualRelu(layerB, stride: hiddenWidth), into: layerA, stride: hiddenWidth, path: path)
                decoderLayers[3].apply(layerA, stride: hiddenWidth, rows: n, into: change, stride: width, path: path)
                for row in 0..<n {
                    for j in 0..<width { next[row * width + j] = x[row * width + j] + change[row * width + j] }
                    for j in scored..<width { next[row * width + j] = 0 }
                }

                for row in 0..<n {
                    let slot = i * batch + active[row]
                    counts[active[row]] = i + 1
                    times[slot] = time[row]
                    dts[slot] = dt[row]
                    (states + slot * stateWidth).update(from: state + row * stateWidth, count: stateWidth)
                    time[row] += dt[row]
                }
                swap(&current, &next)
                swap(&dtPrevious, &dt)

                // Drop the trajectories whose pieces now cover the horizon (rows move up).
                if options.stopAtHorizon && i >= burnIn - 1 {
                    var kept = 0
                    for row in 0..<n where time[row] + options.offset < horizon {
                        if kept != row {
                            active[kept] = active[row]
                            time[kept] = time[row]
                            dtPrevious[kept] = dtPrevious[row]
                            (state + kept * stateWidth).update(from: state + row * stateWidth, count: stateWidth)
                            (current + kept * width).update(from: current + row * width, count: width)
                        }
                        kept += 1
                    }
                    n = kept
                }
            }
        }

        // Past a trajectory's last tick, time stays +∞ and Δt 0; the rest repeats that tick.
        for bIndex in 0..<batch where counts[bIndex] < ticks {
            let last = (counts[bIndex] - 1) * batch + bIndex
            for t in counts[bIndex]..<ticks {
                let slot = t * batch + bIndex
                (observations + slot * width).update(from: observations + last * width, count: width)
                (states + slot * stateWidth).update(from: states + last * stateWidth, count: stateWidth)
            }
        }
        func array(_ p: UnsafeMutablePointer<Float>, _ count: Int) -> [Float] { Array(UnsafeBufferPointer(start: p, count: count)) }
        let k = ticks
        return Rollout(model: self, options: options, frames: frames,
                       observations: Tensor(shape: [k, batch, width], scalars: array(observations, k * batch * width)),
                       times: Tensor(shape: [k, batch, 1], scalars: array(times, k * batch)),
                       states: Tensor(shape: [k, batch, stateWidth], scalars: array(states, k * batch * stateWidth)),
                       tickDts: array(dts, k * batch), tickCounts: counts)
    }

    /// `linearDynamics` on raw rows, one Δt per row, with the primitive's own loop.
    private func moveLinearly(_ state: UnsafePointer<Float>, by dt: UnsafePointer<Float>,
                              into out: UnsafeMutablePointer<Float>, rows: Int) -> UnsafeMutablePointer<Float> {
        Tensor.moveLinearly(state, dt: dt, perRow: true, rows: rows, width: stateWidth,
                            moving: configuration.rnn, timeConstant: timeConstant, into: out)
        return out
    }
}

/// Floats carved from one allocation, freed together.
private struct Arena {
    private let base: UnsafeMutablePointer<Float>
    private var used = 0
    private let count: Int

    init(floats: Int) {
        count = floats
        base = .allocate(capacity: max(1, floats))
    }

    mutating func take(_ n: Int) -> UnsafeMutablePointer<Float> {
        precondition(used + n <= count, "arena overflow")
        defer { used += n }
        return base + used
    }

    func free() { base.deallocate() }
}
