/// `start:stop[:step]`: the numbers from `start` up to, not including, `stop`.
///
///     NumberRange(start: 0, stop: 1, step: 0.25).values   // [0, 0.25, 0.5, 0.75]
///     NumberRange(start: 2, stop: 5).values                // [2, 3, 4]
///
/// As an index (`data.test[0:8]`) a range slices.
public struct NumberRange: Sendable, Equatable, CustomStringConvertible {
    public var start: Double
    public var stop: Double
    public var step: Double

    public init(start: Double, stop: Double, step: Double = 1) {
        self.start = start
        self.stop = stop
        self.step = step
    }

    /// How many elements the range has (a Double: a range may describe more than memory holds).
    public var count: Double {
        guard step != 0, start.isFinite, stop.isFinite, step.isFinite else { return 0 }
        return max(0, ((stop - start) / step).rounded(.up))
    }

    /// The elements; computed as `start + i·step` so no rounding error accumulates. Callers
    /// check `count` against their own limit first.
    public var values: [Double] {
        let n = count
        guard n > 0 && n < 1e9 else { return [] }
        return (0..<Int(n)).map { start + Double($0) * step }
    }

    public var description: String {
        Printer.number(start) + ":" + Printer.number(stop) + (step == 1 ? "" : ":" + Printer.number(step))
    }
}
