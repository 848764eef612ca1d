/// One argument of a command: its name, type, default and help.
///
///     .positional("world", .word(worlds), help: "the world to simulate")
///     .option("n", .integer(1...1_000_000), default: 10_000, help: "trajectories")
///     .option("seed", .integer(0...Int(1 << 53)), default: .seed, help: "generator seed")
///
/// Positional parameters may also be given as `name=value`; options only as `name=value`.
public struct CommandParameter: Sendable {
    /// What happens when the argument is left out.
    public enum Default: Sendable {
        /// The statement is refused without it.
        case required
        /// The handler sees no value (`call.optional…` returns nil).
        case absent
        /// This value.
        case value(Value)
        /// The session's next seed (`set seed=…`), written into the recorded statement, so a
        /// saved session replays without depending on the order of unrelated statements.
        case seed
    }

    public let name: String
    public let type: ArgumentType
    public let defaultValue: Default
    public let help: String
    public let isPositional: Bool
    /// Takes all remaining positional arguments (as a list); for `del a b c`.
    public let isVariadic: Bool

    public static func positional(_ name: String, _ type: ArgumentType, default defaultValue: Default = .required,
                                  variadic: Bool = false, help: String) -> CommandParameter {
        CommandParameter(name: name, type: type, defaultValue: defaultValue, help: help, isPositional: true, isVariadic: variadic)
    }

    /// The name under which item `index` of variadic parameter `name` has its own span, so a
    /// handler's error can point at one item (`CommandError(_:item:of:)`).
    public static func itemName(_ name: String, _ index: Int) -> String { "\(name)[\(index)]" }

    public static func option(_ name: String, _ type: ArgumentType, default defaultValue: Default = .absent,
                              help: String) -> CommandParameter {
        CommandParameter(name: name, type: type, defaultValue: defaultValue, help: help, isPositional: false, isVariadic: false)
    }

    /// `n=INT`, `world`, `[names…]`, for usage lines.
    var usage: String {
        let core = isPositional ? (isVariadic ? name + "…" : name) : name + "=" + type.placeholder
        switch defaultValue {
        case .required: return core
        default: return "[" + core + "]"
        }
    }

    /// `10000`, `next session seed`, or nil when there is nothing to say.
    var defaultDescription: String? {
        switch defaultValue {
        case .required, .absent: return nil
        case .value(let value): return value.summary
        case .seed: return "the session's next seed"
        }
    }
}

extension CommandParameter.Default: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral {
    public init(integerLiteral value: Int) { self = .value(.number(Double(value))) }
    public init(floatLiteral value: Double) { self = .value(.number(value)) }
    public init(stringLiteral value: String) { self = .value(.string(value)) }
}
