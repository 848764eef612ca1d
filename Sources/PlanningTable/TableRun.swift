import Foundation
import Physics
import Planning
import Tensor

/// Runs a planning table into a directory, resumably: each cell's episodes are kept in
/// `DIR/cells/<dynamics>-<planner>.tsv`, rewritten (atomically) after every episode, and a
/// run finds what an earlier one left and plans only the episodes still missing.
public struct TableRun {
    public let settings: TableSettings
    public let directory: String
    /// Dynamics by label, in the order the table lists them (`sim` first, then models).
    public let dynamics: [(label: String, dynamics: any ShotDynamics)]
    public let planners: [PlannerKind]

    public init(settings: TableSettings, directory: String, dynamics: [(label: String, dynamics: any ShotDynamics)],
                planners: [PlannerKind] = PlannerKind.allCases) {
        self.settings = settings; self.directory = directory; self.dynamics = dynamics; self.planners = planners
    }

    /// The cells: every dynamics with every planner it can search with (the gradient planner
    /// only with differentiable dynamics).
    public var cells: [(label: String, dynamics: any ShotDynamics, planner: PlannerKind)] {
        dynamics.flatMap { item in
            planners.filter { settings.planner($0, budget: settings.budget).problem(with: item.dynamics) == nil }
                .map { (item.label, item.dynamics, $0) }
        }
    }

    public func path(label: String, planner: PlannerKind) -> String {
        "\(directory)/cells/\(label)-\(planner.rawValue).tsv"
    }

    /// Plans every missing episode of every cell; `progress` hears of each episode planned
    /// (and of each cell found complete). Returns the report.
    public func run(progress: (String) -> Void = { _ in }) throws -> TableReport {
        try FileManager.default.createDirectory(atPath: "\(directory)/cells", withIntermediateDirectories: true)
        var done: [TableCell] = []
        for (label, dynamics, planner) in cells {
            var cell = TableCell(dynamics: label, planner: planner, budgets: settings.reportedBudgets)
            let file = path(label: label, planner: planner)
            if try cell.read(from: file) {
                let expected = (0..<cell.episodes.count).map { settings.firstSeed + UInt64($0) }
                guard cell.episodes.map(\.seed) == expected else {
                    throw TableError("\(file) holds episodes \(cell.episodes.first?.seed ?? 0)…, not from seed \(settings.firstSeed): another table's file")
                }
            }
            if cell.episodes.count >= settings.episodes {
                cell.episodes = Array(cell.episodes.prefix(settings.episodes))
                progress("\(label) \(planner.rawValue): \(settings.episodes) episodes already in \(file)")
            }
            let clock = ContinuousClock(), started = clock.now
            let resumedAt = cell.episodes.count
            while cell.episodes.count < settings.episodes {
                let seed = settings.firstSeed + UInt64(cell.episodes.count)
                cell.episodes.append(TableCell.plan(seed: seed, dynamics: dynamics, planner: planner, settings: settings))
                try AtomicFile.write(Data(cell.text.utf8), to: file)
                let n = cell.episodes.count, elapsed = clock.now - started
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                let left = Int((seconds / Double(n - resumedAt) * Double(settings.episodes - n)).rounded())
                let rate = cell.successRates.last.map { String(format: "%.1f%%", 100 * $0) } ?? "-"
                progress("\(label) \(planner.rawValue): episode \(n)/\(settings.episodes), success \(rate) at \(settings.budget), ~\(left) s left")
            }
            done.append(cell)
        }
        let report = TableReport(settings: settings, cells: done,
                                 randomShot: TableReport.randomShotRate(settings: settings))
        try report.write(to: directory)
        return report
    }
}
