import Learning
import Physics
import Planning
import Tensor

extension Command {
    static let plan = Command(
        "plan", summary: "Plan billiards shots with the simulator or a trained model (one episode, or an evaluation)",
        parameters: [
            .argument(.dynamics),
            .option(.seed, help: "the episode; with episodes=N the first of N consecutive episode seeds"),
            .option(.budget), .option(.episodes), .option(.planner), .option(.rounds), .option(.elites),
            .option(.starts), .option(.rate),
            .option(.start), .option(.physics, help: "the simulator's law, for sim's forecasts and the judge of every plan: "
                                                  + "reference, greydanus/billiards' fixed steps of 0.01; or exact, event-driven"),
        ],
        returns: "plan or plans",
        example: "e = plan sim episodes=20 budget=50 seed=100",
        discussion: """
            An episode starts from its seed, its balls at rest by default (start=, the task the blog planned on); \
            the dynamics see frames 0–3, and each candidate impulse for the cue \
            ball is scored by how deep its predicted object-ball path goes into the target corner \
            (\(ShotTarget.reference)). The best candidate is played by the simulator (physics=, greydanus/billiards' own law by \
            default), which alone judges success (the object ball in the target at some frame from 4 to 44). Episode i of an evaluation has seed seed+i, so \
            'plan m seed=S+i' replays it. Ctrl-C stops an evaluation between episodes or between batches of \
            an episode's candidates, and keeps the whole episodes done; it stops a single episode between \
            batches of candidates, and binds nothing. \
            Several models ('plan r o m') plan as an ensemble: each forecasts every candidate, and the \
            candidate is scored on their mean path, at the cost of all their ticks. \
            planner=gradient runs Adam on the shot through the model (rate= a step, in action units) from \
            starts= random shots, the first a random shooting would draw, on a smooth cost: minus a soft \
            maximum over the forecast frames of the object ball's depth in the target (outside it, minus its \
            distance). Each step of each start is one candidate of the budget (budget=250 starts=5: 50 steps \
            each), and the best-scoring step is played. The simulator is not differentiable: plan sim with \
            random or cem. \
            'show' prints the figures, 'export e "plans.npy"' one row per episode, 'compare e1 e2' a table.
            """
    ) { call in
        let dynamics = try shotDynamics(call[.dynamics])
        let planner = ShotPlanner(kind: call[.planner], budget: call[.budget], rounds: call[.rounds], elites: call[.elites],
                                  starts: call[.starts], rate: call[.rate])
        if let problem = planner.problem(with: dynamics) {
            throw CommandError(problem, argument: CommandOption<PlannerKind>.planner.name)
        }
        let seed = UInt64(call[.seed]), task = call.shotTask
        guard let episodes = call[.episodes] else {
            // Ctrl-C between candidate batches (500 candidates, or a CEM round): nothing to keep.
            var progress = call.progress(total: planner.budget, label: "plan \(dynamics.name)", unit: "candidates")
            defer { progress.finish() }
            var done = 0
            let work = LongWork(report: { reached, _ in done = reached; progress.update(step: reached) },
                                isCancelled: call.interpreter.isInterruptRequested)
            guard let chosen = planner.plan(ShotEpisode(seed: seed, task: task), with: dynamics, work: work) else {
                throw CommandError("interrupted: the plan stopped after \(done) of \(planner.budget) candidates, so it gives nothing",
                                   argument: .dynamics)
            }
            let plan = PlanValue(chosen, model: (dynamics as? ModelDynamics)?.model)
            call.note(plan.timings)
            return Outcome.value(.object(plan)).reporting(ResultRow(dynamics.name, ["success": plan.plan.success ? 1 : 0,
                                                                                    "ticks": plan.plan.meanTicks],
                                                                    timings: ["ms/plan": plan.plan.seconds * 1000]))
        }
        var progress = call.progress(total: episodes, label: "plan \(dynamics.name)", unit: "episodes")
        let interrupted = call.interpreter.isInterruptRequested
        let evaluation = PlanEvaluation.run(dynamics: dynamics, planner: planner, seed: seed, episodes: episodes, task: task,
                                            work: LongWork(report: { done, _ in progress.update(step: done) }, isCancelled: interrupted))
        progress.finish()
        guard evaluation.episodes > 0 else {
            throw CommandError("interrupted before the first episode", argument: CommandOption<Int?>.episodes.name)
        }
        let plans = PlansValue(evaluation, model: (dynamics as? ModelDynamics)?.model)
        call.note(plans.timings)
        var outcome = Outcome.value(.object(plans)).reporting(.plans(dynamics.name, evaluation))
        if evaluation.episodes < episodes {
            call.print("interrupted after \(evaluation.episodes) of \(episodes) episodes")
            outcome = outcome.recording(CommandOption<Int?>.episodes.name, Double(evaluation.episodes))
        }
        return outcome
    }
}

