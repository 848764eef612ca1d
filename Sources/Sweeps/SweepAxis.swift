/// One axis of a sweep's grid, from `kind=[rnn, jumpy]` or `seed=0:3`.
///
/// Each value is kept as the text that replaces `{name}` in the template: words as written,
/// numbers as the printer writes them (`1e-3` becomes `0.001`), strings without their quotes
/// (so `"{kind}.safetensors"` works inside a string).
public struct SweepAxis: Sendable, Equatable, Codable {
    public var name: String
    public var values: [String]

    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }
}

/// One value of one axis, as a grid point holds it.
public struct AxisValue: Sendable, Equatable, Codable {
    public var axis: String
    public var value: String

    public init(axis: String, value: String) {
        self.axis = axis
        self.value = value
    }
}

/// One point of the grid: its index (the Slurm array task id) and a value per axis.
public struct SweepPoint: Sendable, Equatable, Codable {
    public var index: Int
    public var values: [AxisValue]
    /// Relative to the sweep directory: `points/003-kind=jumpy-seed=1`.
    public var directory: String

    /// `kind=jumpy seed=1`
    public var label: String { values.map { "\($0.axis)=\($0.value)" }.joined(separator: " ") }

    public func value(of axis: String) -> String? { values.first { $0.axis == axis }?.value }
}
