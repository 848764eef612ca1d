import Tensor

extension Rollout {
    /// Rollouts of consecutive batches of trajectories (`data.batch(0..<500)`, then
    /// `500..<1000`, …) as the rollout of all of them, `[K, B, …]` with K the longest part's
    /// ticks. Trajectories roll out independently, so this is the rollout of the whole batch;
    /// the workbench rolls out large batches in parts to poll Ctrl-C between them.
    ///
    ///     let whole = Rollout(joining: [model.rollout(a), model.rollout(b)])
    public init(joining parts: [Rollout]) {
        precondition(!parts.isEmpty, "nothing to join")
        let first = parts[0]
        precondition(parts.allSatisfy { $0.model === first.model && $0.options == first.options && $0.frames == first.frames },
                     "only parts of one rollout join")
        if parts.count == 1 {
            self = first
            return
        }
        let k = parts.map { $0.times.shape[0] }.max()!
        let batch = parts.map(\.batch).reduce(0, +)
        let (width, stateWidth) = (first.width, first.states.shape[2])
        var times = [Float](repeating: .infinity, count: k * batch)
        var dts = [Float](repeating: 0, count: k * batch)
        var observations = [Float](repeating: 0, count: k * batch * width)
        var states = [Float](repeating: 0, count: k * batch * stateWidth)
        // Row copies through raw buffers: the join runs on one thread after the shards, so
        // its cost is what keeps sharded rollouts from scaling with the cores.
        observations.withUnsafeMutableBufferPointer { observations in
            states.withUnsafeMutableBufferPointer { states in
                var offset = 0
                for part in parts {
                    let (partK, partBatch) = (part.times.shape[0], part.batch)
                    let partTimes = part.times.scalars
                    part.observations.scalars.withUnsafeBufferPointer { partObservations in
                        part.states.scalars.withUnsafeBufferPointer { partStates in
                            for t in 0..<k {
                                // Past a part's last tick row, its trajectories repeat their last
                                // tick (time +∞, Δt 0), as a single rollout pads them.
                                let source = min(t, partK - 1)
                                let (from, to) = (source * partBatch, t * batch + offset)
                                if t < partK {
                                    for b in 0..<partBatch {
                                        times[to + b] = partTimes[from + b]
                                        dts[to + b] = part.tickDts[from + b]
                                    }
                                }
                                // A part's rows of one tick are contiguous, and so is their place.
                                observations.baseAddress!.advanced(by: to * width)
                                    .update(from: partObservations.baseAddress!.advanced(by: from * width), count: partBatch * width)
                                states.baseAddress!.advanced(by: to * stateWidth)
                                    .update(from: partStates.baseAddress!.advanced(by: from * stateWidth), count: partBatch * stateWidth)
                            }
                        }
                    }
                    offset += partBatch
                }
            }
        }
        self.init(model: first.model, options: first.options, frames: first.frames,
                  observations: Tensor(shape: [k, batch, width], scalars: observations),
                  times: Tensor(shape: [k, batch, 1], scalars: times),
                  states: Tensor(shape: [k, batch, stateWidth], scalars: states),
                  tickDts: dts, tickCounts: parts.flatMap(\.tickCounts))
    }
}
