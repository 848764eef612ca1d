import Tensor

/// A value the workbench can bind, show and take apart: datasets, trajectories, and the
/// models and rollouts that plug in later.
///
///     struct Counter: WorkbenchObject {
///         static let typeName = "counter"
///         var count: Int
///         var summary: String { "counter at \(count)" }
///         var fieldNames: [String] { ["count"] }
///         func field(_ name: String) -> Value? { name == "count" ? .number(Double(count)) : nil }
///     }
///
/// `summary` is one line (for `vars`, and the `# ->` comment `--check` compares, so it must be
/// deterministic); `details` is what `show` prints.
public protocol WorkbenchObject: Sendable {
    /// The type name in messages, `vars` and parameter declarations (`.value(of: ["dataset"])`).
    static var typeName: String { get }
    var summary: String { get }
    var details: String { get }
    /// Fields reachable as `var.field` (and offered by tab completion).
    var fieldNames: [String] { get }
    func field(_ name: String) -> Value?
}

extension WorkbenchObject {
    public var details: String { summary }
    public var fieldNames: [String] { [] }
    public func field(_ name: String) -> Value? { nil }
}

/// An object that `var[i]` and `var[i:j]` index.
public protocol IndexableObject: WorkbenchObject {
    /// Valid indices are `0..<elementCount`.
    var elementCount: Int { get }
    /// What the elements are called in messages ("trajectory").
    var elementName: String { get }
    func elements(_ range: Range<Int>) -> Value
    func element(_ index: Int) -> Value
}

extension IndexableObject {
    public func element(_ index: Int) -> Value { elements(index..<(index + 1)) }
}

/// An object with one tensor behind it, which `export` writes as `.npy`.
public protocol TensorBacked: WorkbenchObject {
    var tensor: Tensor { get }
}

/// An object that `save VALUE "PATH"` writes; the matching `FileLoader` reads it back.
public protocol SavableObject: WorkbenchObject {
    func save(to path: String) throws
    /// Writes atomically, calling `beforeRename` once the bytes are all in the temporary and
    /// before it replaces `path` (`save` stops there on Ctrl-C; see `AtomicFile`). By default
    /// it is asked before `save(to:)`, which then runs to its end.
    func save(to path: String, beforeRename: () throws -> Void) throws
}

extension SavableObject {
    public func save(to path: String, beforeRename: () throws -> Void) throws {
        try beforeRename()
        try save(to: path)
    }
}
