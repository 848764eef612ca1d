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
            1-D worlds: x(t) as the blog's hero figure draws it: the truth dashed, the model's interpolation a thin \
            line in its colour, the burn-in frames black dots, each tick a dot, and each piece's Δt over a bracket \
            above. billiards2d and shots: the table from above, each ball at its true radius where it starts (faint \
            where it ends), truth dashed, model solid, ticks small dots with their Δt, the target black and the shot \
            an arrow. Pixel worlds: frames, truth above model. A model: loss and mean Δt against the training step. \
            A plan: the simulated shot and the model's forecast of every ball. Plans (an evaluation): success \
            against budget.
            """
    ) { call in
        let view = call[.view]
        // Check the path before drawing: a bad extension costs nothing.
        let path = call[.optionalPath]
        if let path { _ = try PictureFile.format(of: path, allowed: [.png, .svg, .gif], argument: CommandArgument<String?>.optionalPath.name) }
        let figure = try Views.figure(call[.drawable], trajectory: call[.trajectory], view: view,
                                      name: call.expressionTexts(.drawable).first)
        if let path {
            let target = call.writingPath(path)
            try PictureFile.write(figure, to: target, argument: CommandArgument<String?>.optionalPath.name)
            call.print("wrote \(path)")
            call.display(file: target)
            return .done
        }
        if call.displaysPictures {
            call.display(figure.png(), mimeType: PictureFile.Format.png.mimeType)
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
            .option(.trajectory), .option(.slow), .option(.fps), .option(.size),
        ],
        example: "animate r \"data/r.gif\" slow=2 fps=10",
        discussion: """
            Balls are discs at their true radius in their colours, the path so far behind them. A tick rings the model's \
            balls and outlines its side for the whole data frame it starts, and leaves a dot on the path for the rest of \
            the clip. slow= frames a data frame (between frames, the model's interpolation), played at fps= frames a \
            second; the counter is in data frames. Pixel worlds show frames scaled up.
            """
    ) { call in
        let path = call[.path]
        _ = try PictureFile.format(of: path, allowed: [.gif], argument: CommandArgument<String>.path.name)
        let animation = try Views.animation(call[.animatable], trajectory: call[.trajectory],
                                            slow: call[.slow], fps: call[.fps], size: call[.size])
        var progress = call.progress(total: animation.frames.count, label: "animate", unit: "frames")
        defer { progress.finish() }
        let target = call.writingPath(path)
        try PictureFile.write(animation, to: target, argument: CommandArgument<String>.path.name) { drawn in
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
            .option(.trajectory), .option(.slow, default: 2), .option(.fps, default: 10),
        ],
        example: "play r",
        discussion: "Draws each frame over the last (cursor movement, no scrolling): slow= frames a data frame, fps= frames a second."
    ) { call in
        let console = call.interpreter.console
        let animation = try Views.animation(call[.animatable], trajectory: call[.trajectory],
                                            slow: call[.slow], fps: call[.fps], size: 64)
        if call.displaysPictures {
            // A notebook plays the GIF itself.
            let gif = try PictureFile.gif(animation, argument: "value") { _ in !call.isInterrupted }
            call.display(gif, mimeType: PictureFile.Format.gif.mimeType)
            return .done
        }
        guard console.isTerminal else {
            call.print(Views.strip(animation).terminal(width: console.columns, colors: console.supportsColor))
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
extension CommandOption where Value == Views.Kind? {
    fileprivate static var view: Self {
        .word("view", help: "time (coordinates vs time), table (from above), frames (pixels), dt (Δt histogram); default: by the world")
    }
}

extension CommandOption where Value == Int {
    fileprivate static var size: Self { .integer("size", in: 32...1024, default: 256, help: "pixels a panel side") }
}
