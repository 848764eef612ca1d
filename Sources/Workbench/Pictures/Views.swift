import Learning
import Planning
import Plotting

/// Which picture a workbench value becomes: `plot`, `animate`, `play` and `compare` ask here
/// for a `Figure` or an `Animation`, and `PictureFile` writes what comes back. Nothing here
/// touches a file, so every view can be tested as a figure. The view follows the value's
/// world (`Scene`), or the width when the world is unknown.
enum Views {
    /// What `view=` picks.
    enum Kind: String, CaseIterable, Sendable {
        /// Coordinates against time (lines, circles, billiards1d).
        case time
        /// The table from above (billiards2d, shots).
        case table
        /// Rows of pixel frames (pixels1d, pixels2d).
        case frames
        /// The rollout's Δt histogram.
        case dt
    }

    /// The picture of `value` (`plot`); `name` is the expression drawn (`rn`), for the legend.
    static func figure(_ value: Value, trajectory b: Int, view: Kind?, name: String? = nil) throws -> Figure {
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

    /// Frames of `value`'s trajectory `b`, `slow` frames a data frame played at `fps` frames a
    /// second: truth and model side by side (truth alone for trajectories), each panel `size`
    /// pixels.
    static func animation(_ value: Value, trajectory b: Int, slow: Int, fps: Int, size: Int) throws -> Animation {
        if case .object(let p as PlanValue) = value { return planTable(p).animation(slow: slow, fps: fps, size: size) }
        let subject = try Subject(value, argument: "value")
        try checkTrajectory(b, subject)
        if let side = subject.imageSide, subject.defaultView == .frames {
            return frameAnimation(subject, b, side: side, slow: slow, fps: fps, size: size)
        }
        guard subject.features >= 2 else { throw CommandError("one coordinate cannot be animated; plot it", argument: "value") }
        return table(subject, b, slow: slow).animation(slow: slow, fps: fps, size: size)
    }

    static func checkTrajectory(_ b: Int, _ subject: Subject) throws {
        guard b < subject.count else {
            throw CommandError("trajectory \(b) is out of range: there are \(subject.count)", argument: "trajectory")
        }
    }

    static func title(_ subject: Subject, _ b: Int) -> String {
        let world = subject.scene?.world ?? "trajectories"
        let what = subject.rollout.map { ": truth and the \($0.model.kind.rawValue) model" } ?? ""
        return world.prefix(1).uppercased() + world.dropFirst() + ", trajectory \(b)" + what
    }
}
