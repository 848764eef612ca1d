import ArgumentParser
import Foundation
import Learning
import Physics
import Planning
import Tensor

/// `jumpy-bench plan`: plans per second on the shot task for each dynamics at one budget,
/// and the jumpy model's wall time per plan over the RNN's (the blog's "half the wall time").
/// Trained checkpoints tick as trained; untrained models are measured when none is given.
struct PlanBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Shot plans/s for the simulator, rnn, odernn and jumpy dynamics.")

    @OptionGroup var measurement: MeasurementOptions
    @Option(help: "Candidates per plan.") var budget = 250
    @Option(help: "Episodes planned per dynamics (seeds from --seed on).") var episodes = 20
    @Option(help: "The first episode's seed.") var seed: UInt64 = 1000
    @Option(help: "Planner: random, cem or gradient (models only).") var planner = "random"
    @Option(help: "A trained rnn checkpoint (shots); untrained when absent.")
    var rnn = "examples/models/shots-rnn.safetensors"
    @Option(help: "A trained odernn checkpoint (shots); untrained when absent.")
    var odernn = "examples/models/shots-odernn.safetensors"
    @Option(help: "A trained jumpy checkpoint (shots); untrained when absent.")
    var jumpy = "examples/models/shots-jumpy.safetensors"

    func run() throws {
        let stolen = StolenTime()
        defer { stolen.reportShare(bench: "plan", json: measurement.json) }
        Threads.set(measurement.threads)
        guard let kind = PlannerKind(rawValue: planner) else { throw ValidationError("--planner: random, cem or gradient") }
        let search = ShotPlanner(kind: kind, budget: budget)
        if let problem = search.problem { throw ValidationError(problem) }
        var dynamics: [(any ShotDynamics, String)] = [(SimulatorDynamics(), "exact")]
        for (kind, path) in [(ModelKind.rnn, rnn), (.odernn, odernn), (.jumpy, jumpy)] {
            let model: SequenceModel
            var trained = "untrained"
            if FileManager.default.fileExists(atPath: path) {
                model = try SequenceModel.load(from: path)
                trained = "trained \(model.stepsTrained) steps"
            } else {
                model = SequenceModel(ModelConfiguration(kind: kind, observationWidth: 6, auxiliaryWidth: 2), seed: 0)
                model.datasetName = DatasetKind.shots.rawValue
            }
            dynamics.append((try ModelDynamics(model), trained))
        }
        var perPlan: [String: Double] = [:]
        for (model, trained) in dynamics where search.problem(with: model) == nil {   // gradient: not the simulator
            _ = search.plan(ShotEpisode(seed: seed), with: model)               // warm-up
            let evaluation = PlanEvaluation.run(dynamics: model, planner: search, seed: seed, episodes: episodes)
            perPlan[model.name] = evaluation.meanSeconds
            let parameters: [(String, Figure.CaseValue)] = [("dynamics", .string(model.name)), ("budget", .int(budget)),
                                                            ("planner", .string(planner)), ("threads", .int(measurement.threads))]
            report(Figure(bench: "plan", parameters: parameters, value: 1 / evaluation.meanSeconds, unit: "plans/s",
                          label: "\(model.name) (\(trained), \(String(format: "%.1f", evaluation.meanTicks)) ticks/candidate)"),
                   json: measurement.json)
            report(Figure(bench: "plan", parameters: parameters + [("part", .string("success"))], value: 100 * evaluation.successRate,
                          unit: "% solved", label: "  success on \(episodes) episodes"), json: measurement.json)
        }
        if let a = perPlan["jumpy"], let b = perPlan["rnn"] {
            report(Figure(bench: "plan", parameters: [("budget", .int(budget)), ("part", .string("jumpy vs rnn"))],
                          value: a / b, unit: "ratio", label: "wall time per plan, jumpy / rnn"), json: measurement.json)
        }
    }
}
