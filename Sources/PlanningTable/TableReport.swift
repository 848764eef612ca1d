import Foundation
import Physics
import Planning
import Plotting
import Tensor

/// A planning table's cells summarised: Markdown (`table.md`), the curves as TSV
/// (`curves.tsv`) and the figure (`figure.png`).
public struct TableReport: Sendable {
    public let settings: TableSettings
    public let cells: [TableCell]
    /// The share of episodes a uniformly random shot solves (each episode's first candidate,
    /// judged by the simulator: the same for every dynamics and planner).
    public let randomShot: Double

    public init(settings: TableSettings, cells: [TableCell], randomShot: Double) {
        self.settings = settings; self.cells = cells; self.randomShot = randomShot
    }

    public static func randomShotRate(settings: TableSettings) -> Double {
        guard settings.episodes > 0 else { return 0 }
        let solved = (0..<settings.episodes).filter { i in
            let episode = ShotEpisode(seed: settings.firstSeed + UInt64(i), task: settings.task)
            var rng = episode.generator
            return episode.play(settings.task.randomAction(using: &rng)).hit
        }.count
        return Double(solved) / Double(settings.episodes)
    }

    static func percent(_ x: Double) -> String { String(format: "%.1f", 100 * x) }

    /// One row per dynamics and planner: success (%) at each reported budget, then the mean
    /// wall time of a plan at the full budget.
    public var markdown: String {
        let budgets = settings.reportedBudgets
        let episodes = cells.first?.episodes.count ?? settings.episodes
        var lines = [
            "Success (%) against planning budget: \(episodes) episodes (seeds \(settings.firstSeed)–\(settings.firstSeed + UInt64(max(episodes, 1)) - 1)), "
                + "start=\(settings.task.start.rawValue) physics=\(settings.task.physics.rawValue), one thread. "
                + "A budget is candidates forecast (gradient: steps × starts, \(settings.starts) starts, rate \(settings.rate)); "
                + "cem: \(settings.rounds) rounds, \(settings.elites) elites, each budget its own search. "
                + "Random shot: \(Self.percent(randomShot))%.",
            "",
            "| dynamics | planner | " + budgets.map { "@\($0)" }.joined(separator: " | ") + " | ms/plan |",
            "|---|---|" + String(repeating: "---|", count: budgets.count + 1),
        ]
        for cell in cells {
            lines.append("| \(cell.dynamics) | \(cell.planner.rawValue) | " + cell.successRates.map(Self.percent).joined(separator: " | ")
                         + " | " + String(format: "%.1f", 1000 * cell.meanSeconds) + " |")
        }
        lines.append("| random shot | - | " + budgets.map { _ in Self.percent(randomShot) }.joined(separator: " | ") + " | - |")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Long format: one line per cell and budget.
    public var tsv: String {
        var lines = ["dynamics\tplanner\tbudget\tsuccess\tepisodes\tms_per_plan"]
        for cell in cells {
            for (b, rate) in zip(cell.budgets, cell.successRates) {
                lines.append("\(cell.dynamics)\t\(cell.planner.rawValue)\t\(b)\t\(rate)\t\(cell.episodes.count)\t\(1000 * cell.meanSeconds)")
            }
        }
        for b in settings.reportedBudgets { lines.append("random shot\t-\t\(b)\t\(randomShot)\t\(settings.episodes)\t0") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Drawn as the 2021 figure: planning steps against success (%), one panel per planner,
    /// a line per dynamics (a colour each, the same in every panel), the random shot a dashed
    /// gray reference line.
    public var figure: Figure {
        var labels: [String] = [], planners: [PlannerKind] = []
        for cell in cells {
            if !labels.contains(cell.dynamics) { labels.append(cell.dynamics) }
            if !planners.contains(cell.planner) { planners.append(cell.planner) }
        }
        let panels = planners.map { planner -> Panel in
            var chart = LineChart(xLabel: "planning steps", yLabel: "success (%)")
            for cell in cells where cell.planner == planner {
                chart.add(cell.dynamics, points: zip(cell.budgets, cell.successRates).map { Point(Double($0), 100 * $1) },
                          color: Palette.ball(labels.firstIndex(of: cell.dynamics)!))
            }
            chart.add("random shot", points: [Point(0, 100 * randomShot), Point(Double(settings.budget), 100 * randomShot)],
                      color: Palette.truth, dashed: true)
            var panel = chart.panel()
            panel.title = "\(planner.rawValue): success (%) vs planning steps"
            panel.x = 0...Double(settings.budget)
            panel.y = 0...100
            return panel
        }
        let legend = labels.enumerated().map { LegendEntry($0.element, Palette.ball($0.offset)) }
            + [LegendEntry("random shot", Palette.truth, dashed: true)]
        return Figure(title: "planning on \(settings.task.start.rawValue) starts, \(cells.first?.episodes.count ?? 0) episodes",
                      panels: panels, columns: panels.count, legend: legend, panelSize: (420, 320))
    }

    /// Writes `table.md`, `curves.tsv` and `figure.png` into `directory` (each atomically).
    public func write(to directory: String) throws {
        try AtomicFile.write(Data(markdown.utf8), to: "\(directory)/table.md")
        try AtomicFile.write(Data(tsv.utf8), to: "\(directory)/curves.tsv")
        try AtomicFile.write(figure.png(), to: "\(directory)/figure.png")
    }
}
