import Foundation
import Learning
import Plotting
import Tensor

extension Command {
    static let rollout = Command(
        "rollout", summary: "Roll a model out on trajectories: teacher forced through the burn-in, then on its own",
        parameters: [
            .positional("model", .value(of: ["model"]), help: "the model"),
            .positional("data", .value(of: ["trajectories", "dataset"]), help: "trajectories such as data.test[0:8] (a dataset means its test split)"),
            .option("burnin", .integer(1...1000), default: 4, help: "frames read from the data"),
            .option("dt", .number(0.01...10_000), default: .absent, help: "a constant Δt instead of the predicted one"),
        ],
        returns: RolloutValue.typeName,
        example: "r = rollout net data.test[0:4]",
        discussion: "A jumpy rollout stops ticking once its pieces cover the last frame. export r \"r.npy\" writes the frame grid."
    ) { call in
        let model = try call.object("model", as: ModelValue.self).model
        let (data, _) = try call.sequences("data")
        try requireFit(model, data, argument: "data")
        guard call.int("burnin") <= data.shape[0] else { throw CommandError("burnin is past the last frame", argument: "burnin") }
        let options = RolloutOptions(burnIn: call.int("burnin"), constantDt: call.optionalNumber("dt").map(Float.init))
        return .value(.object(RolloutValue(model.rollout(data, options: options), truth: data)))
    }

    static let interpolate = Command(
        "interpolate", summary: "The rollout's state at any real times",
        parameters: [
            .positional("rollout", .value(of: ["rollout"]), help: "a rollout"),
            .positional("times", .value(of: ["range", "list", "number"]), help: "times in frames: 17.3, [1, 2.5], or 0:45:0.25"),
        ],
        returns: Trajectories.typeName,
        example: "x = interpolate r 0:20:0.25"
    ) { call in
        let rollout = try call.object("rollout", as: RolloutValue.self).rollout
        var times: [Double]
        switch call.value("times") {
        case .number(let t): times = [t]
        case .list(let items):
            times = try items.map { item in
                guard case .number(let t) = item else { throw CommandError("times must be numbers", argument: "times") }
                return t
            }
        case .range(let range):
            guard range.count <= 100_000 else {
                throw CommandError("\(range.description) has \(Printer.number(range.count)) times; at most 100000", argument: "times")
            }
            times = range.values
        default: throw CommandError("times must be a number, a list or a range", argument: "times")
        }
        guard !times.isEmpty else { throw CommandError("no times to interpolate at", argument: "times") }
        guard times.count <= 100_000 else { throw CommandError("\(times.count) times is too many (at most 100000)", argument: "times") }
        // Up to T: the last piece extends past the last frame, so 0:45:0.25 on 45 frames works.
        if let bad = times.first(where: { !$0.isFinite || $0 < 0 || $0 > Double(rollout.frames) }) {
            throw CommandError("time \(Printer.number(bad)) is outside the rollout's 0…\(rollout.frames)", argument: "times")
        }
        return .value(.object(Trajectories(rollout.interpolate(at: times.map(Float.init)), origin: "interpolation")))
    }

    static let compare = Command(
        "compare", summary: "Compare models on one dataset, as the paper's table",
        parameters: [
            .positional("items", .value(of: ["model", "dataset", "trajectories"]), variadic: true,
                        help: "the models, then the dataset (its test split) or trajectories"),
            .option("burnin", .integer(1...1000), default: 4, help: "frames read before rolling out"),
        ],
        example: "compare base net data"
    ) { call in
        guard case .list(let items) = call.value("items") else { return .done }
        let expressions = call.expressionTexts("items")
        var models: [(String, SequenceModel)] = []
        var data: Tensor?
        for (item, text) in zip(items, expressions) {
            switch item {
            case .object(let m as ModelValue): models.append((text, m.model))
            case .object(let d as DatasetValue): data = d.test
            case .object(let t as Trajectories): data = t.tensor
            default: break
            }
        }
        guard let data else { throw CommandError("compare needs a dataset or trajectories after the models", argument: "items") }
        guard !models.isEmpty else { throw CommandError("compare needs at least one model", argument: "items") }
        for (_, model) in models { try requireFit(model, data, argument: "items") }
        guard call.int("burnin") < data.shape[0] - 1 else {
            throw CommandError("burnin must be below \(data.shape[0] - 1), the frames the models read", argument: "burnin")
        }
        var comparison = Comparison(models: [], data: data)
        for (name, model) in models {
            if call.isInterrupted {
                call.print("interrupted after \(comparison.rows.count) of \(models.count) models")
                break
            }
            comparison.rows.append((name, model.evaluate(on: data, burnIn: call.int("burnin"))))
        }
        guard !comparison.rows.isEmpty else { return .done }
        // The table's figures replay exactly; rollouts/s (a timing) goes to stderr.
        call.print(comparison.text(includingTimings: false))
        call.note("  rollouts/s: " + comparison.rows.map { "\($0.name) \(NumberFormat.significant($0.evaluation.rolloutsPerSecond, digits: 3))" }
                    .joined(separator: ", "))
        let best = comparison.rows.min { $0.evaluation.autoregressiveMSE < $1.evaluation.autoregressiveMSE }!
        let fewest = comparison.rows.min { $0.evaluation.ticksPerTrajectory < $1.evaluation.ticksPerTrajectory }!
        var outcome = Outcome.summary("lowest auto mse: \(best.name) (\(NumberFormat.significant(best.evaluation.autoregressiveMSE))); "
                                      + "fewest ticks: \(fewest.name) (\(NumberFormat.significant(fewest.evaluation.ticksPerTrajectory, digits: 4)))")
        outcome.figures = comparison.rows.map { FigureRow.evaluation($0.name, $0.evaluation) }
        return outcome
    }

