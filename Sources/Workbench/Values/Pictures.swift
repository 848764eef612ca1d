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

    /// The picture of `value` (`plot`); `name` is the expression drawn (`rn`), for the legend.
    static func figure(_ value: Value, trajectory b: Int, view: View?, name: String? = nil) throws -> Figure {
        if case .object(let m as ModelValue) = value { return try training(m, name: name) }
        if case .object(let p as PlanValue) = value { return planTable(p).figure(title: planTitle(p.plan)) }
        if case .object(let e as PlansValue) = value { return budgetCurves([(name ?? "", e.evaluation)]) }
        let subject = try Subject(value, argument: "value")
        try checkTrajectory(b, subject)
        switch view ?? subject.defaultView {
        case .time: return timeSeries(subject, b, name: name)
        case .table:
            guard subject.features >= 2 else { throw CommandError("the table needs x and y columns", argument: "view") }
            return table(subject, b, name: name).figure(title: title(subject, b))
        case .frames:
            guard let side = subject.imageSide else {
                throw CommandError("\(subject.features) features are not a square image", argument: "view")
            }
            let shown = Array(stride(from: 0, to: subject.frames, by: max(1, subject.frames / 6)).prefix(6))
            return frameRows(subject, b, side: side).figure(frames: shown, title: title(subject, b))
        case .dt:
            guard let rollout = subject.rollout else { throw CommandError("a Δt histogram needs a rollout", argument: "view") }
            return dtChart(rollout, name: name)
        }
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

    static func title(_ subject: Subject, _ b: Int) -> String {
        let world = subject.scene?.world ?? "trajectories"
        let what = subject.rollout.map { ": truth and the \($0.model.kind.rawValue) model" } ?? ""
        return world.prefix(1).uppercased() + world.dropFirst() + ", trajectory \(b)" + what
    }

    /// Times `0, 1/slow, …, T − 1` in frames.
    static func sampleTimes(_ frames: Int, slow: Int) -> [Double] {
        (0...((frames - 1) * slow)).map { Double($0) / Double(slow) }
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

    /// The coordinates a time series draws: those that change (a line's y never does), and
    /// of a table's balls one each, x(t) as the hero figure, or y(t) where x stays put
    /// (billiards1d's balls move along y); at most six.
    static func seriesColumns(features: Int, varies: (Int) -> Bool) -> [Int] {
        let columns: [Int]
        if features >= 4 && features <= 12 && features % 2 == 0 {
            columns = stride(from: 0, to: features, by: 2).compactMap { x in varies(x) ? x : varies(x + 1) ? x + 1 : nil }
        } else {
            columns = (0..<min(features, 6)).filter(varies)
        }
        return Array((columns.isEmpty ? [0] : columns).prefix(6))
    }

    /// The coordinate's name and what it is: (x, position) for lines, (x2, ball 2) for tables.
    static func seriesNames(_ columns: [Int], features: Int) -> (names: [String], descriptions: [String]?) {
        if features <= 2 { return (columns.map { ["x", "y"][$0] }, columns.map { _ in "position" }) }
        if features == ShotRows.width { return (columns.map { "\($0 % 2 == 0 ? "x" : "y")\($0 / 2 + 1)" }, columns.map { shotBallNames[min($0 / 2, 1)] }) }
        return (columns.map { "\($0 % 2 == 0 ? "x" : "y")\($0 / 2 + 1)" }, columns.map { "ball \($0 / 2 + 1)" })
    }

    static func timeSeries(_ s: Subject, _ b: Int, name: String? = nil) -> Figure {
        let columns = seriesColumns(features: s.features - (s.isShots ? ShotRows.auxiliaryWidth : 0)) { j in
            (0..<s.frames).contains { s.value($0, b, j) != s.value(0, b, j) }
        }
        let (names, descriptions) = seriesNames(columns, features: s.features)
        var view = TimeSeriesView(names: names, truth: columns.map { j in (0..<s.frames).map { s.value($0, b, j) } })
        view.descriptions = descriptions
        view.yLabel = s.features <= 2 && columns.count > 1 ? "position" : "position " + (names[0].hasPrefix("x") ? "x" : "y")
        if let rollout = s.rollout { hero(&view, rollout, b, columns: columns, name: name) }
        var figure = view.figure(title: title(s, b))
        // What is not drawn, in the words of the lesson: a coordinate that stays put.
        let still = (0..<min(s.features, 2)).filter { j in !columns.contains(j) && s.features <= 2 }
        if let j = still.first {
            figure.caption = "\(["x", "y"][j]) stays at \(NumberFormat.significant(s.value(0, b, j), digits: 3)) throughout (not drawn)"
        }
        return figure
    }

    /// The model's side of a time series: its interpolation, ticks and burn-in, in its colour.
    static func hero(_ view: inout TimeSeriesView, _ rollout: Rollout, _ b: Int, columns: [Int], name: String?) {
        let times = sampleTimes(rollout.frames, slow: 4)
        let samples = modelSamples(rollout, b, at: times)
        let kind = rollout.model.kind.rawValue
        view.model = columns.map { j in samples.map { $0[j] } }
        view.modelTimes = times
        view.ticks = ticks(rollout, b)
        view.burnIn = rollout.options.burnIn
        view.color = Palette.kind(kind)
        view.modelName = kind + (name.map { $0 == kind ? "" : ", \($0)" } ?? "")
    }

    /// The table view of trajectory `b`, the model sampled at `slow` points a frame.
    static func table(_ s: Subject, _ b: Int, slow: Int = 4, name: String? = nil) -> TableView {
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
            let times = sampleTimes(s.frames, slow: slow)
            let samples = modelSamples(rollout, b, at: times)
            view.model = Track(times: times, balls: columns.map { c in samples.map { Point($0[c.0], $0[c.1]) } })
            let ticks = ticks(rollout, b)
            view.ticks = ticks.map(\.time)
            // Ticks read from the data have Δt 1: only the model's own are labelled.
            view.tickDts = ticks.enumerated().map { $0.offset >= rollout.options.burnIn - 1 ? $0.element.dt : .nan }
            view.modelTitle = "\(rollout.model.kind.rawValue) model" + (name.map { " (\($0))" } ?? "")
        }
        if s.isShots {
            // The task the shots dataset was generated with (its target is the only one there is).
            view.target = targetRegion(ShotTask().target, in: view.box)
            view.ballNames = shotBallNames
            let frame = min(ShotRows.actionFrame, s.frames - 1)
            view.action = ActionArrow(ball: ShotTask.cueBall, frame: frame, impulse: Point(s.value(frame, b, 4), s.value(frame, b, 5)))
        }
        return view
    }

    /// A task's target as the table draws it: the corner of `box` beyond `minX` and above
    /// `maxY` (y grows downwards).
    static func targetRegion(_ target: ShotTarget, in box: Rect) -> Rect {
        Rect(x: target.minX...box.x.upperBound, y: box.y.lowerBound...target.maxY)
    }

    /// The shot task's balls by their roles, in their indices' order.
    static var shotBallNames: [String] {
        var names = ["", ""]
        names[ShotTask.objectBall] = "object ball"
        names[ShotTask.cueBall] = "cue ball"
        return names
    }

    static func frames(_ t: Tensor, _ b: Int) -> [[Float]] {
        let (batch, width) = (t.shape[1], t.shape[2])
        return (0..<t.shape[0]).map { f in Array(t.scalars[((f * batch + b) * width)..<((f * batch + b + 1) * width)]) }
    }

    static func frameRows(_ s: Subject, _ b: Int, side: Int) -> FrameRowsView {
        FrameRowsView(side: side, truth: frames(s.truth, b), model: s.rollout.map { frames($0.frameGrid(), b) },
                      tickFrames: Set(ticks(s.rollout, b).map { Int($0.time.rounded(.down)) }))
    }

    // MARK: - Animations

    /// Frames of `value`'s trajectory `b`, `slow` frames a data frame played at `fps` frames a
    /// second: truth and model side by side (truth alone for trajectories), each panel `size`
    /// pixels.
    static func animation(_ value: Value, trajectory b: Int, slow: Int, fps: Int, size: Int) throws -> Animation {
        if case .object(let p as PlanValue) = value { return planTable(p).animation(slow: slow, fps: fps, size: size) }
        let subject = try Subject(value, argument: "value")
        try checkTrajectory(b, subject)
        if let side = subject.imageSide, subject.defaultView == .frames {
            let times = sampleTimes(subject.frames, slow: slow)
            let truth = frames(subject.truth, b)
            let model = subject.rollout.map { modelSamples($0, b, at: times).map { $0.map(Float.init) } }
            let tickTimes = ticks(subject.rollout, b).map(\.time)
            let scale = max(1, size / side)
            return Animation(frames: times.enumerated().map { k, t in
                // A tick shows for the whole data frame it starts.
                FrameRowsView.animationFrame(truth: truth[Int(t)], model: model?[k], side: side, t: t, end: Double(subject.frames - 1),
                                             ticking: tickTimes.contains { $0 <= t + 1e-9 && t < $0 + 1 - 1e-9 }, scale: scale)
            }, delay: Animation.delay(fps: fps))
        }
        guard subject.features >= 2 else { throw CommandError("one coordinate cannot be animated; plot it", argument: "value") }
        return table(subject, b, slow: slow).animation(slow: slow, fps: fps, size: size)
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
