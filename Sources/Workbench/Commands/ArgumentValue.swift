/// A Swift type a checked argument can be read as: what `call[option]` and `call[argument]`
/// return.
///
///     Int, Double, String           .integer, .number, and the text types
///     Int?, Double?, String?        the same, declared with no default (absent when left out)
///     an enum of words              .word(allCases), read as the case (`CellKind`)
///     Value                         .value(of:), any value the declaration accepts
///     [String], [Value]             a variadic positional argument's items
///
/// (An object argument, `CommandArgument.object`, reads as its own type; see `CommandArgument`.)
///
/// The binder has already checked the argument against the declaration, so a value that
/// does not convert is a declaration bug, not bad input.
public protocol ArgumentValue: Sendable {
    /// The handler's view of a checked argument (nil: missing, or another type).
    init?(argument: Value?)
    /// This value as a declaration's default.
    var parameterDefault: CommandParameter.Default { get }
}

extension Int: ArgumentValue {
    public init?(argument: Value?) {
        guard case .number(let x)? = argument else { return nil }
        self = Int(x)
    }
    public var parameterDefault: CommandParameter.Default { .value(.number(Double(self))) }
}

extension Double: ArgumentValue {
    public init?(argument: Value?) {
        guard case .number(let x)? = argument else { return nil }
        self = x
    }
    public var parameterDefault: CommandParameter.Default { .value(.number(self)) }
}

extension String: ArgumentValue {
    public init?(argument: Value?) {
        guard case .string(let s)? = argument else { return nil }
        self = s
    }
    public var parameterDefault: CommandParameter.Default { .value(.string(self)) }
}

/// `.value(of:)`: the evaluated value itself, for the handler to take apart.
extension Value: ArgumentValue {
    public init?(argument: Value?) {
        guard let argument else { return nil }
        self = argument
    }
    public var parameterDefault: CommandParameter.Default { .value(self) }
}

/// A variadic argument: every item, each converted as `Element`.
extension Array: ArgumentValue where Element: ArgumentValue {
    public init?(argument: Value?) {
        guard case .list(let items)? = argument else { return nil }
        var elements: [Element] = []
        for item in items {
            guard let element = Element(argument: item) else { return nil }
            elements.append(element)
        }
        self = elements
    }
    public var parameterDefault: CommandParameter.Default {
        .value(.list(compactMap { if case .value(let value) = $0.parameterDefault { value } else { nil } }))
    }
}

/// An option left out with no default reads as nil.
extension Optional: ArgumentValue where Wrapped: ArgumentValue {
    public init?(argument: Value?) {
        guard let argument else {
            self = .none
            return
        }
        guard let value = Wrapped(argument: argument) else { return nil }
        self = .some(value)
    }
    public var parameterDefault: CommandParameter.Default { map(\.parameterDefault) ?? .absent }
}

/// An enum whose cases are the words an option accepts (`cell=gru`): declared with
/// `CommandOption.word`, read as the case.
public protocol WordValue: ArgumentValue, CaseIterable, RawRepresentable where RawValue == String {}

extension WordValue {
    public init?(argument: Value?) {
        guard case .string(let word)? = argument else { return nil }
        self.init(rawValue: word)
    }
    public var parameterDefault: CommandParameter.Default { .value(.string(rawValue)) }
    /// The accepted words, in case order.
    public static var words: [String] { allCases.map(\.rawValue) }
}
