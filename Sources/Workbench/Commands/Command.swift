/// One command of the language, declared once: this value drives parsing and validation of
/// its arguments, `help`, tab completion, the session recorder and the tests.
///
///     extension Command {
///         static let say = Command(
///             "say", summary: "Print narration (for lessons)",
///             parameters: [.argument(.text)],      // CommandArgument<String>.text
///             example: #"say "Billiards: two balls in a box""#
///         ) { call in
///             call.print(call[.text])
///             return .done
///         }
///     }
///
/// A two-word name (`"save session"`) is a subcommand: `save session demo` runs it, while
/// `save data "d.safetensors"` runs `save`.
public struct Command: Sendable {
    public typealias Handler = @Sendable (inout Invocation) throws -> Outcome

    public let name: String
    public let summary: String
    public let parameters: [CommandParameter]
    /// The type name of the value the command gives (`"dataset"`), which `name = …` binds;
    /// nil for commands that give nothing to bind.
    public let returns: String?
    /// A complete statement, shown by `help` and run by the tests.
    public let example: String
    /// Further paragraphs for `help CMD`.
    public let discussion: String
    /// Whether a successful statement goes into the saved session (`help` and `quit` do not).
    public let isRecorded: Bool
    public let run: Handler

    public init(_ name: String, summary: String, parameters: [CommandParameter] = [], returns: String? = nil,
                example: String, discussion: String = "", recorded: Bool = true,
                run: @escaping Handler) {
        self.name = name
        self.summary = summary
        self.parameters = parameters
        self.returns = returns
        self.example = example
        self.discussion = discussion
        self.isRecorded = recorded
        self.run = run
    }

    public func parameter(_ name: String) -> CommandParameter? { parameters.first { $0.name == name } }

    /// `dataset world [n=INT] [seed=INT] …`
    public var usage: String {
        ([name] + parameters.map(\.usage)).joined(separator: " ")
    }
}

/// What a command gives back: a value to bind, a one-line summary (printed, and written under
/// the statement in a saved session, where `--check` compares it), arguments to record
/// differently from how they were typed, and other bindings to replace.
///
///     return .value(.object(data))                       // summary: the value's own
///     return .summary("mse 0.00123 (teacher forced)")    // nothing to bind
///     return Outcome.value(.object(net)).recording("steps", 1234)   // interrupted training
public struct Outcome: Sendable {
    public var value: Value?
    public var summary: String?
    /// Arguments the recorder writes instead of what was typed (`steps=N` after Ctrl-C).
    public var recorded: [String: Value] = [:]
    /// Bindings other than the target to replace when the statement succeeds (`train net`
    /// rebinds `net` to the trained model).
    public var updates: [String: Value] = [:]
    /// Named numbers for sweeps' results files (see `ResultRow`).
    public var figures: [ResultRow] = []

    public init(value: Value? = nil, summary: String? = nil) {
        self.value = value
        self.summary = summary
    }

    /// Nothing to bind or summarise (`show`, `say`).
    public static let done = Outcome()

    /// A value to bind; the summary defaults to the value's own.
    public static func value(_ value: Value, summary: String? = nil) -> Outcome {
        Outcome(value: value, summary: summary ?? value.summary)
    }

    /// A result line without a value.
    public static func summary(_ text: String) -> Outcome { Outcome(summary: text) }

    /// This outcome, recording `name=value` in the session instead of the typed argument.
    public func recording(_ name: String, _ value: Double) -> Outcome {
        var copy = self
        copy.recorded[name] = .number(value)
        return copy
    }

    /// This outcome, also rebinding `name` to `value` when the statement succeeds.
    public func updating(_ name: String, to value: Value) -> Outcome {
        var copy = self
        copy.updates[name] = value
        return copy
    }
}
