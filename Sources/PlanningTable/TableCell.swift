import Foundation
import Physics
import Planning
import Tensor

/// One dynamics planned with one planner over the table's episodes: per episode, success at
/// each reported budget and the wall time of the search at the full budget.
public struct TableCell: Sendable {
    public struct Episode: Sendable, Equatable {
        public var seed: UInt64
        /// One per reported budget.
        public var success: [Bool]
        public var seconds: Double
    }

    /// The dynamics' label in the table (`sim`, a model's file name).
    public let dynamics: String
    public let planner: PlannerKind
    public let budgets: [Int]
    public internal(set) var episodes: [Episode] = []

    public init(dynamics: String, planner: PlannerKind, budgets: [Int]) {
        self.dynamics = dynamics; self.planner = planner; self.budgets = budgets
    }

    /// The share of episodes solved at each reported budget.
    public var successRates: [Double] {
        budgets.indices.map { i in
            episodes.isEmpty ? 0 : Double(episodes.filter { $0.success[i] }.count) / Double(episodes.count)
        }
    }

    public var meanSeconds: Double {
        episodes.isEmpty ? 0 : episodes.map(\.seconds).reduce(0, +) / Double(episodes.count)
    }

    /// Plans episode `seed` with `dynamics`: once at the full budget for a nested planner,
    /// once per reported budget for CEM (the full budget's search timed).
    public static func plan(seed: UInt64, dynamics: any ShotDynamics, planner kind: PlannerKind,
                            settings: TableSettings) -> Episode {
        let episode = ShotEpisode(seed: seed, task: settings.task)
        let budgets = settings.reportedBudgets
        let full = settings.planner(kind, budget: settings.budget).plan(episode, with: dynamics)
        let success = budgets.map { b in
            if TableSettings.isNested(kind) || b == settings.budget { return full.successByBudget[b - 1] }
            return settings.planner(kind, budget: b).plan(episode, with: dynamics).success
        }
        return Episode(seed: seed, success: success, seconds: full.seconds)
    }

    // MARK: The file

    /// `seed`, `seconds`, then one column of 0/1 per budget (`b1`, `b2`, …).
    var header: String { (["seed", "seconds"] + budgets.map { "b\($0)" }).joined(separator: "\t") }

    var text: String {
        ([header] + episodes.map { e in
            ([String(e.seed), String(e.seconds)] + e.success.map { $0 ? "1" : "0" }).joined(separator: "\t")
        }).joined(separator: "\n") + "\n"
    }

    /// Reads the episodes a file holds; nil when it does not exist. A file written for other
    /// budgets is refused (its columns would mean other things).
    mutating func read(from path: String) throws -> Bool {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return false }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard lines.first == header else {
            throw TableError("\(path) has the columns '\(lines.first ?? "")', not '\(header)': another table's file; move it away")
        }
        episodes = try lines.dropFirst().map { line in
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count == budgets.count + 2, let seed = UInt64(fields[0]), let seconds = Double(fields[1]),
                  fields.dropFirst(2).allSatisfy({ $0 == "0" || $0 == "1" }) else {
                throw TableError("\(path): malformed line '\(line)'")
            }
            return Episode(seed: seed, success: fields.dropFirst(2).map { $0 == "1" }, seconds: seconds)
        }
        return true
    }
}

/// Why a table cannot be run or resumed.
public struct TableError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
