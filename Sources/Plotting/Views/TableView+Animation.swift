/// The table as an animation: truth and model side by side, each ball a disc at its true
/// radius, the path so far behind it. A tick rings the model's balls for a whole data frame
/// and leaves a dot on the path for the rest of the clip; a counter in data frames below.
extension TableView {
    /// The first tick at or before `t` whose data frame still runs (τ ≤ t < τ + 1).
    func tick(at t: Double) -> Int? {
        ticks.indices.last { ticks[$0] <= t + 1e-9 && t < ticks[$0] + 1 - 1e-9 }
    }

    /// Frame `k` of an animation at `slow` frames a data frame.
    public func frame(_ k: Int, slow: Int, size: Int = 256) -> Figure {
        let t = Double(k) / Double(slow)
        let ticking = model == nil ? nil : tick(at: t)
        var panels: [Panel] = []
        for (track, isModel) in [(truth, false), (model, true)] {
            guard let track else { continue }
            var panel = emptyPanel(isModel ? modelTitle : truthTitle)
            if isModel && ticking != nil { panel.highlight = Palette.ticks }
            for b in 0..<track.balls.count {
                // The path so far, thin, under the balls.
                let past = zip(track.times, track.balls[b]).filter { $0.0 <= t }.map(\.1) + [track.position(b, at: t)]
                panel.marks.append(.line(past, Stroke(Palette.ball(b).faint, dashed: !isModel, width: 1.5)))
            }
            if isModel {
                // Where it ticked so far, under the balls: a ball passes over its marks.
                for b in 0..<track.balls.count {
                    panel.marks += ticks.filter { $0 <= t }.map { .disc(track.position(b, at: $0), radius: radius * 0.3, Palette.text) }
                }
            }
            for b in 0..<track.balls.count {
                panel.marks.append(.disc(track.position(b, at: t), radius: radius, Palette.ball(b)))
                if isModel && ticking != nil { panel.marks.append(.ring(track.position(b, at: t), radius: radius * 1.25, Palette.ticks)) }
            }
            if let action, t >= Double(action.frame), t < Double(action.frame) + 3 { panel.marks += arrowMarks(track) }
            panels.append(panel)
        }
        let end = max(truth?.end ?? 0, model?.end ?? 0)
        var caption = "data frame " + Self.frameNumber(t) + " of " + Self.frameNumber(end)
        if let i = ticking {
            caption += "   tick at frame \(Self.frameNumber(ticks[i]))"
            if let dts = tickDts, i < dts.count, !dts[i].isNaN { caption += ", Δt \(TimeSeriesView.dt(dts[i]))" }
        }
        var legend = legend(ends: false)
        if model != nil && !ticks.isEmpty { legend.append(LegendEntry("ticking (one data frame)", Palette.ticks, symbol: "○")) }
        return Figure(panels: panels, legend: legend, caption: caption, panelSize: (size, size))
    }

    /// Every frame from 0 to the last data frame, `slow` frames a data frame, played at `fps`
    /// frames a second.
    public func animation(slow: Int = 4, fps: Int = 20, size: Int = 256) -> Animation {
        let end = max(truth?.end ?? 0, model?.end ?? 0)
        let count = Int((end * Double(slow)).rounded(.down)) + 1
        return Animation(frames: (0..<count).map { frame($0, slow: slow, size: size) }, delay: Animation.delay(fps: fps))
    }

    static func frameNumber(_ t: Double) -> String {
        let hundredths = (t * 100).rounded() / 100
        return hundredths == hundredths.rounded() ? String(Int(hundredths)) : String(hundredths)
    }
}

extension Animation {
    /// The GIF delay (hundredths of a second) of `fps` frames a second; GIF counts whole
    /// hundredths and viewers treat less than 2 as 10, so 2 is the floor (50 frames a second).
    public static func delay(fps: Int) -> Int { max(2, Int((100 / Double(max(fps, 1))).rounded())) }
}
