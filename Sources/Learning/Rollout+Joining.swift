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
        // Past a part's last tick, its trajectories repeat their last tick (time +∞, Δt 0),
        // as a single rollout pads them.
        let observations = Self.join(parts, ticks: k, batch: batch, width: width, padding: nil) { $0.observations.scalars }
        let states = Self.join(parts, ticks: k, batch: batch, width: stateWidth, padding: nil) { $0.states.scalars }
        let times = Self.join(parts, ticks: k, batch: batch, width: 1, padding: .infinity) { $0.times.scalars }
        let dts = Self.join(parts, ticks: k, batch: batch, width: 1, padding: 0) { $0.tickDts }
        self.init(model: first.model, options: first.options, frames: first.frames,
                  observations: Tensor(shape: [k, batch, width], scalars: observations),
                  times: Tensor(shape: [k, batch, 1], scalars: times),
                  states: Tensor(shape: [k, batch, stateWidth], scalars: states),
                  tickDts: dts, tickCounts: parts.flatMap(\.tickCounts))
    }

    /// One field of every part as `[k, batch, width]`: a part's rows of one tick are
    /// contiguous, and so is their place. Past a part's last tick, `padding`, or (nil) the
    /// part's last tick again. The join runs after the shards, so the parts copy in parallel
    /// into memory that nothing zeroes first.
    private static func join(_ parts: [Rollout], ticks k: Int, batch: Int, width: Int, padding: Float?,
                             _ values: (Rollout) -> [Float]) -> [Float] {
        let offsets = parts.reduce(into: [0]) { $0.append($0.last! + $1.batch) }
        return [Float](unsafeUninitializedCapacity: k * batch * width) { buffer, initialized in
            let out = buffer.baseAddress!
            let groups = Threads.shards(of: parts.count)
            Threads.forEach(groups.count) { g in   // each group writes its own parts' columns
                for i in groups[g] {
                    let (part, partBatch) = (parts[i], parts[i].batch)
                    let partK = part.times.shape[0], row = partBatch * width
                    values(part).withUnsafeBufferPointer { source in
                        for t in 0..<k {
                            let to = out + (t * batch + offsets[i]) * width
                            if let padding, t >= partK {
                                to.initialize(repeating: padding, count: row)
                            } else {
                                to.initialize(from: source.baseAddress! + min(t, partK - 1) * row, count: row)
                            }
                        }
                    }
                }
            }
            initialized = k * batch * width
        }
    }
}
