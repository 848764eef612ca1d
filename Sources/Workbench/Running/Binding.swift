/// A name's value and the statement that made it (shown by `vars`).
public struct Binding: Sendable {
    public var value: Value
    /// The canonical statement that bound it.
    public var statement: String
}
