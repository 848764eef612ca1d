import Foundation
import Testing
import Learning
import Physics
import Planning
import Tensor
import TestSupport
@testable import PlanningTable

/// The planning table on a few episodes: its cells, its files, its curves' meaning, resuming.
@Suite struct PlanningTableTests {
    static func settings(episodes: Int) -> TableSettings {
        var settings = TableSettings()
        settings.episodes = episodes
        settings.budget = 20
        settings.budgets = [1, 2, 5, 10, 20, 50]        // 50 is past the budget: dropped
        settings.starts = 4
        return settings
    }

    static func rnn() throws -> ModelDynamics {
        let model = SequenceModel(ModelConfiguration(kind: .rnn, observationWidth: 6, auxiliaryWidth: 2, hidden: 16, rnn: 16), seed: 3)
        model.datasetName = "shots"
        return try ModelDynamics(model)
    }

    static func dynamics() throws -> [(label: String, dynamics: any ShotDynamics)] {
        [("sim", SimulatorDynamics()), ("rnn", try rnn())]
    }

    @Test func theTableHasACellForEachDynamicsAndPlannerItCanSearchWith() throws {
        let directory = TemporaryDirectory()
        let settings = Self.settings(episodes: 3)
        let report = try TableRun(settings: settings, directory: directory.root, dynamics: Self.dynamics()).run()
        #expect(settings.reportedBudgets == [1, 2, 5, 10, 20])
        // The simulator is not differentiable: no gradient cell.
        #expect(report.cells.map { "\($0.dynamics) \($0.planner.rawValue)" }
                == ["sim random", "sim cem", "rnn random", "rnn cem", "rnn gradient"])
        #expect(report.cells.allSatisfy { $0.episodes.map(\.seed) == [100, 101, 102] && $0.budgets == [1, 2, 5, 10, 20] })
        #expect(directory.listing() == ["cells", "curves.tsv", "figure.png", "table.md"])
        #expect(directory.listing("cells").count == 5)

        let table = try String(contentsOfFile: directory.path("table.md"), encoding: .utf8).split(separator: "\n")
        #expect(table.contains("| dynamics | planner | @1 | @2 | @5 | @10 | @20 | ms/plan |"))
        #expect(table.filter { $0.hasPrefix("| sim ") || $0.hasPrefix("| rnn ") || $0.hasPrefix("| random shot ") }.count == 6)
        let curves = try String(contentsOfFile: directory.path("curves.tsv"), encoding: .utf8).split(separator: "\n")
        #expect(curves.count == 1 + 5 * 5 + 5)
        #expect(curves.dropFirst().allSatisfy { $0.split(separator: "\t").count == 6 })

        // The figure, read by PIL.
        if ImageDecoder.isAvailable {
            let info = try #require(ImageDecoder.info(directory.path("figure.png")))
            #expect(info.format == "PNG" && info.width >= 3 * 420 && info.height >= 320)   // a panel per planner
        }
    }

    /// With the simulator, random shooting's best of the first N candidates succeeds exactly
    /// when one of them does (its score is the truth): checked against the candidates played
    /// one by one, so the curve never falls. Nested planners' curves are the plans a smaller
    /// budget makes; CEM's are separate searches.
    @Test func theCurvesMeanWhatTheySay() throws {
        let directory = TemporaryDirectory()
        let settings = Self.settings(episodes: 4)
        let report = try TableRun(settings: settings, directory: directory.root, dynamics: Self.dynamics()).run()
        let budgets = settings.reportedBudgets
        let simRandom = try #require(report.cells.first { $0.dynamics == "sim" && $0.planner == .random })
        for episode in simRandom.episodes {
            let shot = ShotEpisode(seed: episode.seed, task: settings.task)
            var rng = shot.generator
            let hits = (0..<settings.budget).map { _ in shot.play(settings.task.randomAction(using: &rng)).hit }
            #expect(episode.success == budgets.map { b in hits.prefix(b).contains(true) }, "seed \(episode.seed)")
            #expect(episode.success == episode.success.sorted { !$0 && $1 })        // never falls
        }
        #expect(zip(simRandom.successRates, simRandom.successRates.dropFirst()).allSatisfy { $0 <= $1 })
        // Budget 1 is the random shot, judged by the simulator.
        #expect(simRandom.successRates[0] == report.randomShot)

        let episode = ShotEpisode(seed: 101, task: settings.task)
        let rnn = try Self.rnn()
        for cell in report.cells where cell.dynamics == "rnn" {
            for (i, b) in budgets.enumerated() {
                let alone = settings.planner(cell.planner, budget: b).plan(episode, with: rnn)
                #expect(cell.episodes[1].success[i] == alone.success, "\(cell.planner) at \(b)")
            }
        }
    }

    /// A run stopped after two episodes resumes at the third and ends where one whole run does.
    @Test func aStoppedRunResumesWithTheEpisodesMissing() throws {
        let (resumed, whole) = (TemporaryDirectory(), TemporaryDirectory())
        let dynamics = try Self.dynamics()
        _ = try TableRun(settings: Self.settings(episodes: 2), directory: resumed.root, dynamics: dynamics, planners: [.random, .gradient]).run()
        var heard: [String] = []
        let report = try TableRun(settings: Self.settings(episodes: 4), directory: resumed.root, dynamics: dynamics,
                                  planners: [.random, .gradient]).run { heard.append($0) }
        #expect(heard.filter { $0.contains("episode 1/") || $0.contains("episode 2/") }.isEmpty)
        #expect(heard.filter { $0.contains("episode 3/4") }.count == 3)        // sim random, rnn random, rnn gradient
        let fresh = try TableRun(settings: Self.settings(episodes: 4), directory: whole.root, dynamics: dynamics,
                                 planners: [.random, .gradient]).run()
        #expect(report.cells.map { $0.episodes.map(\.success) } == fresh.cells.map { $0.episodes.map(\.success) })
        #expect(report.cells.map { $0.episodes.map(\.seed) } == fresh.cells.map { $0.episodes.map(\.seed) })

        // A cell file of another table is refused, not mixed in.
        var other = Self.settings(episodes: 4)
        other.budgets = [1, 20]
        #expect(throws: TableError.self) {
            try TableRun(settings: other, directory: resumed.root, dynamics: dynamics, planners: [.random]).run()
        }
        var shifted = Self.settings(episodes: 4)
        shifted.firstSeed = 7
        #expect(throws: TableError.self) {
            try TableRun(settings: shifted, directory: resumed.root, dynamics: dynamics, planners: [.random]).run()
        }
    }
}
