import Workbench

/// A sweep file: a session template whose first statement names the grid.
///
///     sweep kind=[rnn, jumpy] seed=0:2
///     d = dataset lines n=100 seed={seed}
///     m = model {kind} d hidden=8 seed={seed}
///     train m d steps=5 batch=16
///     eval m d
///
/// Every point of the grid (the first axis varies slowest) gets the lines after `sweep`
/// with its values in the placeholders: an ordinary session script. Everything is checked
/// before any file is written, and errors name FILE:LINE:COL with a caret.
public struct SweepTemplate: Sendable {
    /// The file's name, for diagnostics and the points' headers.
    public let source: String
    public let axes: [SweepAxis]
    /// The lines after the `sweep` statement, with their line numbers in the file.
    let body: [(number: Int, text: String)]

    public init(text: String, source: String) throws(Diagnostic) {
        self.source = source
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func fail(_ error: WorkbenchError, _ index: Int) -> Diagnostic {
            Diagnostic(error: error, source: source, line: index + 1, text: lines[index])
        }
        // The sweep statement is the first line that holds a statement.
        var sweepIndex: Int?
        var statement: Statement?
        for (index, line) in lines.enumerated() {
            let statements: [Statement]
            do { statements = try Parser.parse(line) } catch { throw fail(error, index) }
            guard let first = statements.first else { continue }
            if statements.count > 1 {
                throw fail(WorkbenchError("the sweep statement stands alone on its line", at: statements[1].span), index)
            }
            (sweepIndex, statement) = (index, first)
            break
        }
        guard let sweepIndex, let statement else {
            throw Diagnostic(error: WorkbenchError("the file holds no statements; a sweep file starts with e.g. sweep seed=0:3",
                                                   at: SourceSpan(start: 0, end: 1)),
                             source: source, line: 1, text: lines.first ?? "")
        }
        do { axes = try SweepLine.axes(of: statement) } catch { throw fail(error, sweepIndex) }

        body = lines.indices.dropFirst(sweepIndex + 1).map { ($0 + 1, lines[$0]) }
        var used = Set<String>()
        for (number, line) in body where !line.trimmingSpaces.hasPrefix("#") {
            do throws(WorkbenchError) {
                for placeholder in try Placeholders.find(in: line) {
                    guard axes.contains(where: { $0.name == placeholder.name }) else {
                        throw WorkbenchError("unknown placeholder '{\(placeholder.name)}': the sweep's axes are \(axes.map(\.name).joined(separator: ", "))",
                                             at: placeholder.span,
                                             suggestion: Suggestion.nearest(to: placeholder.name, in: axes.map(\.name)))
                    }
                    used.insert(placeholder.name)
                }
            } catch { throw fail(error, number - 1) }
        }
        // An axis no line uses would make points that are copies of each other.
        if let unused = axes.first(where: { !used.contains($0.name) }),
           let argument = statement.arguments.first(where: { $0.label?.text == unused.name }) {
            throw fail(WorkbenchError("axis '\(unused.name)' appears in no line as {\(unused.name)}: its points would be identical",
                                      at: argument.label!.span), sweepIndex)
        }
        // Each point's lines must parse: a value can break a line (a word where a number goes).
        for point in points {
            let values = point.dictionary
            for (number, line) in body {
                do { _ = try Parser.parse(Placeholders.substitute(line, values)) } catch {
                    throw Diagnostic(error: error, source: "\(source) (point \(point.index): \(point.label))", line: number,
                                     text: Placeholders.substitute(line, values))
                }
            }
        }
    }

    /// Every point of the grid, the first axis varying slowest.
    public var points: [SweepPoint] {
        let count = axes.reduce(1) { $0 * $1.values.count }
        let width = max(3, String(count - 1).count)
        return (0..<count).map { index in
            var rest = index
            var values = [AxisValue]()
            for axis in axes.reversed() {
                values.insert(AxisValue(axis: axis.name, value: axis.values[rest % axis.values.count]), at: 0)
                rest /= axis.values.count
            }
            let number = String(repeating: "0", count: max(0, width - String(index).count)) + String(index)
            let name = ([number] + values.map { Self.safe("\($0.axis)=\($0.value)") }).joined(separator: "-")
            return SweepPoint(index: index, values: values, directory: "points/" + name)
        }
    }

    /// The session script of one point: a header saying where it came from, then the body.
    public func script(for point: SweepPoint) -> String {
        let values = point.dictionary
        var lines = ["# jumpy sweep point \(point.index): \(point.label)",
                     "# from \(source); run alone: jumpy point.jumpy"]
        lines += body.map { Placeholders.substitute($0.text, values) }
        while lines.last?.trimmingSpaces.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A file-name-safe form: letters, digits and `._=+-` kept, anything else `_`.
    static func safe(_ text: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._=+-".contains($0)) ? $0 : "_" })
    }
}

extension SweepPoint {
    var dictionary: [String: String] {
        Dictionary(values.map { ($0.axis, $0.value) }, uniquingKeysWith: { a, _ in a })
    }
}
