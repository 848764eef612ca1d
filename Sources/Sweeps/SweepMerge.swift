import Foundation
import Workbench

/// `jumpy merge DIR`: the points' figures as one table, a row for each setting of the axes
/// other than `over` (the seed) and each figure label (model), with the mean and the
/// spread (sample standard deviation) over the seeds that finished.
///
///     | kind | n | steps | loss | tf mse | auto mse | … |
///     |---|---|---|---|---|---|---|
///     | rnn | 2 | 5 | 0.0312 ± 0.0041 | … |
public struct SweepMerge: Sendable {
    public struct Row: Sendable {
        /// The values of the grouping axes, in axis order.
        public var key: [AxisValue]
        public var label: String
        /// For each column, one value per point that reported it.
        public var samples: [String: [Double]] = [:]
        public var points = 0
    }

    public let groupAxes: [String]
    public private(set) var rows: [Row] = []
    /// Figure names in the order first seen (timings after the figures when included).
    public private(set) var columns: [String] = []
    /// Points with no result, with why (failed, or not run).
    public private(set) var missing: [String] = []

    public init(_ sweep: SweepDirectory, over: String = "seed", timings: Bool = false) throws {
        groupAxes = sweep.manifest.axes.map(\.name).filter { $0 != over }
        var timingColumns = [String]()
        for point in sweep.manifest.points {
            switch sweep.status(of: point) {
            case .pending: missing.append("point \(point.index) (\(point.label)): not run"); continue
            case .failed(let why): missing.append("point \(point.index) (\(point.label)): \(why)"); continue
            case .done: break
            }
            let result = try PointResult.read(sweep.directory(of: point) + "/" + SweepDirectory.resultName)
            let key = point.values.filter { groupAxes.contains($0.axis) }
            for figures in result.mergedFigures {
                var row: Row
                let i = rows.firstIndex { $0.key == key && $0.label == figures.label }
                row = i.map { rows[$0] } ?? Row(key: key, label: figures.label)
                row.points += 1
                for figure in figures.figures {
                    if !columns.contains(figure.name) { columns.append(figure.name) }
                    row.samples[figure.name, default: []].append(figure.value)
                }
                if timings {
                    for figure in figures.timings {
                        if !timingColumns.contains(figure.name) { timingColumns.append(figure.name) }
                        row.samples[figure.name, default: []].append(figure.value)
                    }
                }
                if let i { rows[i] = row } else { rows.append(row) }
            }
        }
        columns += timingColumns.filter { !columns.contains($0) }
        guard !rows.isEmpty else {
            throw SweepError("no results in \(sweep.path) yet: \(sweep.report().text.split(separator: "\n").first ?? "")")
        }
    }

    /// Whether the label column says anything (more than one model per point).
    var showsLabel: Bool { Set(rows.map(\.label)).count > 1 }

    /// Mean and sample standard deviation (0 for one sample).
    static func statistics(_ values: [Double]) -> (mean: Double, spread: Double) {
        let mean = values.reduce(0, +) / Double(values.count)
        guard values.count > 1 else { return (mean, 0) }
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)
        return (mean, variance.squareRoot())
    }

    /// The table in markdown, as in docs/results.md: `mean ± spread` (the spread left out
    /// for a single seed), then a line for each point without a result.
    public var markdown: String {
        let header = groupAxes + (showsLabel ? ["model"] : []) + ["n"] + columns
        var lines = ["| " + header.joined(separator: " | ") + " |",
                     "|" + String(repeating: "---|", count: header.count)]
        for row in rows {
            var cells = row.key.map(\.value) + (showsLabel ? [row.label] : []) + [String(row.points)]
            for column in columns {
                guard let values = row.samples[column] else { cells.append("–"); continue }
                let (mean, spread) = Self.statistics(values)
                cells.append(values.count > 1 ? "\(Self.format(mean)) ± \(NumberFormat.significant(spread, digits: 2))" : Self.format(mean))
            }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        if !missing.isEmpty { lines += [""] + missing.map { "- no result: " + $0 } }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The same table as CSV, one `NAME mean` and `NAME sd` column pair per figure, numbers
    /// at full precision.
    public var csv: String {
        let header = groupAxes + ["model", "n"] + columns.flatMap { ["\($0) mean", "\($0) sd"] }
        var lines = [header.map(Self.csvField).joined(separator: ",")]
        for row in rows {
            var cells = row.key.map(\.value) + [row.label, String(row.points)]
            for column in columns {
                guard let values = row.samples[column] else { cells += ["", ""]; continue }
                let (mean, spread) = Self.statistics(values)
                cells += ["\(mean)", values.count > 1 ? "\(spread)" : ""]
            }
            lines.append(cells.map(Self.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Four significant digits: the table's precision (the CSV keeps every digit).
    static func format(_ x: Double) -> String { NumberFormat.significant(x, digits: 4) }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
