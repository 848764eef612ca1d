import ArgumentParser
import Foundation
import Learning
import Physics
import Planning
import PlanningTable
import Tensor

/// `jumpy-bench plan-table`: success against planning budget on the at-rest shot task for
/// the simulator and each checkpoint given, with each planner, written into a directory as
/// Markdown, TSV and a PNG drawn like the 2021 figure. Resumable: run it again with the same
/// options and it plans only the episodes still missing.
struct PlanTableBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan-table",
        abstract: "Success against planning budget for the simulator and models, each planner (resumable).",
        discussion: """
            Episodes --seed … --seed+N−1 (start=rest, physics=reference), each dynamics with random shooting, CEM and \
            (models only) the gradient planner at --budget, success reported at --budgets. Writes DIR/table.md, \
            DIR/curves.tsv, DIR/figure.png and DIR/cells/*.tsv (one line an episode; a later run resumes from them).
            """)

    @Argument(help: "Checkpoints of models of the shots world, each a line of the table.")
    var models: [String] = []
    @Option(help: "The directory the results go to.") var directory = "plan-table"
    @Option(help: "Episodes per cell.") var episodes = 500
    @Option(help: "The first episode's seed.") var seed: UInt64 = 100
    @Option(help: "Candidates per plan (gradient: steps × starts).") var budget = 250
    @Option(help: "The budgets reported, comma separated.") var budgets = "1,2,5,10,20,50,100,150,200,250"
    @Option(help: "Planners, comma separated: random, cem, gradient.") var planners = "random,cem,gradient"
    @Option(help: "The gradient planner's starts.") var starts = 5
    @Option(help: "The gradient planner's Adam step.") var rate = 0.05
    @Option(help: "CEM's rounds.") var rounds = 5
    @Option(help: "CEM's elites.") var elites = 10
    @Flag(help: "Leave the simulator out.") var noSimulator = false
    @Option(help: "Threads: workers that split each batch of candidates.") var threads = 1

    func run() throws {
        Threads.set(threads)
        var settings = TableSettings()
        settings.firstSeed = seed
        settings.episodes = episodes
        settings.budget = budget
        settings.starts = starts
        settings.rate = rate
        settings.rounds = rounds
        settings.elites = elites
        let parsed = budgets.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parsed.isEmpty, parsed.allSatisfy({ $0 != nil && $0! >= 1 }) else {
            throw ValidationError("--budgets: positive integers, comma separated; got '\(budgets)'")
        }
        settings.budgets = parsed.map { $0! }
        let kinds = try planners.split(separator: ",").map { word in
            guard let kind = PlannerKind(rawValue: String(word)) else {
                throw ValidationError("--planners: \(PlannerKind.allCases.map(\.rawValue).joined(separator: ", ")); got '\(word)'")
            }
            return kind
        }
        if let problem = settings.planner(.random, budget: budget).problem { throw ValidationError(problem) }
        var dynamics: [(label: String, dynamics: any ShotDynamics)] = noSimulator ? [] : [("sim", SimulatorDynamics())]
        for path in models {
            let model = try SequenceModel.load(from: path)
            let label = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            guard !dynamics.contains(where: { $0.label == label }) else { throw ValidationError("two models named \(label)") }
            dynamics.append((label, try ModelDynamics(model)))
        }
        let run = TableRun(settings: settings, directory: directory, dynamics: dynamics, planners: kinds)
        let report = try run.run { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        print(report.markdown, terminator: "")
        print("written: \(directory)/table.md, \(directory)/curves.tsv, \(directory)/figure.png")
    }
}
