import Learning
import Planning

/// Named numbers a statement produced, kept beside its summary so a sweep's results file
/// holds figures rather than text to re-parse. `eval` gives one row (labelled by the model),
/// `compare` one row per model; any command may add rows with `Outcome.reporting(_:)`.
///
///     Outcome.summary("tf mse …").reporting(ResultRow("net", ["auto mse": 1e-4], timings: ["rollouts/s": 900]))
///
/// `figures` replay exactly; `timings` (wall-clock measurements) do not, and `jumpy merge`
/// shows them only when asked.
public struct ResultRow: Sendable, Equatable, Codable {
    public struct Figure: Sendable, Equatable, Codable {
        public var name: String
        public var value: Double

        public init(name: String, value: Double) {
            self.name = name
            self.value = value
        }
    }

    /// What the row is about: a model's name, usually.
    public var label: String
    public var figures: [Figure]
    public var timings: [Figure]

    /// Figures in the order given (a `KeyValuePairs` keeps the table's column order).
    public init(_ label: String, _ figures: KeyValuePairs<String, Double>, timings: KeyValuePairs<String, Double> = [:]) {
        self.label = label
        self.figures = figures.map { Figure(name: $0.key, value: $0.value) }
        self.timings = timings.map { Figure(name: $0.key, value: $0.value) }
    }
}

extension Outcome {
    /// This outcome, with `rows` added to the figures a sweep records.
    public func reporting(_ rows: ResultRow...) -> Outcome {
        var copy = self
        copy.figures += rows
        return copy
    }
}


extension ResultRow {
    /// The columns of the paper's table for one evaluated model (`eval`, `compare`).
    static func evaluation(_ label: String, _ e: Evaluation) -> ResultRow {
        ResultRow(label, ["tf mse": e.teacherForcedMSE, "auto mse": e.autoregressiveMSE, "ticks": e.ticksPerTrajectory,
                          "after burn-in": e.ticksAfterBurnIn, "mean Δt": e.meanDt],
                  timings: ["rollouts/s": e.rolloutsPerSecond])
    }
}

extension ResultRow {
    /// One plan evaluation's figures (`plan … episodes=N`, `compare` of evaluations).
    static func plans(_ label: String, _ e: PlanEvaluation) -> ResultRow {
        ResultRow(label, ["success": e.successRate, "random": e.randomRate, "ticks": e.meanTicks, "episodes": Double(e.episodes)],
                  timings: ["ms/plan": e.meanSeconds * 1000, "candidates/s": e.candidatesPerSecond])
    }
}
