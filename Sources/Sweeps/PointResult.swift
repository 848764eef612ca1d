import Foundation
import Workbench

/// `result.json`: one grid point's run as one JSON object: each statement with its summary,
/// what it printed and the figures it reported (`eval`, `compare`, `train`, and any command
/// that fills `Outcome.figures`), plus the checkpoints written beside it.
public struct PointResult: Sendable, Equatable, Codable {
    public struct StatementRecord: Sendable, Equatable, Codable {
        /// The line in `point.jumpy`.
        public var line: Int
        /// As the session records it (seeds written out).
        public var statement: String
        public var command: String
        public var summary: String?
        /// Everything it printed to standard output.
        public var output: String
        public var figures: [ResultRow]
    }

    public var index: Int
    public var point: [AxisValue]
    public var statements: [StatementRecord]
    /// File names, relative to the point's directory.
    public var checkpoints: [String]
    /// Wall time of the whole run (a timing: not reproducible).
    public var seconds: Double

    /// The figure rows of every statement, rows with the same label merged in order (a
    /// later statement's figure replaces an earlier one of the same name: `eval` after more
    /// training wins).
    public var mergedFigures: [ResultRow] {
        var rows = [ResultRow]()
        for row in statements.flatMap(\.figures) {
            guard let i = rows.firstIndex(where: { $0.label == row.label }) else { rows.append(row); continue }
            for kind in [\ResultRow.figures, \ResultRow.timings] as [WritableKeyPath<ResultRow, [ResultRow.Figure]>] {
                for figure in row[keyPath: kind] {
                    if let j = rows[i][keyPath: kind].firstIndex(where: { $0.name == figure.name }) {
                        rows[i][keyPath: kind][j] = figure
                    } else {
                        rows[i][keyPath: kind].append(figure)
                    }
                }
            }
        }
        return rows
    }

    public static func read(_ path: String) throws -> PointResult {
        guard let data = FileManager.default.contents(atPath: path) else { throw SweepError("cannot read \(path)") }
        do { return try SweepManifest.decoder().decode(PointResult.self, from: data) } catch {
            throw SweepError("\(path) is not a point's result: \(error)")
        }
    }
}
