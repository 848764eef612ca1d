import Learning
import Physics
import Plotting

/// Coordinates against time, as the blog's hero figure draws them (lines, circles, billiards1d).
extension Views {
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
}
