import Plotting

extension Views {
    /// Four evenly spaced frames of an animation side by side, truth above model: what `play`
    /// prints when it cannot animate.
    static func strip(_ animation: Animation) -> Figure {
        let count = animation.frames.count
        let picks = (0..<4).map { $0 * (count - 1) / 3 }
        let sides = animation.frames[0].panels.count
        var panels: [Panel] = []
        for side in 0..<sides {
            for k in picks {
                var panel = animation.frames[k].panels[side]
                // "data frame 3.5 of 44 …": the third word is the frame.
                let counter = animation.frames[k].caption.split(separator: " ").dropFirst(2).first.map(String.init) ?? "\(k)"
                panel.title += " @" + counter
                panels.append(panel)
            }
        }
        return Figure(panels: panels, columns: picks.count, legend: animation.frames[0].legend,
                      caption: "@: the data frame shown; a ring: the model ticked in that data frame")
    }
}
