import Learning
import Physics
import Planning
import Plotting
import Tensor

/// A plan from above: the simulator playing the chosen shot (both balls, dashed), the
/// dynamics' forecast of it (solid, a dot at each tick), the target and the cue ball's impulse.
extension Views {
    static func planTable(_ value: PlanValue) -> TableView {
        let plan = value.plan, task = plan.task, outcome = plan.outcome
        let simulated = (0..<2).map { ball in
            (0..<outcome.frames).map { f in Point(outcome.position(ball: ball, frame: f).x, outcome.position(ball: ball, frame: f).y) }
        }
        var view = TableView(truth: Track(frames: simulated), target: targetRegion(task.target, in: Rect(x: 0...1, y: 0...1)),
                             action: ActionArrow(ball: ShotTask.cueBall, frame: task.actionFrame, impulse: Point(plan.action.x, plan.action.y)))
        view.radius = task.radius
        view.ballNames = shotBallNames
        view.truthTitle = "simulator (the shot played)"
        view.modelTitle = (plan.dynamics == "sim" ? "simulator" : plan.dynamics) + " forecast"
        if let model = value.model {
            // The model's forecast of the chosen shot replayed: every ball it predicts, between
            // frames by its interpolation, and its ticks with their Δt.
            let episode = ShotEpisode(seed: plan.seed, task: task)
            var data = [Float](repeating: 0, count: task.frames * ShotRows.width)
            for (i, v) in episode.observedRows(action: plan.action).enumerated() { data[i] = Float(v) }
            let rollout = model.rollout(Tensor(shape: [task.frames, 1, ShotRows.width], scalars: data),
                                        options: RolloutOptions(burnIn: task.observedFrames))
            let times = sampleTimes(task.frames, slow: 4)
            let samples = modelSamples(rollout, 0, at: times)
            view.model = Track(times: times, balls: [(0, 1), (2, 3)].map { c in samples.map { Point($0[c.0], $0[c.1]) } })
            let ticks = ticks(rollout, 0)
            view.ticks = ticks.map(\.time)
            view.tickDts = ticks.enumerated().map { $0.offset >= task.observedFrames - 1 ? $0.element.dt : .nan }
        } else if plan.dynamics == "sim" {
            // The simulator forecasts exactly what it plays.
            view.model = Track(frames: simulated)
            view.ticks = plan.chosenTickTimes
        } else {
            // An ensemble forecasts the object ball alone (its mean path); frames 0–3 were shown.
            let shown = Array(simulated[ShotTask.objectBall].prefix(outcome.frames - plan.predicted.count))
            view.model = Track(frames: [shown + plan.predicted.map { Point($0.x, $0.y) }])
            view.ticks = plan.chosenTickTimes
        }
        return view
    }

    static func planTitle(_ plan: ShotPlan) -> String {
        "Episode \(plan.seed) planned with \(plan.dynamics == "sim" ? "the simulator" : "the \(plan.dynamics) model"): "
            + (plan.success ? "success at frame \(plan.outcome.targetFrame!)" : "missed")
    }
}
