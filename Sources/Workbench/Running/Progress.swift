#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A progress line on stderr for long commands: step of total, loss, rate and ETA, redrawn
/// in place at most ten times a second and erased when done, or as soon as the command
/// prints a line (`Invocation.print`/`note` clear it first, so a result never follows
/// leftover progress text).
///
///     var progress = call.progress(total: steps, label: "train", unit: "steps")
///     for step in 1...steps {
///         let loss = trainStep()
///         progress.update(step: step, loss: loss)
///     }
///     progress.finish()
///     // train  1200/3000  loss 0.00231  41.3 steps/s  ETA 0:44
///
/// The rate names what is counted: `steps/s` for training, `frames/s` for `animate`,
/// `candidates/s` for `plan`.
///
/// Disabled (no output) when stderr is not a terminal, unless `set progress=on`. Output goes
/// only to stderr, so it never enters transcripts or sessions.
public struct Progress {
    public let total: Int
    public let label: String
    /// What one step counts, plural ("steps", "frames", "candidates"): the rate's unit.
    public let unit: String
    public let enabled: Bool
    private let started: Double
    private var lastDrawn: Double = -1
    /// The screen's record of whether a progress line is showing, shared with whatever
    /// prints result lines.
    private let line: ProgressLine

    public init(total: Int, label: String, unit: String = "steps", enabled: Bool, line: ProgressLine = ProgressLine()) {
        self.total = total
        self.label = label
        self.unit = unit
        self.enabled = enabled
        self.line = line
        started = Self.now()
    }

    /// Reports that `step` of `total` steps are done.
    public mutating func update(step: Int, loss: Double? = nil) {
        guard enabled else { return }
        let now = Self.now()
        guard now - lastDrawn >= 0.1 || step == total else { return }
        lastDrawn = now
        line.draw(Self.line(label: label, step: step, total: total, loss: loss, unit: unit, elapsed: now - started))
    }

    /// Erases the line.
    public mutating func finish() {
        guard enabled else { return }
        line.clear()
    }

    /// The text of the line (without terminal codes).
    ///
    ///     Progress.line(label: "train", step: 50, total: 200, loss: 0.5, unit: "steps", elapsed: 10)
    ///     // "train  50/200  loss 0.5  5 steps/s  ETA 0:30"
    public static func line(label: String, step: Int, total: Int, loss: Double?, unit: String = "steps",
                            elapsed: Double) -> String {
        var parts = [label, "\(step)/\(total)"]
        if let loss { parts.append("loss " + NumberFormat.significant(loss, digits: 3)) }
        if elapsed > 0, step > 0 {
            let rate = Double(step) / elapsed
            parts.append(NumberFormat.significant(rate, digits: 3) + " \(unit)/s")
            parts.append("ETA " + clock(Double(total - step) / rate))
        }
        return parts.joined(separator: "  ")
    }

    /// `m:ss`, or `h:mm:ss` past an hour.
    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        let (h, m, r) = (s / 3600, s / 60 % 60, s % 60)
        let mmss = String(format: "%d:%02d", m, r)
        return h > 0 ? "\(h):" + String(format: "%02d:%02d", m, r) : mmss
    }

    private static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}

/// Whether a progress line is showing on stderr, so that printing a result line can erase it
/// first. One per interpreter (`Interpreter.progressLine`); `Progress` draws through it.
public final class ProgressLine {
    public private(set) var isShowing = false
    private let write: (String) -> Void

    /// `write` receives the terminal text (stderr by default; a test may collect it).
    public init(write: ((String) -> Void)? = nil) {
        self.write = write ?? { FileDescriptor.write(2, $0) }
    }

    /// Draws `text` over the line.
    public func draw(_ text: String) {
        write("\r\u{1B}[K" + text)
        isShowing = true
    }

    /// Erases the line if one is showing; otherwise writes nothing.
    public func clear() {
        guard isShowing else { return }
        write("\r\u{1B}[K")
        isShowing = false
    }
}
