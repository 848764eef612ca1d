import Physics
import Tensor

extension Command {
    static let shot = Command(
        "shot", summary: "Play one episode of the billiards shot task with a given action",
        parameters: [
            .argument(.action),
            .option(.seed, help: "the episode (ball positions and velocities)"), .option(.start), .option(.physics),
        ],
        returns: Trajectories.typeName,
        example: "s = shot [0.5, -0.3] seed=3",
        discussion: """
            The episode is reset from its seed, as plan's (the same start= and physics=, so 'shot p.action \
            seed=S' replays a plan's shot); the action is applied after frame 3 and the rest is simulated. The result is the 45 frames as the shots dataset stores them (x, y of the object ball, x, y of \
            the cue ball, then the action at frame 3), and whether and when (from frame 4 on) the object ball \
            reached the target region \(ShotTarget.reference).
            """
    ) { call in
        guard case .list(let items) = call[.action], items.count == 2,
              case .number(let ax) = items[0], case .number(let ay) = items[1], ax.isFinite, ay.isFinite else {
            throw CommandError("the action is a list of two numbers, [ax, ay]", argument: .action)
        }
        var environment = ShotEnvironment(task: call.shotTask)
        environment.reset(seed: UInt64(call[.seed]))
        let outcome = environment.step(action: SIMD2(ax, ay))
        // [T, 1, 6]: the rows the shots dataset stores (positions, then the action columns).
        let frames = Trajectories(Tensor(shape: [outcome.frames, 1, ShotRows.width], scalars: outcome.rows.map(Float.init)),
                                  origin: "shot", scene: Scene(world: "shots"))
        let applied = "(\(NumberFormat.significant(outcome.action.x, digits: 3)), \(NumberFormat.significant(outcome.action.y, digits: 3)))"
        let result = outcome.targetFrame.map { "the object ball reaches the target at frame \($0)" } ?? "the object ball misses the target"
        return .value(.object(frames), summary: "shot seed \(call[.seed]), action \(applied): \(result)")
    }
}

// The positional argument of shot (seed is shared: SharedOptions.swift).
extension CommandArgument where Value == Workbench.Value {
    fileprivate static var action: Self {
        .value("action", of: ["list"], help: "the cue ball's impulse [ax, ay], clipped to ±1.2 per axis")
    }
}
