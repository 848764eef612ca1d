import Foundation
import Learning
import Physics
import Planning
import Plotting
import Tensor

/// The one place that turns workbench values into figures: `plot`, `animate`, `play` and
/// `compare` ask here, and the `Plotting` back-ends draw what comes back. The view follows the
/// value's world (`Scene`), or the width when the world is unknown.
enum Pictures {
    enum View: String, CaseIterable, Sendable {
        /// Coordinates against time (lines, circles, billiards1d).
        case time
        /// The table from above (billiards2d, shots).
        case table
        /// Rows of pixel frames (pixels1d, pixels2d).
        case frames
        /// The rollout's Δt histogram.
        case dt
    }

    /// What a value offers a picture: trajectories, and a rollout of them when there is one.
    struct Subject {
        let truth: Tensor
        let rollout: Rollout?
        let scene: Scene?
        var frames: Int { truth.shape[0] }
        var count: Int { truth.shape[1] }
        var features: Int { truth.shape[2] }

        init(_ value: Value, argument: String) throws {
            switch value {
            case .object(let d as DatasetValue): (truth, rollout, scene) = (d.test, nil, Scene(d))
            case .object(let t as Trajectories): (truth, rollout, scene) = (t.tensor, nil, t.scene)
            case .object(let r as RolloutValue): (truth, rollout, scene) = (r.truth, r.rollout, r.scene)
            case let other:
                throw CommandError("\(article(other.typeName)) \(other.typeName) has no trajectories to draw", argument: argument)
            }
        }

        func value(_ f: Int, _ b: Int, _ j: Int) -> Double { Double(truth.scalars[(f * count + b) * features + j]) }

        var imageSide: Int? { Pictures.imageSide(features) }

        var defaultView: View {
            switch scene?.world {
            case "billiards2d", "shots": return .table
            case "pixels1d", "pixels2d": return .frames
            case "lines", "circles", "billiards1d": return .time
            default: return imageSide != nil ? .frames : .time
            }
        }

        var isShots: Bool { scene?.world == "shots" && features == ShotRows.width }

        /// (x, y) columns of each ball; the shot task's last two columns are the action.
        var ballColumns: [(Int, Int)] {
            (0..<((features - (isShots ? ShotRows.auxiliaryWidth : 0)) / 2)).map { (2 * $0, 2 * $0 + 1) }
        }
    }

    /// The side of a square image with `features` pixels, if it is one (784 → 28).
    static func imageSide(_ features: Int) -> Int? {
        let side = Int(Double(features).squareRoot().rounded())
        return side * side == features && side >= 8 ? side : nil
    }

    static func checkTrajectory(_ b: Int, _ subject: Subject) throws {
        guard b < subject.count else {
            throw CommandError("trajectory \(b) is out of range: there are \(subject.count)", argument: "trajectory")
        }
    }

    // MARK: - Static figures

    /// The picture of `value` (`plot`).
    static func figure(_ value: Value, trajectory b: Int, view: View?) throws -> Figure {
        if case .object(let m as ModelValue) = value { return try training(m) }
        if case .object(let p as PlanValue) = value { return planTable(p.plan).figure(title: planTitle(p.plan)) }
        if case .object(let e as PlansValue) = value { return budgetCurves([("", e.evaluation)]) }
        let subject = try Subject(value, argument: "value")
        try checkTrajectory(b, subject)
        switch view ?? subject.defaultView {
        case .time: return timeSeries(subject, b)
        case .table:
            guard subject.features >= 2 else { throw CommandError("the table needs x and y columns", argument: "view") }
            return table(subject, b, fps: 4).figure(title: title(subject, b))
        case .frames:
            guard let side = subject.imageSide else {
                throw CommandError("\(subject.features) features are not a square image", argument: "view")
            }
            let shown = Array(stride(from: 0, to: subject.frames, by: max(1, subject.frames / 6)).prefix(6))
            return frameRows(subject, b, side: side).figure(frames: shown, title: title(subject, b))
        case .dt:
            guard let rollout = subject.rollout else { throw CommandError("a Δt histogram needs a rollout", argument: "view") }
            let labels = (0..<10).map { "[\($0),\($0 + 1))" } + ["≥10"]
            return BarChart(title: "Δt of the ticks after the burn-in", labels: labels,
                            counts: dtHistogram(rollout.predictedDts)).figure()
        }
    }

    static func title(_ subject: Subject, _ b: Int) -> String {
        (subject.scene?.world ?? "trajectories") + ", trajectory \(b)" + (subject.rollout == nil ? "" : ": truth and model")
    }

