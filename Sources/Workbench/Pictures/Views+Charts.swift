import Learning
import Planning
import Plotting
import Tensor

/// Charts of numbers rather than trajectories: training curves, a rollout's Δt histogram, the
/// comparison of models as the hero figure draws it, and the planning success against budget.
extension Views {
    /// Loss (log scale) and mean Δt against the training step, from a model's history.
    static func training(_ m: ModelValue, name: String? = nil) throws -> Figure {
        let history = m.model.history
        let train = history.filter { $0.split == .train }, test = history.filter { $0.split == .test }
        guard !train.isEmpty else { throw CommandError("the model has no training history: train it first", argument: "value") }
        let kind = m.model.kind.rawValue
        var loss = LineChart(xLabel: "training step", yLabel: "loss (mean squared error)", logY: true)
        loss.add("training loss (one batch)", points: train.map { Point(Double($0.step), $0.lossDx) }, color: Palette.kind(kind))
        if !test.isEmpty {
            loss.add("test loss (the test split)", points: test.map { Point(Double($0.step), $0.lossDx) }, color: Palette.ball(1),
                     markers: test.count < 30)
        }
        var dt = LineChart(xLabel: "training step", yLabel: "mean Δt (frames)")
        dt.add("mean Δt predicted (frames)", points: train.map { Point(Double($0.step), $0.meanDt) }, color: Palette.ball(2))
        let who = "\(kind.prefix(1).uppercased() + kind.dropFirst()) model" + (name.map { " \($0)" } ?? "")
        return Figure(title: "\(who): \(m.model.stepsTrained) training steps", panels: [loss.panel(title: "Loss"), dt.panel(title: "Mean Δt")],
                      legend: loss.legend + dt.legend, panelSize: (320, 220))
    }

    /// The histogram of the Δt the model predicted after the burn-in, one bar a frame.
    static func dtChart(_ rollout: Rollout, name: String?) -> Figure {
        let counts = dtHistogram(rollout.predictedDts)
        let bins = (0..<counts.count).map { Double($0)...Double($0 + 1) }
        let kind = rollout.model.kind.rawValue
        return BarChart(title: "Δt of the ticks after the burn-in, \(kind) model" + (name.map { " (\($0))" } ?? ""),
                        bins: bins, counts: counts, color: Palette.kind(kind),
                        xLabel: "Δt predicted (frames; the last bar is 10 or more)", yLabel: "ticks",
                        caption: "\(counts.reduce(0, +)) ticks over \(rollout.batch) trajector\(rollout.batch == 1 ? "y" : "ies")").figure()
    }

    /// The comparison of models on one set of trajectories, as the blog's hero figure: one
    /// panel a model, side by side, each drawing x(t) of trajectory 0 in the model's colour
    /// with its burn-in, ticks and Δt brackets. Pixel worlds (no coordinates to draw) get ticks
    /// against autoregressive error, one dot a model.
    static func comparison(_ rows: [(name: String, evaluation: Evaluation)], models: [SequenceModel], data: Tensor, burnIn: Int) -> Figure {
        let features = data.shape[2]
        guard imageSide(features) == nil, models.count == rows.count, data.shape[1] > 0 else { return scatter(rows) }
        let auxiliary = models.first?.configuration.auxiliaryWidth ?? 0
        let trajectory = Tensor(shape: [data.shape[0], 1, features], scalars: Array(data.scalars.enumerated()
            .filter { ($0.offset / features) % data.shape[1] == 0 }.map(\.element)))
        let value = { (f: Int, j: Int) in Double(trajectory.scalars[f * features + j]) }
        let columns = seriesColumns(features: features - auxiliary) { j in (0..<data.shape[0]).contains { value($0, j) != value(0, j) } }
        let (names, descriptions) = seriesNames(columns, features: features)
        var panels: [Panel] = [], legend: [LegendEntry] = []
        for (row, model) in zip(rows, models) {
            let rollout = model.rollout(trajectory, options: RolloutOptions(burnIn: burnIn))
            var view = TimeSeriesView(names: names, truth: columns.map { j in (0..<data.shape[0]).map { value($0, j) } })
            view.descriptions = descriptions
            view.yLabel = "position " + (names[0].hasPrefix("x") ? "x" : "y")
            hero(&view, rollout, 0, columns: columns, name: row.name)
            let kind = model.kind.rawValue
            let ticks = Views.ticks(rollout, 0).count
            panels.append(view.panel(title: (row.name == kind ? kind : "\(kind) (\(row.name))") + ": \(ticks) ticks, auto mse \(NumberFormat.significant(row.evaluation.autoregressiveMSE, digits: 2))"))
            for entry in view.legend() where !legend.contains(where: { $0.label == entry.label }) {
                // One entry per coordinate (in the first model's shades), then each model's own.
                if entry.label.hasPrefix("interpolation") || entry.label == "tick" {
                    legend.append(LegendEntry(entry.label == "tick" ? "tick (\(kind))" : entry.label, Palette.kind(kind), symbol: entry.symbol))
                } else {
                    legend.append(entry)
                }
            }
        }
        return Figure(title: "Trajectory 0 of \(data.shape[1]), as each model rolls it out", panels: panels,
                      legend: legend, panelSize: (300, 200))
    }

    /// Ticks against autoregressive error, one dot a model.
    static func scatter(_ rows: [(name: String, evaluation: Evaluation)]) -> Figure {
        var chart = LineChart(title: "Ticks against autoregressive error (lower left is better)",
                              xLabel: "ticks per trajectory", yLabel: "autoregressive error (mse)", logY: true)
        for (i, row) in rows.enumerated() {
            chart.add(row.name, points: [Point(row.evaluation.ticksPerTrajectory, row.evaluation.autoregressiveMSE)],
                      color: Palette.ball(i), markers: true, labels: [row.name])
        }
        return chart.figure()
    }

    /// Success against budget, one curve an evaluation in its dynamics' colour, and the
    /// random shot's rate dashed.
    static func budgetCurves(_ items: [(name: String, evaluation: PlanEvaluation)]) -> Figure {
        var chart = LineChart(title: "Tasks solved against planning budget", xLabel: "candidate shots tried (budget)",
                              yLabel: "tasks solved (%)", yRange: 0...100)
        var used: Set<RGB> = []
        for (i, item) in items.enumerated() {
            let e = item.evaluation
            let what = e.dynamics == "sim" ? "simulator" : e.dynamics
            var color = Palette.kind(e.dynamics)
            if used.contains(color) { color = Palette.ball(i + 2) }
            used.insert(color)
            chart.add(item.name.isEmpty ? what : "\(what) (\(item.name))",
                      points: e.successByBudget.enumerated().map { Point(Double($0.offset + 1), 100 * $0.element) }, color: color)
        }
        if let first = items.first?.evaluation {
            chart.add("random shot", points: [Point(1, 100 * first.randomRate), Point(Double(max(first.budget, 2)), 100 * first.randomRate)],
                      color: Palette.truth, dashed: true)
        }
        var figure = chart.figure()
        if let first = items.first?.evaluation { figure.caption = "\(first.episodes) episodes each; the simulator alone judges success" }
        return figure
    }
}
