import Foundation
import Plotting

extension Command {
    static let plot = Command(
        "plot", summary: "Draw a dataset, trajectories, a rollout or a model's training (terminal, or .png/.svg/.gif)",
        parameters: [
            .argument(.drawable), .argument(.optionalPath, help: "write a .png, .svg or .gif file instead (atomically)"),
            .option(.trajectory), .option(.view),
        ],
        example: "plot r trajectory=1 view=time",
        discussion: """
            1-D worlds: coordinates against time, truth dashed, model solid, burn-in shaded, ▲ at each tick with its Δt. \
            billiards2d and shots: the table from above with each ball's path. Pixel worlds: frames, truth above model. \
            A model: loss, test loss and mean Δt against steps. A plan: the simulator's outcome of the chosen shot \
            beside the model's prediction, the target and the action. Plans (an evaluation): success against budget.
            """
    ) { call in
        let view = call[.view]
        // Check the path before drawing: a bad extension costs nothing.
        let path = call[.optionalPath]
        if let path { _ = try Pictures.format(of: path, allowed: [.png, .svg, .gif], argument: CommandArgument<String?>.optionalPath.name) }
        let figure = try Pictures.figure(call[.drawable], trajectory: call[.trajectory], view: view)
        if let path {
            let target = call.writingPath(path)
            try Pictures.write(figure, to: target, argument: CommandArgument<String?>.optionalPath.name)
            call.print("wrote \(path)")
            call.display(file: target)
            return .done
        }
        if call.displaysPictures {
            call.display(figure.png(), mimeType: "image/png")
            return .done
        }
        let console = call.interpreter.console
        call.print(figure.terminal(width: console.columns, colors: console.supportsColor))
        return .done
    }

    static let animate = Command(
        "animate", summary: "Write a looping GIF: truth and model side by side, between frames from the model's interpolation",
        parameters: [
            .argument(.animatable, help: "a rollout, trajectories (truth alone), or a plan (simulator beside the prediction)"),
            .argument(.path, help: "the .gif to write (atomically)"),
            .option(.trajectory), .option(.fps), .option(.size),
        ],
        example: "animate r \"data/r.gif\" fps=2",
        discussion: "Balls are discs in their colours; the model's side is outlined when it ticks. Pixel worlds show frames scaled up."
    ) { call in
        let path = call[.path]
        _ = try Pictures.format(of: path, allowed: [.gif], argument: CommandArgument<String>.path.name)
        let animation = try Pictures.animation(call[.animatable], trajectory: call[.trajectory],
                                               fps: call[.fps], size: call[.size])
        var progress = call.progress(total: animation.frames.count, label: "animate", unit: "frames")
        defer { progress.finish() }
        let target = call.writingPath(path)
        try Pictures.write(animation, to: target, argument: CommandArgument<String>.path.name) { drawn in
            progress.update(step: drawn)
            return !call.isInterrupted
        }
        call.print("wrote \(path): \(animation.frames.count) frames")
        call.display(file: target)
        return .done
    }

    static let play = Command(
        "play", summary: "Animate in the terminal (Ctrl-C stops); a static strip when output is not a terminal",
        parameters: [
            .argument(.animatable, help: "a rollout, trajectories, or a plan"),
            .option(.trajectory), .option(.fps, default: 2),
        ],
        example: "play r",
        discussion: "Draws each frame over the last (cursor movement, no scrolling), 10 data frames a second."
    ) { call in
        let console = call.interpreter.console
        let animation = try Pictures.animation(call[.animatable], trajectory: call[.trajectory],
                                               fps: call[.fps], size: 64)
        if call.displaysPictures {
            // A notebook plays the GIF itself.
            call.display(try Pictures.gif(animation, argument: "value") { _ in !call.isInterrupted }, mimeType: "image/gif")
            return .done
        }
        guard console.isTerminal else {
            call.print(Pictures.strip(animation).terminal(width: console.columns, colors: console.supportsColor))
            return .done
        }
        var drawn = 0
        for (k, frame) in animation.frames.enumerated() {
            if call.isInterrupted { break }
            let text = frame.terminal(width: console.columns, colors: console.supportsColor)
            // Back to the top of the previous frame, then draw over it line by line.
            console.write((drawn > 0 ? "\u{1B}[\(drawn)A" : "") + text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "\u{1B}[2K" + $0 }.joined(separator: "\n") + "\n")
            drawn = text.split(separator: "\n", omittingEmptySubsequences: false).count
            if k + 1 < animation.frames.count { usleep(UInt32(animation.delay) * 10_000) }
        }
        return .done
    }
}

extension Pictures {
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
                let counter = animation.frames[k].caption.split(separator: " ").dropFirst().first.map(String.init) ?? "\(k)"
                panel.title += " @" + counter
                panels.append(panel)
            }
        }
        return Figure(panels: panels, columns: picks.count, caption: "@: the frame shown; (tick): the model ticked there")
    }
}

// The positional arguments of plot, animate and play (path is shared: SharedOptions.swift).
extension CommandArgument where Value == Workbench.Value {
    /// What `plot` draws.
    fileprivate static var drawable: Self {
        .value("value", of: ["dataset", "trajectories", "rollout", "model", "plan", "plans"], help: "what to draw")
    }
    /// What `animate` and `play` animate.
    fileprivate static var animatable: Self {
        .value("value", of: ["trajectories", "rollout", "dataset", "plan"], help: "a rollout, trajectories, or a plan")
    }
}

// The options of plot and animate (trajectory and fps are shared: SharedOptions.swift).
extension CommandOption where Value == Pictures.View? {
    fileprivate static var view: Self {
        .word("view", help: "time (coordinates vs time), table (from above), frames (pixels), dt (Δt histogram); default: by the world")
    }
}

extension CommandOption where Value == Int {
    fileprivate static var size: Self { .integer("size", in: 32...1024, default: 256, help: "pixels a panel side") }
}