    /// Times `0, 1/fps, …, T − 1` in frames.
    static func sampleTimes(_ frames: Int, fps: Int) -> [Double] {
        (0...((frames - 1) * fps)).map { Double($0) / Double(fps) }
    }

    /// The model's observations of trajectory `b` at `times`, `[time][feature]`.
    static func modelSamples(_ rollout: Rollout, _ b: Int, at times: [Double]) -> [[Double]] {
        let values = rollout.interpolate(at: times.map(Float.init))
        let (batch, width) = (values.shape[1], values.shape[2])
        return times.indices.map { q in (0..<width).map { Double(values.scalars[(q * batch + b) * width + $0]) } }
    }

    static func ticks(_ rollout: Rollout?, _ b: Int) -> [(time: Double, dt: Double)] {
        rollout.map { r in r.ticks(of: b).map { (Double($0.time), Double($0.dt)) }.filter { $0.time.isFinite && $0.time <= Double(r.frames - 1) } } ?? []
    }

    static func timeSeries(_ s: Subject, _ b: Int) -> Figure {
        // Constant coordinates (billiards1d's y) say nothing; at most six series.
        let varying = (0..<s.features).filter { j in (0..<s.frames).contains { s.value($0, b, j) != s.value(0, b, j) } }
        let shown = Array((varying.isEmpty ? [0] : varying).prefix(6))
        let names = shown.map { j in s.features == 2 ? ["x", "y"][j] : "\(j % 2 == 0 ? "x" : "y")\(j / 2 + 1)" }
        let truth = shown.map { j in (0..<s.frames).map { s.value($0, b, j) } }
        var view = TimeSeriesView(names: names, truth: truth)
        if let rollout = s.rollout {
            let times = sampleTimes(s.frames, fps: 4)
            let samples = modelSamples(rollout, b, at: times)
            view.model = shown.map { j in samples.map { $0[j] } }
            view.modelTimes = times
            view.ticks = ticks(rollout, b)
            view.burnIn = rollout.options.burnIn
        }
        var figure = view.figure(title: title(s, b))
        if shown.count < s.features { figure.caption = "showing \(names.joined(separator: ", ")) of \(s.features) features" }
        return figure
    }

    /// The table view of trajectory `b`, the model sampled at `fps` between frames.
    static func table(_ s: Subject, _ b: Int, fps: Int) -> TableView {
        let columns = s.ballColumns
        let truth = Track(frames: columns.map { c in (0..<s.frames).map { Point(s.value($0, b, c.0), s.value($0, b, c.1)) } })
        var view = TableView(truth: truth, radius: s.scene?.radius ?? 0.1)
        if s.scene.map({ !["billiards1d", "billiards2d", "shots"].contains($0.world) }) ?? (s.features != 4) {
            // Not a billiards table: fit the box to the data, small dots for points.
            let xs = truth.balls.flatMap { $0.map(\.x) }.filter(\.isFinite), ys = truth.balls.flatMap { $0.map(\.y) }.filter(\.isFinite)
            let pad = 0.05 * max((xs.max() ?? 1) - (xs.min() ?? 0), (ys.max() ?? 1) - (ys.min() ?? 0), 1e-6)
            view.box = Rect(x: ((xs.min() ?? 0) - pad)...((xs.max() ?? 1) + pad), y: ((ys.min() ?? 0) - pad)...((ys.max() ?? 1) + pad))
            view.radius = pad / 2
        }
        if let rollout = s.rollout {
            let times = sampleTimes(s.frames, fps: fps)
            let samples = modelSamples(rollout, b, at: times)
            view.model = Track(times: times, balls: columns.map { c in samples.map { Point($0[c.0], $0[c.1]) } })
            view.ticks = ticks(rollout, b).map(\.time)
        }
        if s.isShots {
            view.target = TableView.shotTarget
            let frame = min(3, s.frames - 1)
            view.action = ActionArrow(ball: 1, frame: frame, impulse: Point(s.value(frame, b, 4), s.value(frame, b, 5)))
        }
        return view
    }

    static func frames(_ t: Tensor, _ b: Int) -> [[Float]] {
        let (batch, width) = (t.shape[1], t.shape[2])
        return (0..<t.shape[0]).map { f in Array(t.scalars[((f * batch + b) * width)..<((f * batch + b + 1) * width)]) }
    }

