import Foundation

/// How results print: a fixed number of significant digits, so transcripts and session
/// summaries compare as text.
///
///     NumberFormat.significant(0.000123456)   // "0.00012346"
///     NumberFormat.significant(1234.5678)     // "1234.6"
public enum NumberFormat {
    public static func significant(_ x: Double, digits: Int = 5) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        if x == 0 { return "0" }
        var text = String(format: "%.\(digits)g", x)
        // %g keeps the exponent form for very small or large numbers; that is fine to read.
        if text.hasPrefix("-0") && Double(text) == 0 { text = "0" }
        return text
    }
}
