import Learning
import Physics
import Tensor

/// A trained sequence model as a model of the table. Each candidate is one trajectory of a
/// batch: frames 0–3 are read from the episode (teacher forced, the candidate in the action
/// columns of frame 3), then the model rolls out on its own. A jumpy rollout stops ticking once
/// its pieces cover the last frame, so a forecast costs its ticks, not its frames.
public struct ModelDynamics: ShotDynamics {
    public let model: SequenceModel
    /// A copy of the model that the gradient planner's backward passes run on: they leave
    /// gradients on its parameters, never on the model's (`ModelDynamics+Gradient.swift`).
    let gradientTwin: SequenceModel
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
        self.gradientTwin = model.copy()
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
                            positions: rollout.objectPath(at: task.scoredFrames, near: task.target),
                            tickTimes: (0..<batch).map { b in rollout.ticks(of: b).dropFirst(shown).map { Double($0.time) } })
    }
}

extension Rollout {
    /// The object ball's centre (columns 0 and 1) at each of `frames`, `[B, F, 2]`.
    ///
    /// A frame at which a tick starts (the RNN: every frame) takes the tick's observation.
    /// Between ticks the model's prediction is `base + decode(flow(state, s))` along the piece;
    /// decoding every frame would cost a jumpy forecast more than its ticks, so each frame is
    /// first estimated on the straight line between the piece's two ends (the model's own
    /// predictions at its start and end: a piece is ballistic motion), and only the frames whose
    /// estimate comes within `exactWithin` of `target` (the episode's) are decoded exactly. A
    /// score (the deepest point) is therefore exact wherever it can be positive.
    func objectPath(at frames: ClosedRange<Int>, near target: ShotTarget, exactWithin margin: Double = 0.1) -> [Double] {
        let (batch, width) = (self.batch, self.width)
        let f = frames.count
        var path = [Double](repeating: 0, count: batch * f * 2)
        func observation(_ index: Int) -> SIMD2<Double> {
            SIMD2(Double(observations.scalars[index * width]), Double(observations.scalars[index * width + 1]))
        }
        // The end of each trajectory's last piece is not a tick start: decode it, one row each.
        let lastEnds = decodeObject(batch: (0..<batch).map { b in ((tickCounts[b] - 1) * batch + b, tickDts[(tickCounts[b] - 1) * batch + b]) })
        var exact: [(slot: Int, tick: Int, gap: Float)] = []
        for b in 0..<batch {
            var tick = 0
            for (i, frame) in frames.enumerated() {
                let t = Float(frame)
                while tick + 1 < tickCounts[b] && times.scalars[(tick + 1) * batch + b] <= t { tick += 1 }
                let index = tick * batch + b, slot = b * f + i
                let gap = t - times.scalars[index]
                var p = observation(index)
                if gap != 0 {
                    let last = tick + 1 == tickCounts[b]
                    let end = last ? observation(index) + lastEnds[b] : observation((tick + 1) * batch + b)
                    let length = last ? tickDts[index] : times.scalars[(tick + 1) * batch + b] - times.scalars[index]
                    p += (end - p) * Double(gap / length)
                    if !(target.distance(to: p) > margin) { exact.append((slot, index, gap)) }
                }
                path[2 * slot] = p.x
                path[2 * slot + 1] = p.y
            }
        }
        let changes = decodeObject(batch: exact.map { ($0.tick, $0.gap) })
        for (row, entry) in exact.enumerated() {
            let p = observation(entry.tick) + changes[row]
            path[2 * entry.slot] = p.x
            path[2 * entry.slot + 1] = p.y
        }
        return path
    }

    /// The decoded change of the object ball's centre along each (tick index, time into its
    /// piece), all in one batch through the decoder.
    private func decodeObject(batch pieces: [(tick: Int, gap: Float)]) -> [SIMD2<Double>] {
        guard !pieces.isEmpty else { return [] }
        let stateWidth = states.shape[2]
        var chosen: [Float] = []
        chosen.reserveCapacity(pieces.count * stateWidth)
        for piece in pieces { chosen += states.scalars[(piece.tick * stateWidth)..<((piece.tick + 1) * stateWidth)] }
        let change = withoutTape {
            model.decode(model.flow(Tensor(shape: [pieces.count, stateWidth], scalars: chosen),
                                    dt: Tensor(shape: [pieces.count, 1], scalars: pieces.map(\.gap)))).scalars
        }
        return (0..<pieces.count).map { SIMD2(Double(change[$0 * width]), Double(change[$0 * width + 1])) }
    }
}
