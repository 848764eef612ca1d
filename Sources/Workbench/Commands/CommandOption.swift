/// A `name=value` option declared once, with its type, range, default and help, and read
/// back with the Swift type that declaration implies. The same value goes in a command's
/// parameter list and in its handler, so the name is written once and the compiler checks
/// the type (in the spirit of swift-argument-parser's `@Option`, whose name the executables
/// also import, hence `CommandOption`):
///
///     extension CommandOption where Value == Int {
///         static var steps: Self { .integer("steps", in: 0...10_000_000, default: 1000, help: "optimizer steps") }
///     }
///     parameters: [.option(.steps), .option(.burnIn, help: "frames that always tick")]
///     let steps = call[.steps]            // Int
///     let rnn = call[.rnn]                // Int?: declared without a default
///
/// An option shared by several commands (`burnin`, `seed`, `trajectory`, `fps`: see
/// `SharedOptions.swift`) keeps one type and range everywhere; a command may word its help
/// for itself and choose its own default, never its own range.
public struct CommandOption<Value: ArgumentValue>: Sendable {
    /// The declaration, as a command's parameter list holds it.
    public let parameter: CommandParameter
    public var name: String { parameter.name }

    public init(_ name: String, _ type: ArgumentType, default defaultValue: CommandParameter.Default, help: String) {
        parameter = .option(name, type, default: defaultValue, help: help)
    }
}

extension CommandOption where Value == Int {
    /// An integer in `range`, `defaultValue` when left out.
    public static func integer(_ name: String, in range: ClosedRange<Int>, default defaultValue: Int, help: String) -> Self {
        CommandOption(name, .integer(range), default: defaultValue.parameterDefault, help: help)
    }

    /// An integer in `range` that takes the session's next seed when left out.
    public static func seeded(_ name: String, in range: ClosedRange<Int>, help: String) -> Self {
        CommandOption(name, .integer(range), default: .seed, help: help)
    }
}

extension CommandOption where Value == Int? {
    /// An integer in `range`, nil when left out.
    public static func integer(_ name: String, in range: ClosedRange<Int>, help: String) -> Self {
        CommandOption(name, .integer(range), default: .absent, help: help)
    }
}

extension CommandOption where Value == Double {
    /// A number in `range` (inclusive; nil: any finite number), `defaultValue` when left out.
    public static func number(_ name: String, in range: ClosedRange<Double>?, default defaultValue: Double, help: String) -> Self {
        CommandOption(name, .number(range), default: defaultValue.parameterDefault, help: help)
    }
}

extension CommandOption where Value == Double? {
    /// A number in `range`, nil when left out.
    public static func number(_ name: String, in range: ClosedRange<Double>?, help: String) -> Self {
        CommandOption(name, .number(range), default: .absent, help: help)
    }
}

extension CommandOption where Value == String {
    /// One of `words`, `defaultValue` when left out.
    public static func word(_ name: String, _ words: [String], default defaultValue: String, help: String) -> Self {
        CommandOption(name, .word(words), default: defaultValue.parameterDefault, help: help)
    }
}

extension CommandOption where Value == String? {
    /// A file path in quotes, nil when left out.
    public static func path(_ name: String, help: String) -> Self {
        CommandOption(name, .path, default: .absent, help: help)
    }
}

extension CommandOption where Value: WordValue {
    /// One of the enum's cases by its raw value, `defaultValue` when left out.
    public static func word(_ name: String, default defaultValue: Value, help: String) -> Self {
        CommandOption(name, .word(Value.words), default: defaultValue.parameterDefault, help: help)
    }
}

extension CommandOption {
    /// A word from an enum's cases, nil when left out (`set progress=on`).
    public static func word<Word: WordValue>(_ name: String, help: String) -> Self where Value == Word? {
        CommandOption(name, .word(Word.words), default: .absent, help: help)
    }
}

extension CommandParameter {
    /// `option` in a parameter list; `help` and `default` reword it for this command (the
    /// type and range stay the option's).
    ///
    ///     .option(.burnIn, help: "frames that always tick")
    ///     .option(.fps, default: 2)
    public static func option<Value>(_ option: CommandOption<Value>, default defaultValue: Value? = nil, help: String? = nil) -> CommandParameter {
        let declared = option.parameter
        return .option(declared.name, declared.type, default: defaultValue?.parameterDefault ?? declared.defaultValue,
                       help: help ?? declared.help)
    }
}

extension Invocation {
    /// The checked value of `option`, as its declared Swift type.
    ///
    ///     let burnIn = call[.burnIn]      // Int
    public subscript<Value>(_ option: CommandOption<Value>) -> Value {
        // An option the command does not declare would read as nil or trap below: say which.
        precondition(command.parameter(option.name) != nil, "\(command.name): reads option '\(option.name)' it does not declare")
        guard let value = Value(argument: arguments[option.name]) else {
            preconditionFailure("\(command.name): option '\(option.name)' is not declared as \(Value.self)")
        }
        return value
    }
}
