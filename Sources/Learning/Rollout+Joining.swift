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
        var offset = 0
        for part in parts {
            let (partK, partBatch) = (part.times.shape[0], part.batch)
            let (partTimes, partObservations, partStates) = (part.times.scalars, part.observations.scalars, part.states.scalars)
            for t in 0..<k {
                // Past a part's last tick row, its trajectories repeat their last tick (time +∞,
                // Δt 0), as a single rollout pads them.
                let source = min(t, partK - 1)
                for b in 0..<partBatch {
                    let (from, to) = (source * partBatch + b, t * batch + offset + b)
                    if t < partK {
                        times[to] = partTimes[from]
                        dts[to] = part.tickDts[from]
                    }
                    observations.replaceSubrange((to * width)..<((to + 1) * width),
                                                 with: partObservations[(from * width)..<((from + 1) * width)])
                    states.replaceSubrange((to * stateWidth)..<((to + 1) * stateWidth),
                                           with: partStates[(from * stateWidth)..<((from + 1) * stateWidth)])
                }
            }
            offset += partBatch
        }
        self.init(model: first.model, options: first.options, frames: first.frames,
                  observations: Tensor(shape: [k, batch, width], scalars: observations),
                  times: Tensor(shape: [k, batch, 1], scalars: times),
                  states: Tensor(shape: [k, batch, stateWidth], scalars: states),
                  tickDts: dts, tickCounts: parts.flatMap(\.tickCounts))
    }
}
