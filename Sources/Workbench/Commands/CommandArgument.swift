/// A positional argument declared once, with its type and help, and read back with the Swift
/// type that declaration implies: `CommandOption`'s counterpart for the arguments given by
/// position (in the spirit of swift-argument-parser's `@Argument`). The same value goes in a
/// command's parameter list and in its handler, so the name is written once:
///
///     extension CommandArgument where Value == String {
///         static var path: Self { .path("path", help: "the file") }
///     }
///     extension CommandArgument where Value == DatasetValue {
///         static var data: Self { .object("data", help: "the dataset") }
///     }
///     parameters: [.argument(.data), .argument(.path, help: "where (.npy)")]
///     let path = call[.path]              // String
///     let data = try call[.data]          // DatasetValue; an object argument can throw
///
/// The builders tie the argument's `ArgumentType` to its Swift type: a path, word, name or
/// variable reads as `String` (`String?` when it may be left out), a variadic one as an
/// array, `.value(of:)` as `Value`, and `.object` as the object's own type.
public struct CommandArgument<Value>: Sendable {
    /// The declaration, as a command's parameter list holds it.
    public let parameter: CommandParameter
    public var name: String { parameter.name }

    public init(_ name: String, _ type: ArgumentType, default defaultValue: CommandParameter.Default = .required,
                variadic: Bool = false, help: String) {
        parameter = .positional(name, type, default: defaultValue, variadic: variadic, help: help)
    }
}

extension CommandArgument where Value == String {
    /// One of `words` (`dataset lines`).
    public static func word(_ name: String, _ words: [String], help: String) -> Self {
        CommandArgument(name, .word(words), help: help)
    }

    /// A file path in quotes.
    public static func path(_ name: String, help: String) -> Self { CommandArgument(name, .path, help: help) }

    /// Text in quotes; `defaultValue` when left out, else required.
    public static func text(_ name: String, default defaultValue: String? = nil, help: String) -> Self {
        CommandArgument(name, .string, default: defaultValue?.parameterDefault ?? .required, help: help)
    }

    /// A bare name (a session's, a command's).
    public static func name(_ name: String, help: String) -> Self { CommandArgument(name, .name, help: help) }

    /// The name of a bound variable (`train net …` rebinds it).
    public static func variable(_ name: String, help: String) -> Self { CommandArgument(name, .variable, help: help) }
}

extension CommandArgument where Value == String? {
    /// A file path in quotes, nil when left out.
    public static func path(_ name: String, help: String) -> Self {
        CommandArgument(name, .path, default: .absent, help: help)
    }

    /// A bare name, nil when left out.
    public static func name(_ name: String, help: String) -> Self {
        CommandArgument(name, .name, default: .absent, help: help)
    }
}

extension CommandArgument where Value == Int? {
    /// An integer in `range`, nil when left out.
    public static func integer(_ name: String, in range: ClosedRange<Int>, help: String) -> Self {
        CommandArgument(name, .integer(range), default: .absent, help: help)
    }
}

extension CommandArgument where Value == [String] {
    /// All remaining positional arguments, each the name of a bound variable (`del a b c`).
    public static func variables(_ name: String, help: String) -> Self {
        CommandArgument(name, .variable, variadic: true, help: help)
    }
}

extension CommandArgument where Value: WordValue {
    /// One of the enum's cases by its raw value, read as the case.
    public static func word(_ name: String, help: String) -> Self {
        CommandArgument(name, .word(Value.words), help: help)
    }
}

extension CommandArgument where Value == Workbench.Value {
    /// Any expression, evaluated; `types` are the type names it may have (none: any type).
    /// For an argument of one object type, `object` reads it as that type.
    public static func value(_ name: String, of types: [String], help: String) -> Self {
        CommandArgument(name, .value(of: types), help: help)
    }

    /// A bare word from `words`, else a value of `types` (`plan sim`, `plan net`).
    public static func wordOrValue(_ name: String, _ words: [String], of types: [String], help: String) -> Self {
        CommandArgument(name, .wordOrValue(words, of: types), help: help)
    }
}

extension CommandArgument where Value == [Workbench.Value] {
    /// All remaining positional arguments, each a value of `types` (`compare base net data`).
    public static func values(_ name: String, of types: [String], help: String) -> Self {
        CommandArgument(name, .value(of: types), variadic: true, help: help)
    }

    /// All remaining positional arguments, each a bare word from `words` or a value of `types`
    /// (`plan sim`, `plan r o m`).
    public static func wordsOrValues(_ name: String, _ words: [String], of types: [String], help: String) -> Self {
        CommandArgument(name, .wordOrValue(words, of: types), variadic: true, help: help)
    }
}

extension CommandArgument where Value: WorkbenchObject {
    /// A value of one object type (`Value.typeName`), read as that Swift type.
    public static func object(_ name: String, help: String) -> Self {
        CommandArgument(name, .value(of: [Value.typeName]), help: help)
    }
}

extension CommandParameter {
    /// `argument` in a parameter list; `help` rewords it for this command (its type, and
    /// whether it may be left out, stay the declaration's: they decide the Swift type).
    ///
    ///     .argument(.path, help: "where (.npy); written atomically")
    public static func argument<Value>(_ argument: CommandArgument<Value>, help: String? = nil) -> CommandParameter {
        let declared = argument.parameter
        return .positional(declared.name, declared.type, default: declared.defaultValue, variadic: declared.isVariadic,
                           help: help ?? declared.help)
    }
}

extension Invocation {
    /// The checked value of a positional `argument`, as its declared Swift type.
    ///
    ///     let path = call[.path]          // String
    public subscript<Value: ArgumentValue>(_ argument: CommandArgument<Value>) -> Value {
        checkDeclared(argument)
        guard let value = Value(argument: arguments[argument.name]) else {
            preconditionFailure("\(command.name): argument '\(argument.name)' is not declared as \(Value.self)")
        }
        return value
    }

    /// An object argument as its declared type. The binder has checked the type name; a
    /// value of another Swift type with the same name (an extension's) is refused here, with
    /// the caret under the argument.
    ///
    ///     let data = try call[.data]      // DatasetValue
    public subscript<Object: WorkbenchObject>(_ argument: CommandArgument<Object>) -> Object {
        get throws {
            checkDeclared(argument)
            guard case .object(let object)? = arguments[argument.name], let typed = object as? Object else {
                throw CommandError("expected \(article(Object.typeName)) \(Object.typeName)", argument: argument.name)
            }
            return typed
        }
    }

    /// A read of an argument the command does not declare (or declares as an option) is a bug
    /// in the handler: it would read as nil, or trap later with a vaguer message.
    func checkDeclared<Value>(_ argument: CommandArgument<Value>) {
        precondition(command.parameter(argument.name)?.isPositional == true,
                     "\(command.name): reads positional argument '\(argument.name)' it does not declare")
    }
}

extension CommandError {
    /// An error with the caret under `argument`.
    public init<Value>(_ message: String, argument: CommandArgument<Value>, suggestion: String? = nil) {
        self.init(message, argument: argument.name, suggestion: suggestion)
    }

    /// An error with the caret under item `index` of a variadic `argument` (`plan r other`).
    public init<Value>(_ message: String, item index: Int, of argument: CommandArgument<Value>, suggestion: String? = nil) {
        self.init(message, argument: CommandParameter.itemName(argument.name, index), suggestion: suggestion)
    }
}
