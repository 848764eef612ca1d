import Learning
import Physics
import Planning
import Tensor

/// An object whose figures include timings: `show` prints them to standard error, so what
/// replays (standard output) stays the same from run to run.
public protocol TimedObject: WorkbenchObject {
    var timings: String { get }
}

/// One planned episode of the shot task.
///
///     p.action, p.success, p.seed, p.frame, p.ticks, p.predicted, p.simulated
public struct PlanValue: TimedObject {
    public static let typeName = "plan"
    public let plan: ShotPlan
    /// The model that planned it (nil: the simulator or an ensemble): pictures replay its
    /// forecast of the chosen shot to draw every ball it predicts, not only the object ball.
    public let model: SequenceModel?

    public init(_ plan: ShotPlan, model: SequenceModel? = nil) { self.plan = plan; self.model = model }

    static func pair(_ v: SIMD2<Double>) -> String {
        "(\(NumberFormat.significant(v.x, digits: 3)), \(NumberFormat.significant(v.y, digits: 3)))"
    }

    static func verdict(_ frame: Int?) -> String {
        frame.map { "in the target at frame \($0)" } ?? "misses the target"
    }

    /// The `start` and `physics` lines of `show`, their labels padded to `width`.
    static func taskLines(_ task: ShotTask, width: Int) -> [String] {
        [("start", task.start.explanation), ("physics", task.physics.explanation)].map { label, text in
            "  " + label + String(repeating: " ", count: max(1, width - label.count)) + text
        }
    }

    public var summary: String {
        "plan with \(plan.dynamics), episode \(plan.seed), \(plan.candidates) candidates: action \(Self.pair(plan.action)), "
            + "predicted \(plan.predictedTargetFrame.map { "hit at frame \($0)" } ?? "miss"), "
            + (plan.success ? "success at frame \(plan.outcome.targetFrame!)" : "missed")
    }

    public var details: String {
        let planner = plan.planner
        let search: String
        switch planner.kind {
        case .random: search = "random shooting"
        case .cem: search = "cross-entropy method, \(planner.rounds) rounds, \(planner.elites) elites"
        case .gradient: search = "gradient descent, \(planner.starts) starts, rate \(NumberFormat.significant(planner.rate, digits: 3))"
        }
        return ([
            "plan of episode \(plan.seed) with \(plan.dynamics) (\(search), \(plan.candidates) candidates)",
        ] + Self.taskLines(plan.task, width: 12) + [
            "  action      \(Self.pair(plan.action)) (the cue ball's impulse after frame 3)",
            "  predicted   \(Self.verdict(plan.predictedTargetFrame)), score \(NumberFormat.significant(plan.score, digits: 3))",
            "  simulated   \(Self.verdict(plan.outcome.targetFrame)): \(plan.success ? "success" : "failure")",
            "  ticks       \(NumberFormat.significant(plan.meanTicks, digits: 3)) per candidate after the shot (the chosen one: \(plan.chosenTicks))",
        ]).joined(separator: "\n")
    }

    public var timings: String {
        "  wall time   \(NumberFormat.significant(plan.seconds * 1000, digits: 3)) ms for \(plan.candidates) candidates"
    }

    public var fieldNames: [String] { ["action", "success", "seed", "frame", "ticks", "predicted", "simulated"] }

    public func field(_ name: String) -> Value? {
        switch name {
        case "action": return .list([.number(plan.action.x), .number(plan.action.y)])
        case "success": return .number(plan.success ? 1 : 0)
        case "seed": return .number(Double(plan.seed))
        case "frame": return .number(Double(plan.outcome.targetFrame ?? -1))
        case "ticks": return .number(plan.meanTicks)
        case "predicted":
            // [frames after the shot, 2]: the object ball's predicted centre.
            return .tensor(Tensor(shape: [plan.predicted.count, 2], scalars: plan.predicted.flatMap { [Float($0.x), Float($0.y)] }))
        case "simulated":
            return .object(Trajectories(Tensor(shape: [plan.outcome.frames, 1, ShotRows.width],
                                               scalars: plan.outcome.rows.map(Float.init)), origin: "plan",
                                               scene: Scene(world: "shots")))
        default: return nil
        }
    }
}