    static let plot = Command(
        "plot", summary: "Draw a dataset, trajectories or a rollout (in the terminal, or to an .svg/.png file)",
        parameters: [
            .positional("value", .value(of: ["dataset", "trajectories", "rollout", "model"]), help: "what to draw"),
            .positional("path", .path, default: .absent, help: "write an .svg (curves) or .png (pixel frames) instead"),
            .option("trajectory", .integer(0...10_000_000), default: 0, help: "which trajectory"),
        ],
        example: "plot r",
        discussion: "A rollout draws the truth and the model's frames one above the other, with ▲ at the ticks."
    ) { call in
        let b = call.int("trajectory")
        let colors = call.interpreter.console.supportsColor
        let value = call.value("value")
        if let path = call.optionalString("path") {
            try PlotFiles.write(value, trajectory: b, to: path)
            call.print("wrote \(path)")
            return .done
        }
        call.print(try PlotFiles.terminal(value, trajectory: b, colors: colors))
        return .done
    }
}

/// The pictures `plot` draws.
enum PlotFiles {
    static func tensorAndTicks(_ value: Value) throws -> (Tensor, truth: Tensor?, ticks: (Int) -> [Float]) {
        switch value {
        case .object(let d as DatasetValue): return (d.test, nil, { _ in [] })
        case .object(let t as Trajectories): return (t.tensor, nil, { _ in [] })
        case .object(let r as RolloutValue):
            return (r.tensor, r.truth, { b in r.rollout.ticks(of: b).map(\.time) })
        case .object(let m as ModelValue):
            throw CommandError("a model has no trajectories to draw; show \(m.model.kind.rawValue) prints its training curve", argument: "value")
        default: throw CommandError("nothing to draw", argument: "value")
        }
    }

    static func terminal(_ value: Value, trajectory b: Int, colors: Bool) throws -> String {
        let (tensor, truth, ticks) = try tensorAndTicks(value)
        guard b < tensor.shape[1] else {
            throw CommandError("trajectory \(b) is out of range: there are \(tensor.shape[1])", argument: "trajectory")
        }
        if let side = Pictures.imageSide(tensor.shape[2]) {
            let frames = Array(stride(from: 0, to: tensor.shape[0], by: max(1, tensor.shape[0] / 6)).prefix(6))
            var text = Pictures.pixelFrames(tensor, side: side, trajectory: b, frames: frames, colors: colors)
            if let truth { text = "truth\n" + Pictures.pixelFrames(truth, side: side, trajectory: b, frames: frames, colors: colors) + "\nmodel\n" + text }
            return text
        }
        let model = Pictures.timeSeries(tensor, trajectory: b, colors: colors, ticks: ticks(b))
        guard let truth else { return model }
        return "truth\n" + Pictures.timeSeries(truth, trajectory: b, colors: colors) + "\nmodel (▲ ticks)\n" + model
    }

    static func write(_ value: Value, trajectory b: Int, to path: String) throws {
        let (tensor, truth, ticks) = try tensorAndTicks(value)
        guard b < tensor.shape[1] else {
            throw CommandError("trajectory \(b) is out of range: there are \(tensor.shape[1])", argument: "trajectory")
        }
        let (frames, batch, width) = (tensor.shape[0], tensor.shape[1], tensor.shape[2])
        if path.hasSuffix(".png") {
            guard let side = Pictures.imageSide(width) else {
                throw CommandError("PNG is for pixel frames; use .svg for \(width) features", argument: "path")
            }
            let images = (0..<frames).map { f in Array(tensor.scalars[((f * batch + b) * width)..<((f * batch + b + 1) * width)]) }
            let (pixels, w, h) = PNGImage.strip(images, side: side)
            try AtomicFile.write(PNGImage.encode(pixels, width: w, height: h), to: path)
            return
        }
        guard path.hasSuffix(".svg") else { throw CommandError("plot writes .svg or .png files", argument: "path") }
        let shown = min(width, 6)
        func series(_ t: Tensor, _ j: Int) -> [(Double, Double)] {
            (0..<frames).map { f in (Double(f), Double(t.scalars[(f * t.shape[1] + b) * width + j])) }
        }
        let all = (0..<shown).flatMap { j in series(tensor, j).map(\.1) + (truth.map { series($0, j).map(\.1) } ?? []) }
            .filter(\.isFinite)
        var svg = SVGPlot(title: "trajectory \(b)", x: 0...Double(max(frames - 1, 1)), y: (all.min() ?? 0)...(all.max() ?? 1))
        let colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]
        for j in 0..<shown {
            if let truth { svg.addLine(series(truth, j), color: "#999999", label: j == 0 ? "truth" : nil, dashed: true) }
            svg.addLine(series(tensor, j), color: colors[j], label: "feature \(j)")
        }
        let tickTimes = ticks(b)
        if !tickTimes.isEmpty {
            let low = all.min() ?? 0
            svg.addMarkers(tickTimes.map { (Double($0), low) }, color: "#000000", label: "ticks")
        }
        try AtomicFile.write(Array(svg.render().utf8), to: path)
    }
}