    static func frameRows(_ s: Subject, _ b: Int, side: Int) -> FrameRowsView {
        FrameRowsView(side: side, truth: frames(s.truth, b), model: s.rollout.map { frames($0.frameGrid(), b) },
                      tickFrames: Set(ticks(s.rollout, b).map { Int($0.time.rounded(.down)) }))
    }

    /// Loss, test loss and mean Δt against steps, from a model's history.
    static func training(_ m: ModelValue) throws -> Figure {
        let history = m.model.history
        let train = history.filter { $0.split == .train }, test = history.filter { $0.split == .test }
        guard !train.isEmpty else { throw CommandError("the model has no training history: train it first", argument: "value") }
        var loss = LineChart(title: "", xLabel: "step", yLabel: "loss", logY: true)
        loss.add("train loss", points: train.map { Point(Double($0.step), $0.lossDx) }, color: Palette.model)
        if !test.isEmpty {
            loss.add("test loss", points: test.map { Point(Double($0.step), $0.lossDx) }, color: Palette.ticks, markers: test.count < 30)
        }
        var dt = LineChart(title: "", xLabel: "step", yLabel: "mean Δt")
        dt.add("mean Δt", points: train.map { Point(Double($0.step), $0.meanDt) }, color: Palette.ball(2))
        return Figure(title: "\(m.model.kind.rawValue) model: \(m.model.stepsTrained) steps", panels: [loss.panel(), dt.panel()],
                      legend: loss.figure().legend + dt.figure().legend)
    }

    /// Ticks against autoregressive error, one point per model (`compare … figure="c.png"`).
    static func comparison(_ rows: [(name: String, evaluation: Evaluation)]) -> Figure {
        var chart = LineChart(title: "ticks vs autoregressive error (lower left is better)", xLabel: "ticks", yLabel: "auto mse", logY: true)
        for (i, row) in rows.enumerated() {
            chart.add(row.name, points: [Point(row.evaluation.ticksPerTrajectory, row.evaluation.autoregressiveMSE)],
                      color: Palette.ball(i), markers: true, labels: [row.name])
        }
        return chart.figure()
    }

    // MARK: - Plans

    /// A plan from above: the simulator playing the chosen shot (both balls, dashed) and the
    /// dynamics' prediction of the object ball (solid, a dot at each tick), the target corner
    /// and the cue ball's impulse.
    static func planTable(_ plan: ShotPlan) -> TableView {
        let outcome = plan.outcome
        let simulated = (0..<2).map { ball in
            (0..<outcome.frames).map { f in Point(outcome.position(ball: ball, frame: f).x, outcome.position(ball: ball, frame: f).y) }
        }
        // Frames 0–3 are what the dynamics were shown; the forecast starts at frame 4.
        let predicted = Array(simulated[ShotTask.objectBall].prefix(outcome.frames - plan.predicted.count))
            + plan.predicted.map { Point($0.x, $0.y) }
        var view = TableView(truth: Track(frames: simulated), model: Track(frames: [predicted]), ticks: plan.chosenTickTimes,
                             target: TableView.shotTarget,
                             action: ActionArrow(ball: ShotTask.cueBall, frame: ShotTask().actionFrame,
                                                 impulse: Point(plan.action.x, plan.action.y)))
        view.truthTitle = "simulator"
        view.modelTitle = "\(plan.dynamics) prediction"
        return view
    }

    static func planTitle(_ plan: ShotPlan) -> String {
        "episode \(plan.seed), \(plan.dynamics): " + (plan.success ? "success at frame \(plan.outcome.targetFrame!)" : "missed")
    }

    /// Success against budget, one curve an evaluation, and the random-action rate dashed.
    static func budgetCurves(_ items: [(name: String, evaluation: PlanEvaluation)]) -> Figure {
        var chart = LineChart(title: "tasks solved against planning budget", xLabel: "candidates", yLabel: "solved (%)")
        for (i, item) in items.enumerated() {
            let e = item.evaluation
            let name = item.name.isEmpty ? e.dynamics : "\(item.name) (\(e.dynamics))"
            chart.add(name, points: e.successByBudget.enumerated().map { Point(Double($0.offset + 1), 100 * $0.element) },
                      color: Palette.ball(i))
        }
        if let first = items.first?.evaluation {
            chart.add("random action", points: [Point(1, 100 * first.randomRate), Point(Double(max(first.budget, 2)), 100 * first.randomRate)],
                      color: Palette.truth, dashed: true)
        }
        return chart.figure()
    }

    // MARK: - Animations

