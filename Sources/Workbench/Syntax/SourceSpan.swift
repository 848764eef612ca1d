/// Where a piece of syntax sits on its source line: a half-open range of character offsets
/// (0-based; columns are `start + 1`).
///
///     let span = SourceSpan(start: 5, end: 12)   // columns 6 to 12
///
/// Spans never take part in equality of syntax: `parse(print(s)) == s` compares meaning,
/// not positions.
public struct SourceSpan: Sendable, Hashable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = max(end, start)
    }

    /// The smallest span covering both.
    public func joined(_ other: SourceSpan) -> SourceSpan {
        SourceSpan(start: min(start, other.start), end: max(end, other.end))
    }

    /// 1-based column of the first character.
    public var column: Int { start + 1 }
}
