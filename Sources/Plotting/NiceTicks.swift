import Foundation

/// Where an axis puts its ticks: four to six round numbers (1, 2, 2.5 or 5 × 10ᵏ apart)
/// inside the axis's range, as matplotlib's `MaxNLocator` picks them. The axis itself ends at
/// the data's range; the ticks need not reach its ends.
public enum NiceTicks {
    /// Round ticks inside `range`, four to six of them when the range allows it.
    public static func ticks(_ range: ClosedRange<Double>) -> [Double] {
        let (low, high) = (range.lowerBound, range.upperBound)
        guard low.isFinite, high.isFinite, high > low else { return [low].filter(\.isFinite) }
        let width = high - low
        var best: [Double] = [], bestScore = Int.max
        let magnitude = pow(10, (log10(width)).rounded(.down))
        for scale in [magnitude / 100, magnitude / 10, magnitude] {
            for mantissa in [1.0, 2, 2.5, 5] {
                let step = mantissa * scale
                let first = (low / step - 1e-9).rounded(.up), last = (high / step + 1e-9).rounded(.down)
                guard last >= first, last - first < 50 else { continue }
                let values = stride(from: first, through: last, by: 1).map { clean($0 * step, step) }
                // Four to six ticks; then the simpler step (1, 2 and 5 before 2.5); then five.
                let outside = values.count < 4 ? 4 - values.count : max(0, values.count - 6)
                let score = outside * 10 + (mantissa == 2.5 ? 2 : 0) + (values.count == 5 ? 0 : 1)
                if score < bestScore { best = values; bestScore = score }
            }
        }
        return best
    }

    /// Ticks on a log10 axis: whole powers of ten when the range spans two decades or more,
    /// round logs otherwise.
    public static func logTicks(_ range: ClosedRange<Double>) -> [Double] {
        let decades = Array(stride(from: range.lowerBound.rounded(.up), through: range.upperBound.rounded(.down), by: 1))
        guard decades.count >= 2 else { return ticks(range) }
        // At most six: every other decade on a long axis.
        let every = (decades.count + 5) / 6
        return decades.enumerated().filter { $0.offset % every == 0 }.map(\.element)
    }

    /// `v` rounded to the step's own decimals, so 0.30000000000000004 is 0.3.
    static func clean(_ v: Double, _ step: Double) -> Double {
        let digits = max(0, -Int(log10(step).rounded(.down)) + 2)
        let factor = pow(10, Double(digits))
        let rounded = (v * factor).rounded() / factor
        return rounded == 0 ? 0 : rounded
    }

    /// A tick's label with as many decimals as its neighbours need (0, 0.25, 0.5, …).
    public static func label(_ v: Double, among ticks: [Double]) -> String {
        if v == 0 { return "0" }
        let largest = ticks.map(Swift.abs).max() ?? Swift.abs(v)
        if largest >= 1e5 || largest < 1e-3 { return String(format: "%.0e", v).replacingOccurrences(of: "e+0", with: "e").replacingOccurrences(of: "e-0", with: "e-") }
        let decimals = (0...4).first { d in ticks.allSatisfy { t in
            let f = pow(10, Double(d)); return Swift.abs((t * f).rounded() - t * f) < 1e-6
        } } ?? 4
        let text = String(format: "%.\(decimals)f", v)
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// The value 10^v of a log10 tick: 100, 1, 0.01, 1e-5.
    public static func power(_ v: Double) -> String {
        let value = pow(10, v)
        if v == v.rounded() {
            let k = Int(v)
            if (-2...3).contains(k) { return label(value, among: [value]) }
            return "1e\(k)".replacingOccurrences(of: "-", with: "−")
        }
        return String(format: "%.2g", value)
    }
}
