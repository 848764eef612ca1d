import Learning
import Physics
import Tensor

/// A trained sequence model as a model of the table. Each candidate is one trajectory of a
/// batch: frames 0–3 are read from the episode (teacher forced, the candidate in the action
/// columns of frame 3), then the model rolls out on its own. A jumpy rollout stops ticking once
/// its pieces cover the last frame, so a forecast costs its ticks, not its frames.
public struct ModelDynamics: ShotDynamics {
    public let model: SequenceModel
    public var name: String { model.kind.rawValue }

    /// Refuses models that do not read shot-task rows (positions, then the two action columns).
    public init(_ model: SequenceModel) throws(PlanningError) {
        let c = model.configuration
        guard c.observationWidth == ShotRows.width, c.auxiliaryWidth == ShotRows.auxiliaryWidth else {
            let world = model.datasetName.map { " (trained on \($0))" } ?? ""
            throw PlanningError("planning needs a model of the shots world (6 columns, 2 of them the action); "
                + "this \(c.kind.rawValue) model\(world) reads \(c.observationWidth) columns, \(c.auxiliaryWidth) auxiliary")
        }
        if let world = model.datasetName, world != DatasetKind.shots.rawValue {
            throw PlanningError("planning needs a model of the shots world; this \(c.kind.rawValue) model was trained on \(world)")
        }
        self.model = model
    }

    public func forecast(_ episode: ShotEpisode, actions: [SIMD2<Double>]) -> ShotForecast {
        let task = episode.task
        let (frames, batch, width) = (task.frames, actions.count, ShotRows.width)
        let shown = task.observedFrames
        // [T, K, 6]: the frames shown, the candidate in frame 3's action columns; zeros later
        // (a rollout reads only the action columns after the burn-in, and those are zero).
        var data = [Float](repeating: 0, count: frames * batch * width)
        for (k, action) in actions.enumerated() {
            let rows = episode.observedRows(action: action)
            for t in 0..<shown {
                for j in 0..<width { data[(t * batch + k) * width + j] = Float(rows[t * width + j]) }
            }
        }
        let rollout = model.rollout(Tensor(shape: [frames, batch, width], scalars: data),
                                    options: RolloutOptions(burnIn: shown))
        return ShotForecast(frames: task.scoredFrames,
                            positions: rollout.objectPath(at: task.scoredFrames),
                            ticks: rollout.tickCounts.map { $0 - shown })
    }
}

extension Rollout {
    /// The object ball's centre (columns 0 and 1) at each of `frames`, `[B, F, 2]`, as the
    /// rollout carries it on: from the last tick that starts at or before the frame, its start
    /// itself when it starts exactly there (the RNN: every frame), else decoded along its piece.
    /// All the decodes of all trajectories go through the decoder in one batch.
    func objectPath(at frames: ClosedRange<Int>) -> [Double] {
        let (batch, width, stateWidth) = (self.batch, self.width, states.shape[2])
        let f = frames.count
        var path = [Double](repeating: 0, count: batch * f * 2)
        var pending: [(slot: Int, tick: Int)] = []
        var chosenStates: [Float] = [], gaps: [Float] = []
        for b in 0..<batch {
            var tick = 0
            for (i, frame) in frames.enumerated() {
                let t = Float(frame)
                while tick + 1 < tickCounts[b] && times.scalars[(tick + 1) * batch + b] <= t { tick += 1 }
                let index = tick * batch + b, slot = b * f + i
                let gap = t - times.scalars[index]
                if gap == 0 {
                    path[2 * slot] = Double(observations.scalars[index * width])
                    path[2 * slot + 1] = Double(observations.scalars[index * width + 1])
                } else {
                    pending.append((slot, index))
                    chosenStates += states.scalars[(index * stateWidth)..<((index + 1) * stateWidth)]
                    gaps.append(gap)
                }
            }
        }
        guard !pending.isEmpty else { return path }
        let change = withoutTape {
            model.decode(model.flow(Tensor(shape: [pending.count, stateWidth], scalars: chosenStates),
                                    dt: Tensor(shape: [pending.count, 1], scalars: gaps))).scalars
        }
        for (row, entry) in pending.enumerated() {
            for j in 0..<2 {
                path[2 * entry.slot + j] = Double(observations.scalars[entry.tick * width + j] + change[row * width + j])
            }
        }
        return path
    }
}