/// Many planned episodes: success against budget. `export e "plans.npy"` writes one row per
/// episode (`PlanEvaluation.rows`); `e[i]` is episode i's plan.
///
///     e.success, e.random, e.episodes, e.curve, e.rows
public struct PlansValue: TimedObject, TensorBacked, IndexableObject {
    public static let typeName = "plans"
    public let evaluation: PlanEvaluation

    /// The model that planned every episode (nil: the simulator or an ensemble), handed to
    /// each episode taken out (`e[3]`) so its pictures replay the model's forecast.
    public let model: SequenceModel?

    public init(_ evaluation: PlanEvaluation, model: SequenceModel? = nil) { self.evaluation = evaluation; self.model = model }

    static func percent(_ rate: Double) -> String { NumberFormat.significant(100 * rate, digits: 3) + "%" }

    /// The budgets the curve is printed at.
    var budgets: [Int] {
        let budget = evaluation.budget
        return ([1, 5, 10, 25, 50, 100, 150, 200, 250, 500, 1000].filter { $0 < budget } + [budget])
    }

    public var summary: String {
        let e = evaluation
        return "plans with \(e.dynamics): \(e.episodes) episodes from seed \(e.firstSeed), \(e.budget) candidates: "
            + "success \(Self.percent(e.successRate)) (random action \(Self.percent(e.randomRate))), "
            + "\(NumberFormat.significant(e.meanTicks, digits: 3)) ticks per candidate"
    }

    public var details: String {
        let e = evaluation
        let curve = e.successByBudget
        var lines = [
            "\(e.episodes) episodes planned with \(e.dynamics) (seeds \(e.firstSeed)…\(e.firstSeed + UInt64(max(e.episodes, 1) - 1))), "
                + "\(e.budget) candidates each",
        ] + PlanValue.taskLines(e.task, width: 15) + [
            "  success        \(Self.percent(e.successRate)) (\(e.plans.filter(\.success).count) of \(e.episodes))",
            "  random action  \(Self.percent(e.randomRate))",
            "  ticks          \(NumberFormat.significant(e.meanTicks, digits: 3)) per candidate after the shot",
            "  success against budget (best of the first N candidates):",
        ]
        guard !curve.isEmpty else { return lines.joined(separator: "\n") }
        for budget in budgets {
            let rate = curve[budget - 1]
            lines.append("    " + String(budget).leftPadded(5) + "  " + Self.percent(rate).leftPadded(6) + "  "
                         + String(repeating: "█", count: Int((rate * 40).rounded())))
        }
        return lines.joined(separator: "\n")
    }

    public var timings: String {
        let e = evaluation
        return "  wall time      \(NumberFormat.significant(e.meanSeconds * 1000, digits: 3)) ms per plan, "
            + "\(NumberFormat.significant(e.candidatesPerSecond, digits: 3)) candidates/s"
    }

    public var tensor: Tensor {
        Tensor(shape: [evaluation.episodes, PlanEvaluation.rowWidth], scalars: evaluation.rows.map(Float.init))
    }

    public var elementCount: Int { evaluation.episodes }
    public var elementName: String { "episode" }

    public func element(_ index: Int) -> Value { .object(PlanValue(evaluation.plans[index], model: model)) }

    public func elements(_ range: Range<Int>) -> Value {
        let first = evaluation.firstSeed + UInt64(range.lowerBound)
        return .object(PlansValue(PlanEvaluation(firstSeed: first, task: evaluation.task, plans: Array(evaluation.plans[range])),
                                  model: model))
    }

    public var fieldNames: [String] { ["success", "random", "episodes", "curve", "rows"] }

    public func field(_ name: String) -> Value? {
        switch name {
        case "success": return .number(evaluation.successRate)
        case "random": return .number(evaluation.randomRate)
        case "episodes": return .number(Double(evaluation.episodes))
        case "curve": return .tensor(Tensor(shape: [evaluation.budget], scalars: evaluation.successByBudget.map(Float.init)))
        case "rows": return .tensor(tensor)
        default: return nil
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