    /// Frames of `value`'s trajectory `b` at `fps` frames a data frame: truth and model side by
    /// side (truth alone for trajectories), each panel `size` pixels.
    static func animation(_ value: Value, trajectory b: Int, fps: Int, size: Int) throws -> Animation {
        if case .object(let p as PlanValue) = value { return planTable(p.plan).animation(fps: fps, size: size) }
        let subject = try Subject(value, argument: "value")
        try checkTrajectory(b, subject)
        if let side = subject.imageSide, subject.defaultView == .frames {
            let times = sampleTimes(subject.frames, fps: fps)
            let truth = frames(subject.truth, b)
            let model = subject.rollout.map { modelSamples($0, b, at: times).map { $0.map(Float.init) } }
            let tickTimes = ticks(subject.rollout, b).map(\.time)
            let half = 0.5 / Double(fps)
            let scale = max(1, size / side)
            return Animation(frames: times.enumerated().map { k, t in
                FrameRowsView.animationFrame(truth: truth[Int(t)], model: model?[k], side: side, t: t, end: Double(subject.frames - 1),
                                             ticking: tickTimes.contains { $0 >= t - half && $0 < t + half }, scale: scale)
            }, delay: max(2, 10 / fps))
        }
        guard subject.features >= 2 else { throw CommandError("one coordinate cannot be animated; plot it", argument: "value") }
        return table(subject, b, fps: fps).animation(fps: fps, size: size)
    }

    // MARK: - Files

    enum Format: String { case png, svg, gif }

    /// The format a path's extension names, or an error under `argument`.
    static func format(of path: String, allowed: [Format], argument: String) throws -> Format {
        let ext = (path as NSString).pathExtension.lowercased()
        guard let format = Format(rawValue: ext), allowed.contains(format) else {
            let names = allowed.map { "." + $0.rawValue }
            throw CommandError("pictures are written as \(names.dropLast().joined(separator: ", "))\(names.count > 1 ? " or " : "")\(names.last!) files, not \(ext.isEmpty ? "a path without an extension" : "." + ext)",
                               argument: argument)
        }
        return format
    }

    /// Writes the figure atomically in the format the extension names.
    static func write(_ figure: Figure, to path: String, argument: String) throws {
        let bytes: [UInt8]
        switch try format(of: path, allowed: [.png, .svg, .gif], argument: argument) {
        case .png: bytes = figure.png()
        case .svg: bytes = Array(figure.svg().utf8)
        case .gif: bytes = try encodeGIF(Animation(frames: [figure]), argument: argument)
        }
        try write(bytes, to: path, argument: argument)
    }

    /// `keepGoing` hears how many frames are drawn and answers whether to go on (Ctrl-C): a
    /// GIF of hundreds of large frames takes a while to draw. Stopped, it throws and writes
    /// nothing.
    static func write(_ animation: Animation, to path: String, argument: String,
                      keepGoing: (_ framesDrawn: Int) -> Bool = { _ in true }) throws {
        _ = try format(of: path, allowed: [.gif], argument: argument)
        try write(try gif(animation, argument: argument, keepGoing: keepGoing), to: path, argument: argument)
    }

    /// The animation as GIF bytes; stopped by `keepGoing`, it throws.
    static func gif(_ animation: Animation, argument: String,
                    keepGoing: (_ framesDrawn: Int) -> Bool = { _ in true }) throws -> [UInt8] {
        var images: [RGBImage] = []
        for frame in animation.frames {
            if !keepGoing(images.count) {
                throw CommandError("interrupted: drew \(images.count) of \(animation.frames.count) frames, so nothing was written",
                                   argument: argument)
            }
            images.append(frame.raster())
        }
        guard let first = images.first, images.allSatisfy({ $0.width == first.width && $0.height == first.height }) else {
            // No frames, or frames of different sizes: Plotting's encoder names the problem.
            return try encodeGIF(animation, argument: argument)
        }
        do {
            return try GIFImage.encode(frames: images.map(\.bytes), width: first.width, height: first.height,
                                       delay: animation.delay, loops: animation.loops)
        } catch {
            throw CommandError("\(error)", argument: argument)
        }
    }

    private static func encodeGIF(_ animation: Animation, argument: String) throws -> [UInt8] {
        do { return try animation.gif() } catch { throw CommandError("\(error)", argument: argument) }
    }

    private static func write(_ bytes: [UInt8], to path: String, argument: String) throws {
        do {
            try AtomicFile.write(bytes, to: path)
        } catch {
            throw CommandError("cannot write \(path): \(error)", argument: argument)
        }
    }
}
