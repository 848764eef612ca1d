import Physics
import Planning

/// What a planning table measures: episodes `firstSeed` … `firstSeed + episodes − 1` of
/// `task`, planned with each planner at `budget`, success reported at each of `budgets`.
public struct TableSettings: Sendable, Equatable {
    public var firstSeed: UInt64 = 100
    public var episodes = 500
    public var budget = 250
    /// The budgets the table and the curves report (those ≤ `budget`; `budget` itself always).
    public var budgets = [1, 2, 5, 10, 20, 50, 100, 150, 200, 250]
    public var task = ShotTask(start: .rest, physics: .reference)
    /// CEM's rounds and elites, the gradient planner's starts and rate.
    public var rounds = 5, elites = 10
    public var starts = 5
    public var rate = 0.05

    public init() {}

    /// The reported budgets, ascending, ending at `budget`.
    public var reportedBudgets: [Int] {
        Array(Set(budgets.filter { $0 >= 1 && $0 < budget } + [budget])).sorted()
    }

    public func planner(_ kind: PlannerKind, budget: Int) -> ShotPlanner {
        ShotPlanner(kind: kind, budget: budget, rounds: rounds, elites: elites, starts: starts, rate: rate)
    }

    /// Whether one search at the full budget gives every smaller budget's plan (its anytime
    /// choices): random shooting and the gradient planner, whose budget only says where they
    /// stop. CEM sizes its rounds by the budget, so each budget is a search of its own.
    public static func isNested(_ kind: PlannerKind) -> Bool { kind != .cem }
}