/// The dynamics `plan` searches with: the simulator (`sim`), one model of the shots world, or
/// several models as an ensemble.
private func shotDynamics(_ items: [Value]) throws -> any ShotDynamics {
    var members: [any ShotDynamics] = []
    for (i, item) in items.enumerated() {
        guard case .object(let model as ModelValue) = item else {
            if items.count == 1 { return SimulatorDynamics() }
            throw CommandError("an ensemble is of models; sim knows the table exactly and joins none", item: i, of: .dynamics)
        }
        do throws(PlanningError) { members.append(try ModelDynamics(model.model)) } catch {
            throw CommandError(error.description, item: i, of: .dynamics)
        }
    }
    return members.count == 1 ? members[0] : EnsembleDynamics(members)
}

/// The planning table `compare` prints for evaluations of several dynamics.
enum PlanComparison {
    static let header = ["plans", "dynamics", "episodes", "budget", "success", "random", "ticks/candidate"]

    static func run(_ call: Invocation, _ items: [(text: String, plans: PlansValue)]) throws -> Outcome {
        let first = items[0].plans.evaluation
        for (text, plans) in items.dropFirst() {
            let e = plans.evaluation
            guard e.firstSeed == first.firstSeed && e.episodes == first.episodes else {
                throw CommandError("\(text) planned episodes \(e.firstSeed)… (\(e.episodes)), \(items[0].text) "
                                   + "episodes \(first.firstSeed)… (\(first.episodes)): compare needs the same episodes",
                                   argument: .items)
            }
            guard e.task == first.task else {
                throw CommandError("\(text) planned start=\(e.task.start) physics=\(e.task.physics), \(items[0].text) "
                                   + "start=\(first.task.start) physics=\(first.task.physics): compare needs the same episodes",
                                   argument: .items)
            }
        }
        let rows = items.map { text, plans -> [String] in
            let e = plans.evaluation
            return [text, e.dynamics, String(e.episodes), String(e.budget), PlansValue.percent(e.successRate),
                    PlansValue.percent(e.randomRate), NumberFormat.significant(e.meanTicks, digits: 3)]
        }
        call.print(TextTable.render([header] + rows, leftAligned: 2))
        // Timings do not replay: standard error.
        call.note("  wall time per plan: " + items.map { "\($0.text) \(NumberFormat.significant($0.plans.evaluation.meanSeconds * 1000, digits: 3)) ms" }
                    .joined(separator: ", "))
        call.note("  candidates/s: " + items.map { "\($0.text) \(NumberFormat.significant($0.plans.evaluation.candidatesPerSecond, digits: 3))" }
                    .joined(separator: ", "))
        let best = items.max { $0.plans.evaluation.successRate < $1.plans.evaluation.successRate }!
        var figures = Outcome.summary("highest success: \(best.text) (\(PlansValue.percent(best.plans.evaluation.successRate)))")
        for (text, plans) in items { figures = figures.reporting(.plans(text, plans.evaluation)) }
        return figures
    }
}

// The positional argument of plan.
extension CommandArgument where Value == [Workbench.Value] {
    fileprivate static var dynamics: Self {
        .wordsOrValues("dynamics", ["sim"], of: [ModelValue.typeName],
                       help: "sim (the simulator itself), or models trained on the shots world (several: an ensemble)")
    }
}

// The options of plan, defaults from the planner's (seed is shared: SharedOptions.swift).
private let plannerDefaults = ShotPlanner()

extension CommandOption where Value == Int {
    fileprivate static var budget: Self {
        .integer("budget", in: 1...100_000, default: plannerDefaults.budget, help: "candidate shots whose outcome the dynamics predicts")
    }
    fileprivate static var rounds: Self { .integer("rounds", in: 1...1000, default: plannerDefaults.rounds, help: "cem: the rounds the budget is split into") }
    fileprivate static var elites: Self { .integer("elites", in: 1...100_000, default: plannerDefaults.elites, help: "cem: the candidates each round keeps") }
    fileprivate static var starts: Self {
        .integer("starts", in: 1...10_000, default: plannerDefaults.starts, help: "gradient: the random shots Adam starts from")
    }
}

extension CommandOption where Value == Double {
    fileprivate static var rate: Self { .number("rate", in: 1e-6...10, default: plannerDefaults.rate, help: "gradient: Adam's step size, in action units") }
}

extension CommandOption where Value == Int? {
    fileprivate static var episodes: Self { .integer("episodes", in: 1...10_000, help: "plan this many episodes and report the success rate") }
}

extension CommandOption where Value == PlannerKind {
    fileprivate static var planner: Self {
        .word("planner", default: plannerDefaults.kind, help: "random (best of the budget's uniform candidates), cem (cross-entropy method) "
                                                + "or gradient (Adam on the shot through a model)")
    }
}
